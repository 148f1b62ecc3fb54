// The manage link: the customer reschedules, meets the tenant's cancellation window, then cancels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, api, bookViaApi, demoCatalog, demoUrl, freeSlots, launchBrowser, localDate, openPage, ownerToken, screenshots, type Booking } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  // Leave the demo tenant's policy as it was, whatever happened.
  await api('/tenant', { method: 'PATCH', body: { policy: { cancellationNoticeMinutes: 0 } }, token: await ownerToken() });
});

describe('manage page', () => {
  it('reschedules the booking from its manage link, then cancels it', async () => {
    const shot = screenshots('manage');
    const { service, member } = await demoCatalog();
    const colour = service('Colour');
    const priya = member('Priya Singh');
    const slots = await freeSlots(colour.id, 'Australia/Sydney', priya.id);
    const first = slots[0]!;
    const booking = await bookViaApi(colour.id, first.start, priya.id, 'Morgan Manage');
    const link = demoUrl(`/manage/${booking.id}#token=${encodeURIComponent(booking.manageToken!)}`);

    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    await page.goto(link);
    await page.getByRole('heading', { name: 'Your booking' }).waitFor();
    expect(await page.getByTestId('booking-summary').textContent()).toContain('Colour');
    expect(await page.getByTestId('booking-summary').textContent()).toContain('Priya Singh');
    expect(await page.getByTestId('booking-status').textContent()).toBe('Confirmed');
    await shot(page, 'booking');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Reschedule: the calendar opens on the booking's day with Priya's other free times.
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    await page.locator('.calendar:not(.is-loading)').waitFor();
    expect(await page.locator('.day[aria-pressed="true"]').getAttribute('data-date')).toBe(localDate(first.start));
    // Colour blocks 15 minutes after its end: the next time offered starts after that.
    const freeAgain = Date.parse(first.end) + 15 * 60_000;
    const target = slots.find((s) => Date.parse(s.start) >= freeAgain)!;
    if (localDate(target.start).slice(0, 7) !== localDate(first.start).slice(0, 7)) await page.getByRole('button', { name: 'Next month' }).click();
    if (localDate(target.start) !== localDate(first.start)) await page.locator(`.day[data-date="${localDate(target.start)}"]`).click();
    await page.locator(`.slot[data-start="${target.start}"]`).click();
    await shot(page, 'reschedule-pick');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm new time' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your booking is moved to' }).count()).toBe(1);
    const moved = await api<Booking>(`/bookings/${booking.id}`, { manageToken: booking.manageToken });
    expect(moved.body.start).toBe(target.start);
    expect(moved.body.status).toBe('confirmed');
    await shot(page, 'rescheduled');

    // Inside the tenant's cancellation window the customer gets the API's own message.
    const token = await ownerToken();
    const patched = await api('/tenant', { method: 'PATCH', body: { policy: { cancellationNoticeMinutes: 525_600 } }, token });
    expect(patched.status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.getByRole('button', { name: 'Yes, cancel booking' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const refused = await api<{ code: string; detail: string }>(`/bookings/${booking.id}/cancel`, { body: {}, manageToken: booking.manageToken });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('cancellation_window_passed');
    expect(await alert.textContent()).toBe(refused.body.detail);
    expect(await page.getByTestId('booking-status').textContent()).toBe('Confirmed');
    await shot(page, 'cancel-window-passed');

    // Outside it, cancelling works and frees the time.
    await api('/tenant', { method: 'PATCH', body: { policy: { cancellationNoticeMinutes: 0 } }, token });
    await page.reload();
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.getByLabel('Reason').fill('Plans changed.');
    await page.getByRole('button', { name: 'Yes, cancel booking' }).click();
    await page.getByRole('heading', { name: 'Booking cancelled' }).waitFor();
    expect(await page.getByTestId('booking-status').textContent()).toBe('Cancelled');
    expect(await page.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);
    const cancelled = await api<Booking>(`/bookings/${booking.id}`, { manageToken: booking.manageToken });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await freeSlots(colour.id, 'Australia/Sydney', priya.id)).some((s) => s.start === target.start)).toBe(true);
    await shot(page, 'cancelled');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains a link without its key or with a wrong one', async () => {
    const { page, context } = await openPage(browser);
    await page.goto(demoUrl('/manage/00000000-0000-0000-0000-000000000001'));
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/missing its key/);
    await page.goto(demoUrl('/manage/00000000-0000-0000-0000-000000000002#token=wrong'));
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/could not find this booking/);
    await context.close();
  });
});
