// The admin calendar: the day's time grid, a drag and a keyboard move to reschedule, a click on an empty time
// to book for a customer on the phone (same rules and confirmation e-mail as online), the booking panel, and the
// agenda list at 390 px without horizontal scroll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, OWNER, api, bookViaApi, demoCatalog, demoUrl, freeSlots, launchBrowser, localDate, openPage, ownerToken, screenshots, waitForMail, type Slot } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, path: string) {
  await page.goto(demoUrl(path));
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The y offset (inside a column) of a time of day, from the grid's first hour and scale. */
async function yOf(page: Page, minute: number) {
  const grid = page.locator('.tgrid[aria-busy="false"]');
  const first = Number(await grid.getAttribute('data-first'));
  const px = Number(await grid.getAttribute('data-px'));
  return (minute - first) * px;
}

describe('admin calendar', () => {
  it('moves a booking by drag and by keyboard, books by phone from an empty time, and opens the panel', async () => {
    const shot = screenshots('calendar');
    const { service, member } = await demoCatalog();
    const haircut = service('Haircut');
    const sam = member('Sam Taylor');
    const slots = await freeSlots(haircut.id, 'Australia/Sydney', sam.id);
    // A day at least two days ahead with a free morning and afternoon for Sam.
    const days = [...new Set(slots.map((s) => localDate(s.start)))].slice(2);
    const free = (day: string) => new Set(slots.filter((s) => localDate(s.start) === day).map((s) => s.start));
    const day = days.find((d) => [`${d}T09:00`, `${d}T14:00`, `${d}T15:00`, `${d}T11:00`].every((t) => [...free(d)].some((s) => s.startsWith(t))))!;
    expect(day).toBeDefined();
    const at = (time: string) => [...free(day)].find((s) => s.startsWith(`${day}T${time}`))! as Slot['start'];
    const booking = await bookViaApi(haircut.id, at('09:00'), sam.id, 'Drew Dragme');

    // Tall enough that the whole day's grid is in view for the drags.
    const { page, errors, context } = await openPage(browser, { timezoneId: 'Europe/London', height: 1600 });
    await signIn(page, `/admin?view=day&date=${day}`);
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    const block = page.locator(`[data-booking="${booking.id}"]`);
    await block.waitFor();
    await shot(page, 'day-view');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Drag it from 09:00 to 14:00 in Sam's column (times in the business's zone, whatever the browser's).
    const samColumn = page.getByRole('group', { name: new RegExp(`^Sam Taylor, `) });
    await block.dragTo(samColumn, { sourcePosition: { x: 8, y: 4 }, targetPosition: { x: 20, y: (await yOf(page, 14 * 60)) + 6 } });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Moved Drew Dragme' }).count()).toBe(1);
    const token = await ownerToken();
    expect((await api<{ start: string; staffId: string }>(`/bookings/${booking.id}`, { token })).body).toMatchObject({ start: at('14:00'), staffId: sam.id });
    await shot(page, 'dragged');

    // By keyboard: four steps down (an hour), Enter.
    await block.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.locator('.tgrid-ghost').waitFor();
    await shot(page, 'keyboard-move-pending');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await api<{ start: string }>(`/bookings/${booking.id}`, { token })).body.start).toBe(at('15:00'));

    // A time that is not free is refused with the reason, and nothing changes: drag onto Sam's lunch break.
    await block.dragTo(samColumn, { sourcePosition: { x: 8, y: 4 }, targetPosition: { x: 20, y: (await yOf(page, 12 * 60 + 45)) + 6 } });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Drew Dragme was not moved' }).count()).toBe(1);
    expect((await api<{ start: string }>(`/bookings/${booking.id}`, { token })).body.start).toBe(at('15:00'));
    await shot(page, 'move-refused');

    // Click an empty time (11:00 in Sam's column): book for a caller.
    await samColumn.click({ position: { x: 30, y: (await yOf(page, 11 * 60)) + 3 } });
    const dialog = page.getByRole('dialog', { name: 'New booking' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Time').inputValue()).toBe('11:00');
    expect(await dialog.getByLabel('Date').inputValue()).toBe(day);
    await dialog.getByRole('button', { name: 'Book' }).click();
    await dialog.getByText('Please enter a name.').waitFor();
    await dialog.getByLabel('Customer name').fill('Pat Phoned');
    await dialog.getByLabel('Customer email').fill('pat.phoned@example.com');
    await dialog.getByLabel('Service').selectOption({ label: 'Haircut (30 mins)' });
    await dialog.getByLabel(/^Phone/).fill('+61 400 111 222');
    await shot(page, 'new-booking');
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Book' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Booked Pat Phoned' }).count()).toBe(1);
    const phoned = (await api<{ items: { id: string; start: string; staffId: string; customer: { phone: string } }[] }>(`/bookings?from=${day}&to=${day}`, { token })).body.items.find(
      (b) => b.customer.phone === '+61 400 111 222',
    );
    expect(phoned).toMatchObject({ start: at('11:00'), staffId: sam.id });
    // The same confirmation e-mail as an online booking.
    await waitForMail('pat.phoned@example.com', /^Booking confirmed: Haircut/);

    // The same time again is refused (the same rules as online), the dialog says why and stays open.
    await page.getByRole('button', { name: 'New booking' }).click();
    const again = page.getByRole('dialog', { name: 'New booking' });
    await again.getByLabel('With').selectOption(sam.id);
    await again.getByLabel('Date').fill(day);
    await again.getByLabel('Service').selectOption({ label: 'Haircut (30 mins)' });
    await again.getByLabel('Time').fill('11:00');
    await again.getByLabel('Customer name').fill('Lee Late');
    await again.getByLabel('Customer email').fill('lee.late@example.com');
    await again.getByRole('button', { name: 'Book' }).click();
    await again.getByRole('alert').filter({ hasText: /cannot take this service at 11:00/i }).waitFor();
    await shot(page, 'new-booking-refused');
    await again.getByRole('button', { name: 'Cancel' }).click();

    // The panel: details of the booking.
    await block.click();
    const panel = page.getByRole('dialog', { name: 'Drew Dragme' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Sam Taylor');
    await shot(page, 'booking-panel');
    await page.keyboard.press('Escape');

    // One staff member's week.
    await page.getByRole('button', { name: 'Week' }).click();
    await page.getByLabel('Staff').selectOption(sam.id);
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    await block.waitFor();
    expect(await page.locator('.tgrid-head').count()).toBe(7);
    await shot(page, 'week-view');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is an agenda list at 390 px, without horizontal scroll', async () => {
    const shot = screenshots('calendar-narrow');
    const { service, member } = await demoCatalog();
    const priya = member('Priya Singh');
    const slot = (await freeSlots(service('Haircut').id, 'Australia/Sydney', priya.id))[6]!;
    await bookViaApi(service('Haircut').id, slot.start, priya.id, 'Nia Narrow');
    const { page, errors, context } = await openPage(browser, { width: 390, height: 844 });
    await signIn(page, `/admin?view=day&date=${localDate(slot.start)}`);
    const item = page.getByRole('button', { name: /Nia Narrow/ });
    await item.waitFor();
    expect(await page.locator('.tgrid').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'agenda-day');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Week' }).click();
    await item.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'agenda-week');
    await item.click();
    await page.getByRole('dialog', { name: 'Nia Narrow' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'agenda-panel');
    expect(errors).toEqual([]);
    await context.close();
  });
});
