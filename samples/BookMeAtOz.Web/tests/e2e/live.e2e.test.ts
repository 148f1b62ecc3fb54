// Live updates (SPEC §5): a second browser watching the same day sees a time vanish, without a reload,
// when someone else books it. The hub /hubs/availability is part of the host: a 404 from it is a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoCatalog, demoUrl, freeSlots, hubStatus, launchBrowser, localDate, openPage, screenshots } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('live updates', () => {
  it('a second browser watching the same day sees a time vanish when another books it', async () => {
    expect(await hubStatus()).not.toBe(404);

    const shot = screenshots('live');
    const { service, member } = await demoCatalog();
    const haircut = service('Haircut');
    const alex = member('Alex Chen');
    const slots = await freeSlots(haircut.id, 'Australia/Sydney', alex.id);
    const day = [...new Set(slots.map((s) => localDate(s.start)))].find((d) => slots.filter((s) => localDate(s.start) === d).length >= 2)!;
    const taken = slots.find((s) => localDate(s.start) === day)!.start;
    const url = demoUrl(`/?service=${haircut.id}&staff=${alex.id}&date=${day}`);

    const watcher = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    await watcher.page.goto(url);
    await watcher.page.locator(`.slot[data-start="${taken}"]`).waitFor();
    await expect.poll(() => watcher.page.locator('.live-note').getAttribute('data-live'), { timeout: 30_000 }).toBe('live');
    await watcher.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const before = await watcher.page.locator('.slot').count();
    await shot(watcher.page, 'watcher-before');

    const booker = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    await booker.page.goto(url);
    await booker.page.locator(`.slot[data-start="${taken}"]`).click();
    await booker.page.getByLabel('Name').fill('Live Booker');
    await booker.page.getByLabel('Email').fill('live.booker@example.com');
    await booker.page.getByRole('button', { name: 'Confirm booking' }).click();
    await booker.page.getByRole('heading', { name: 'You’re booked!' }).waitFor();
    const bookedAt = Date.now();
    await shot(booker.page, 'booker-confirmed');

    // The watcher's page polls only once a minute without the hub: 5 s is the hub's doing.
    await expect.poll(() => watcher.page.locator(`.slot[data-start="${taken}"]`).count(), { timeout: 30_000, interval: 100 }).toBe(0);
    console.log(`live: the taken time vanished from the second browser ${Date.now() - bookedAt} ms after the booking`);
    expect(await watcher.page.locator('.slot').count()).toBe(before - 1);
    expect(await watcher.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await shot(watcher.page, 'watcher-after');
    expect(watcher.errors).toEqual([]);
    expect(booker.errors).toEqual([]);
    await watcher.context.close();
    await booker.context.close();
  });
});
