// The admin console: sign in, create a service, set a staff member's hours, find a customer's booking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, OWNER, api, bookViaApi, demoCatalog, demoUrl, freeSlots, launchBrowser, openPage, ownerToken, screenshots, type Service } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('admin console', () => {
  it('signs in, creates a service, sets hours, and finds the customer’s booking', async () => {
    const shot = screenshots('admin');
    const { service, member } = await demoCatalog();
    const sam = member('Sam Taylor');
    const haircut = service('Haircut');
    const slot = (await freeSlots(haircut.id, 'Australia/Sydney', sam.id))[2]!;
    const booking = await bookViaApi(haircut.id, slot.start, sam.id, 'Casey Findme');

    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    await page.goto(demoUrl('/admin'));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/do not match/);
    await shot(page, 'sign-in-refused');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor();
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    await shot(page, 'bookings-week');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Services: create one, performed by Priya.
    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add service' }).click();
    await page.getByLabel('Name').fill('');
    await page.getByRole('button', { name: 'Save service' }).click();
    await expect.poll(() => page.getByText('Please enter a name.').isVisible()).toBe(true);
    await page.getByLabel('Name').fill('Beard trim');
    await page.getByLabel('Length (minutes)').fill('20');
    await page.getByLabel(/^Price/).fill('25.50');
    await page.getByLabel('Priya Singh').check();
    await shot(page, 'service-form');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save service' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved Beard trim.' }).count()).toBe(1);
    await page.getByRole('rowheader', { name: 'Beard trim' }).waitFor();
    await shot(page, 'services');
    const created = (await api<{ items: Service[] }>('/services')).body.items.find((s) => s.name === 'Beard trim');
    expect(created).toMatchObject({ durationMinutes: 20, priceCents: 2550, staffIds: [member('Priya Singh').id], active: true });

    // Hours: Priya now also works Sundays 10:00–14:00.
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('link', { name: 'Hours and time off for Priya Singh' }).click();
    await page.getByRole('heading', { name: 'Weekly hours' }).waitFor();
    await page.getByRole('button', { name: 'Add hours to Sunday' }).click();
    await page.getByLabel('Sunday from (1)').fill('10:00');
    await page.getByLabel('Sunday until (1)').fill('14:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved Priya Singh’s hours.' }).count()).toBe(1);
    await shot(page, 'hours');
    expect(await accessibilityViolations(page)).toEqual([]);
    const token = await ownerToken();
    const schedule = await api<{ weekly: Record<string, { start: string; end: string }[]> }>(`/staff/${member('Priya Singh').id}/schedule`, { token });
    expect(schedule.body.weekly.sunday).toEqual([{ start: '10:00', end: '14:00' }]);
    expect(schedule.body.weekly.monday).toEqual([
      { start: '09:00', end: '12:30' },
      { start: '13:30', end: '17:00' },
    ]);
    // …so customers can book the new service on a Sunday.
    const isSunday = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`).getUTCDay() === 0;
    const sundays = (await freeSlots(created!.id, 'Australia/Sydney', undefined, 14)).filter((s) => isSunday(s.start));
    expect(sundays.map((s) => s.start.slice(11, 16))).toContain('10:00');
    expect(sundays.every((s) => s.start.slice(11, 16) >= '10:00' && s.end.slice(11, 16) <= '14:00')).toBe(true);

    // A date override (a day off) and time off, in Priya's zone.
    const dayOff = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
    await page.getByRole('button', { name: 'Add date override' }).click();
    await page.getByLabel('Date', { exact: true }).fill(dayOff);
    await page.getByRole('button', { name: 'Save hours' }).click();
    await expect.poll(async () => (await api<{ overrides: { date: string; intervals: unknown[] }[] }>(`/staff/${member('Priya Singh').id}/schedule`, { token })).body.overrides).toEqual([
      { date: dayOff, intervals: [] },
    ]);
    const away = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(/^From/).fill(`${away}T12:00`);
    await page.getByLabel(/^Until/).fill(`${away}T15:30`);
    await page.getByLabel('Reason').fill('Dentist');
    await page.getByRole('button', { name: 'Add time off' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Time off added.' }).count()).toBe(1);
    const timeOff = await api<{ items: { start: string; end: string; reason: string }[] }>(`/staff/${member('Priya Singh').id}/time-off`, { token });
    expect(timeOff.body.items).toHaveLength(1);
    expect(timeOff.body.items[0]).toMatchObject({ reason: 'Dentist' });
    expect(timeOff.body.items[0]!.start).toMatch(new RegExp(`^${away}T12:00:00\\+1[01]:00$`));
    expect(timeOff.body.items[0]!.end).toMatch(new RegExp(`^${away}T15:30:00\\+1[01]:00$`));
    await shot(page, 'override-and-time-off');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Bookings: find the customer by name, open the booking, see it in the week view.
    await page.getByRole('link', { name: 'Bookings' }).click();
    await page.getByRole('searchbox', { name: /Find a customer/ }).fill('Casey');
    // Exact names and a scoped result: the calendar's block for this booking ("… Casey Findme …") is a button
    // too whenever the booking falls in the week shown.
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const result = page.getByRole('region', { name: /booking matches/ }).getByRole('button', { name: /Casey Findme/ });
    await result.waitFor();
    await result.click();
    const dialog = page.getByRole('dialog', { name: 'Casey Findme' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('casey.findme@example.com');
    expect(await dialog.textContent()).toContain('Sam Taylor');
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    expect(await page.locator('.tgrid-event', { hasText: 'Casey Findme' }).count()).toBe(1);
    await shot(page, 'found-booking');
    expect(await accessibilityViolations(page)).toEqual([]);

    // …reschedule it from there…
    await dialog.getByRole('button', { name: 'Reschedule' }).click();
    await dialog.locator('.slot').first().waitFor();
    const newStart = (await dialog.locator('.slot').last().getAttribute('data-start'))!;
    await dialog.locator(`.slot[data-start="${newStart}"]`).click();
    await dialog.getByRole('button', { name: /^Move to/ }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^Moved to/);
    expect((await api<{ start: string }>(`/bookings/${booking.id}`, { token })).body.start).toBe(newStart);
    await shot(page, 'rescheduled-by-admin');

    // …and cancel it.
    await dialog.getByRole('button', { name: 'Cancel booking' }).click();
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/cancelled/);
    const after = await api<{ status: string }>(`/bookings/${booking.id}`, { token });
    expect(after.body.status).toBe('cancelled');
    await shot(page, 'cancelled-by-admin');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // Settings show the tenant and its policy.
    await page.getByRole('link', { name: 'Settings' }).click();
    expect(await page.getByLabel('Business name').inputValue()).toBe('BookMeAtOz Demo Salon');
    expect(await page.getByLabel('Book up to (days ahead)').inputValue()).toBe('60');
    await shot(page, 'settings');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
