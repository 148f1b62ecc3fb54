// A staff account in the admin console (SPEC §4: staff see and change their own bookings and hours):
// its own bookings only, live; its own hours; the owners' pages are closed to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, api, bookViaApi, demoCatalog, demoUrl, freeSlots, launchBrowser, localDate, openPage, ownerToken, screenshots } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('staff account', () => {
  it('sees its own bookings (live) and hours, and not the owners’ pages', async () => {
    const shot = screenshots('staff');
    const { service, member } = await demoCatalog();
    const haircut = service('Haircut');
    const sam = member('Sam Taylor');
    const alex = member('Alex Chen');
    const account = { name: 'Sam Taylor', email: 'sam.staff@example.com', password: 'sam-staff-password', role: 'staff', staffId: sam.id };
    const created = await api('/users', { token: await ownerToken(), body: account });
    expect(created.status).toBe(201);

    // A booking of Sam's and one of Alex's on the same day.
    const alexSlots = await freeSlots(haircut.id, 'Australia/Sydney', alex.id);
    const samSlot = (await freeSlots(haircut.id, 'Australia/Sydney', sam.id)).slice(6).find((s) => alexSlots.some((a) => localDate(a.start) === localDate(s.start)))!;
    const day = localDate(samSlot.start);
    const alexSlot = alexSlots.find((s) => localDate(s.start) === day)!;
    await bookViaApi(haircut.id, alexSlot.start, alex.id, 'Other Customer');

    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    await page.goto(demoUrl(`/admin?view=day&date=${day}`));
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My bookings', level: 1 }).waitFor();
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    const nav = page.getByRole('navigation', { name: 'Admin' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['My bookings', 'My hours', 'Booking page']);
    // Its own column only, even in the day view of everyone.
    expect(await page.locator('.tgrid-head').allTextContents()).toEqual(['Sam Taylor']);
    expect(await page.locator('.tgrid-col').evaluateAll((cols) => [...new Set(cols.map((c) => c.getAttribute('data-staff')))])).toEqual([sam.id]);
    expect(await page.locator('.tgrid-event', { hasText: 'Other Customer' }).count()).toBe(0);
    await expect.poll(() => page.locator('[data-live]').getAttribute('data-live'), { timeout: 30_000 }).toBe('live');

    await bookViaApi(haircut.id, samSlot.start, sam.id, 'Sam’s Customer');
    await expect.poll(() => page.locator('.tgrid-event', { hasText: 'Sam’s Customer' }).count(), { timeout: 30_000, interval: 100 }).toBe(1);
    await shot(page, 'my-bookings');
    expect(await accessibilityViolations(page)).toEqual([]);

    await nav.getByRole('link', { name: 'My hours' }).click();
    await page.getByRole('heading', { name: 'My hours', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Weekly hours' }).waitFor();
    expect(await page.getByRole('link', { name: /All staff/ }).count()).toBe(0);
    await shot(page, 'my-hours');

    await page.goto(demoUrl('/admin/settings'));
    await page.getByRole('heading', { name: 'For owners and admins', level: 1 }).waitFor();
    await shot(page, 'owners-only');
    expect(errors).toEqual([]);
    await context.close();
  });
});
