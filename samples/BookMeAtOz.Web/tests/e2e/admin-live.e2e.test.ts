// The admin console, live (SPEC §5): the week view shows a booking made elsewhere, and its cancellation,
// without a reload, from the hub's bookingChanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { OWNER, api, bookViaApi, demoCatalog, demoUrl, freeSlots, launchBrowser, localDate, openPage, ownerToken, screenshots } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('admin console, live', () => {
  it('shows a booking made elsewhere in the open week, and its cancellation, without a reload', async () => {
    const shot = screenshots('admin-live');
    const { service, member } = await demoCatalog();
    const haircut = service('Haircut');
    const priya = member('Priya Singh');
    const slot = (await freeSlots(haircut.id, 'Australia/Sydney', priya.id))[4]!;

    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    await page.goto(demoUrl(`/admin?view=day&date=${localDate(slot.start)}`));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    await expect.poll(() => page.locator('[data-live]').getAttribute('data-live'), { timeout: 30_000 }).toBe('live');
    expect(await page.locator('.tgrid-event', { hasText: 'Robin Live' }).count()).toBe(0);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // A customer books online (here: over the API, as the booking page does).
    const booking = await bookViaApi(haircut.id, slot.start, priya.id, 'Robin Live');
    const bookedAt = Date.now();
    await expect.poll(() => page.locator('.tgrid-event', { hasText: 'Robin Live' }).count(), { timeout: 30_000, interval: 100 }).toBe(1);
    console.log(`admin live: the new booking showed in the week view ${Date.now() - bookedAt} ms after it was made`);
    await shot(page, 'booking-appeared');

    // Someone else cancels it: it leaves the week (cancelled ones are hidden by default).
    const cancelled = await api(`/bookings/${booking.id}/cancel`, { token: await ownerToken(), body: { reason: 'Live test' } });
    expect(cancelled.status).toBe(200);
    await expect.poll(() => page.locator('.tgrid-event', { hasText: 'Robin Live' }).count(), { timeout: 30_000, interval: 100 }).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await shot(page, 'booking-gone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
