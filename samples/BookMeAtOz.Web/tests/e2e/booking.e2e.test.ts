// A customer books the demo tenant from the first page to the confirmation, in their own time zone.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, layoutShift, api, bookViaApi, demoCatalog, demoUrl, freeSlots, launchBrowser, localDate, openPage, ownerToken, screenshots, type Booking } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('customer booking flow', () => {
  it('books the demo tenant from the first page to the confirmation, with times in the customer’s zone', async () => {
    const shot = screenshots('booking');
    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Perth' });
    const { service } = await demoCatalog();
    const haircut = service('Haircut');

    await page.goto(demoUrl('/'));
    await expect.poll(() => page.getByRole('heading', { name: 'Choose a service' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.brand').textContent()).toBe('BookMeAtOz Demo Salon');
    await shot(page, 'services');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /^Haircut/ }).click();
    await page.getByRole('heading', { name: 'Who would you like?' }).waitFor();
    await shot(page, 'staff');
    await page.getByRole('button', { name: /Anyone available/ }).click();

    await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
    const firstSlot = page.locator('.slot').first();
    await firstSlot.waitFor();
    // The zone is detected from the browser and shown.
    expect(await page.getByTestId('time-zone').textContent()).toMatch(/^Australia\/Perth \(AWST, GMT\+08:00\)$/);

    // The day opened is the first with free times, and it lists exactly the API's free times for that
    // day in Perth, labelled in Perth's wall time.
    const perthSlots = await freeSlots(haircut.id, 'Australia/Perth');
    const day = localDate(perthSlots[0]!.start);
    const expected = perthSlots.filter((s) => localDate(s.start) === day).map((s) => s.start);
    expect(await page.locator('.slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-start')))).toEqual(expected);
    const [hh, mm] = expected[0]!.slice(11, 16).split(':').map(Number) as [number, number];
    expect((await firstSlot.locator('.slot-time').textContent())?.replace(/\s+/g, ' ')).toMatch(new RegExp(`^${hh % 12 || 12}:${String(mm).padStart(2, '0')}\\s?(am|pm)`, 'i'));
    // Days before today, and days without times, cannot be chosen.
    const disabledBefore = await page.locator('.day[aria-disabled="true"]').count();
    expect(disabledBefore).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.live-note').getAttribute('data-live'), { timeout: 30_000 }).toBe('live');
    await shot(page, 'times');
    expect(await accessibilityViolations(page)).toEqual([]);

    const chosen = expected[0]!;
    await firstSlot.click();
    await page.getByRole('heading', { name: 'Your details' }).waitFor();
    expect(await page.getByTestId('chosen-time').textContent()).toMatch(/AWST|GMT\+8/);

    // Inline validation mirrors the API's rules before anything is sent.
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await expect.poll(() => page.getByText('Please enter a name.').isVisible()).toBe(true);
    expect(await page.getByText('Please enter your email address.').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Email').fill('jane@');
    await page.getByLabel('Phone').fill('call me');
    await page.getByLabel('Phone').blur();
    await expect.poll(() => page.getByText('Must be a valid email address').isVisible()).toBe(true);
    expect(await page.getByText('May contain only digits, spaces and + - ( ) .').isVisible()).toBe(true);
    await shot(page, 'details-invalid');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Name').fill('Jane Customer');
    await page.getByLabel('Email').fill('jane.customer@example.com');
    await page.getByLabel('Phone').fill('+61 400 000 000');
    await page.getByLabel('Notes').fill('First visit.');
    expect(await page.locator('.field-error:not(:empty)').count()).toBe(0);
    await shot(page, 'details');
    await page.getByRole('button', { name: 'Confirm booking' }).click();

    await page.getByRole('heading', { name: 'You’re booked!' }).waitFor();
    expect(await page.getByTestId('booking-status').textContent()).toBe('Confirmed');
    const manageLink = await page.getByTestId('manage-link').inputValue();
    expect(manageLink).toMatch(new RegExp(`^${demoUrl('/manage/')}[0-9a-f-]{36}#token=.+`));
    await shot(page, 'confirmation');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The booking is real, at the chosen time.
    const id = /manage\/([0-9a-f-]{36})/.exec(manageLink)![1]!;
    const token = decodeURIComponent(manageLink.split('#token=')[1]!);
    const booking = await api<Booking>(`/bookings/${id}?timeZone=Australia/Perth`, { manageToken: token });
    expect(booking.status).toBe(200);
    expect(booking.body.start).toBe(chosen);
    expect(booking.body.customer.name).toBe('Jane Customer');

    // "Add to calendar" downloads the .ics file (fetched with the manage token).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Add to calendar/ }).click()]);
    expect(download.suggestedFilename()).toBe(`booking-${id}.ics`);
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('Haircut');

    // No error was shown or thrown on the way (a missing hub is not an error for the customer).
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says clearly when the time was taken meanwhile (409) and shows refreshed times', async () => {
    const shot = screenshots('booking-conflict');
    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    const { service, member } = await demoCatalog();
    const haircut = service('Haircut');
    const sam = member('Sam Taylor');
    // Without live updates (the hub unreachable, as on a network that blocks WebSockets) the list is not
    // refreshed at once when someone else books, so the customer can still choose the taken time.
    await context.route('**/hubs/**', (route) => route.abort());

    await page.goto(demoUrl(`/?service=${haircut.id}&staff=${sam.id}`));
    const slot = page.locator('.slot').first();
    await slot.waitFor();
    const start = (await slot.getAttribute('data-start'))!;

    // Someone else books that time with Sam while this customer still looks at the list; choosing it then
    // tries to hold it, which fails (409 slot_unavailable).
    await bookViaApi(haircut.id, start, sam.id, 'Quick Customer');
    await page.locator(`.slot[data-start="${start}"]`).click();

    await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/that time was just taken/);
    await expect.poll(() => page.locator('.slot').count()).toBeGreaterThan(0);
    expect(await page.locator(`.slot[data-start="${start}"]`).count()).toBe(0);
    await shot(page, 'taken-meanwhile');

    // The details typed are kept for the next try.
    await page.locator('.slot').first().click();
    await page.getByLabel('Name').fill('Slow Customer');
    await page.getByRole('link', { name: 'Change time' }).click();
    await page.locator('.slot').first().click();
    expect(await page.getByLabel('Name').inputValue()).toBe('Slow Customer');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the next month when this one has no free times left', async () => {
    // A staff member who works one morning only, early next month.
    const token = await ownerToken();
    const now = new Date();
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 5)).toISOString().slice(0, 10);
    const staff = await api<{ id: string }>('/staff', { body: { name: 'Visiting Stylist' }, token });
    await api(`/staff/${staff.body.id}/schedule`, { method: 'PUT', body: { weekly: {}, overrides: [{ date: nextMonth, intervals: [{ start: '10:00', end: '12:00' }] }] }, token });
    const service = await api<{ id: string }>('/services', { body: { name: 'Guest styling', durationMinutes: 60, staffIds: [staff.body.id] }, token });
    expect(service.status).toBe(201);

    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    await page.goto(demoUrl(`/?service=${service.body.id}&staff=any`));
    await page.locator('.slot').first().waitFor();
    expect(await page.locator('.day[aria-pressed="true"]').getAttribute('data-date')).toBe(nextMonth);
    // Sydney is +11:00 in summer and +10:00 in winter: the offset of that very morning, whatever month it is.
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Australia/Sydney', timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${nextMonth}T00:00:00Z`))
      .find((p) => p.type === 'timeZoneName')!
      .value.replace('GMT', '');
    expect(await page.locator('.slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-start')))).toEqual([
      `${nextMonth}T10:00:00${offset}`,
      `${nextMonth}T11:00:00${offset}`,
    ]);
    await api(`/services/${service.body.id}`, { method: 'PATCH', body: { active: false }, token });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works by keyboard and fits a phone screen', async () => {
    const shot = screenshots('booking-phone');
    const { page, errors, context } = await openPage(browser, { timezoneId: 'Europe/London', locale: 'en-GB', width: 375, height: 740 });
    const { service } = await demoCatalog();
    const haircut = service('Haircut');

    await page.goto(demoUrl('/'));
    await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
    // The skip link comes first, then the business name, then the services.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await shot(page, 'services-phone');
    await page.getByRole('button', { name: /^Haircut/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /Anyone available/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.slot').first().waitFor();

    // Loaded directly, the time step fills in its placeholders without moving anything (CLS < 0.1, "good").
    await page.goto(demoUrl(`/?service=${haircut.id}&staff=any`));
    await page.locator('.slot').first().waitFor();
    expect(await layoutShift(page)).toBeLessThan(0.1);

    const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideScroll()).toBe(true);
    expect(await page.getByTestId('time-zone').textContent()).toMatch(/^Europe\/London/);
    await shot(page, 'times-phone');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Arrow keys move through the calendar grid; Enter on a free day shows its times.
    const selected = page.locator('.day[aria-pressed="true"]');
    const from = (await selected.getAttribute('data-date'))!;
    await selected.focus();
    const londonSlots = await freeSlots(haircut.id, 'Europe/London');
    const freeDays = [...new Set(londonSlots.map((s) => localDate(s.start)))].filter((d) => d > from && d.slice(0, 7) === from.slice(0, 7));
    if (freeDays.length > 0) {
      const target = freeDays[0]!;
      const steps = (Date.parse(target) - Date.parse(from)) / 86_400_000;
      for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-date'))).toBe(target);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.day[aria-pressed="true"]').getAttribute('data-date')).toBe(target);
      await expect.poll(() => page.locator('.slot').first().getAttribute('data-start')).toBe(londonSlots.find((s) => localDate(s.start) === target)!.start);
    }
    await page.locator('.slot').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your details' }).waitFor();
    expect(await noSideScroll()).toBe(true);
    await shot(page, 'details-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
