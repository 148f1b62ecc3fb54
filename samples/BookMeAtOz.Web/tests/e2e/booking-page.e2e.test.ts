// The booking page's time step and after: the searchable time-zone list (canonical names, offsets, regions, the
// browser's zone first), a sensible day after a zone change, the calendar's Tab stop, the error and retry state,
// honest e-mail wording, "book another", and a service's location on the landing page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, api, demoCatalog, demoUrl, launchBrowser, openPage, ownerToken, screenshots } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function toTimes(page: Page, service: RegExp) {
  await page.goto(demoUrl('/'));
  await page.getByRole('button', { name: service }).click();
  await page.getByRole('button', { name: /Anyone available/ }).click();
  await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
  await page.locator('.slot').first().waitFor();
}

/** The chosen day can be chosen and lists times. */
async function expectUsableDay(page: Page) {
  await page.locator('.slot').first().waitFor();
  expect(await page.locator('.day-selected').getAttribute('aria-disabled')).toBe('false');
  expect(await page.getByText('No free times left on this day').count()).toBe(0);
}

describe('booking page', () => {
  it('finds a time zone by typing, keeps a usable day after the change, and tabs to a day that can be chosen', async () => {
    const shot = screenshots('booking-page');
    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Sydney' });
    await toTimes(page, /^Haircut/);
    // The calendar's one Tab stop is a day that can be chosen.
    expect(await page.locator('.calendar .day[tabindex="0"]').getAttribute('aria-disabled')).toBe('false');

    await page.getByRole('button', { name: 'Change time zone' }).click();
    const search = page.getByRole('combobox', { name: 'Find your time zone' });
    await search.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    // The browser's zone first; canonical names only; an offset beside each.
    expect(await page.getByRole('listbox', { name: 'Time zones' }).getByRole('option').first().getAttribute('data-zone')).toBe('Australia/Sydney');
    expect(await page.locator('[data-zone="Asia/Calcutta"]').count()).toBe(0);
    expect(await page.locator('[data-zone="Asia/Kolkata"]').count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Europe' }).count()).toBe(1);
    await shot(page, 'zone-list');
    expect(await accessibilityViolations(page)).toEqual([]);

    await search.fill('kolk');
    expect(await page.getByRole('listbox', { name: 'Time zones' }).getByRole('option').allTextContents()).toEqual(['KolkataGMT+05:30']);
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('time-zone').textContent()).toMatch(/^Asia\/Kolkata/);
    await expectUsableDay(page);

    // By offset, then a zone far behind: the chosen day still has times.
    await page.getByRole('button', { name: 'Change time zone' }).click();
    await search.fill('honolulu');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('time-zone').textContent()).toMatch(/^Pacific\/Honolulu/);
    await expectUsableDay(page);
    await page.getByRole('button', { name: 'Change time zone' }).click();
    await search.fill('+5:45');
    expect(await page.getByRole('listbox', { name: 'Time zones' }).getByRole('option').allTextContents()).toEqual(['KathmanduGMT+05:45']);
    await search.fill('nowhere at all');
    await page.getByText('No time zone matches').waitFor();
    await search.press('Escape');
    await shot(page, 'after-zone-change');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when times cannot be loaded, without a month of struck-through days, and retries', async () => {
    const shot = screenshots('booking-page-error');
    const { page, errors, context } = await openPage(browser);
    await page.goto(demoUrl('/'));
    await page.getByRole('button', { name: /^Haircut/ }).click();
    await page.route('**/api/v1/availability**', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: /Anyone available/ }).click();
    await page.getByText('The free times could not be loaded').waitFor();
    expect(await page.locator('.calendar').count()).toBe(0);
    await shot(page, 'error');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.unroute('**/api/v1/availability**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.slot').first().waitFor();
    expect(await page.getByText('The free times could not be loaded').count()).toBe(0);
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it('shows a service’s location, words e-mail honestly, and offers to book another', async () => {
    const shot = screenshots('booking-page-done');
    const token = await ownerToken();
    const { service } = await demoCatalog();
    const colour = service('Colour');
    expect((await api(`/services/${colour.id}`, { method: 'PATCH', token, body: { location: { kind: 'inPerson', address: '1 Salon Lane, Sydney' } } })).status).toBe(200);
    try {
      const { page, errors, context } = await openPage(browser, { width: 390, height: 844 });
      await page.goto(demoUrl('/'));
      const choice = page.getByRole('button', { name: /^Colour/ });
      await choice.waitFor();
      expect(await choice.textContent()).toContain('1 Salon Lane, Sydney');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'landing-location');
      await choice.click();
      await page.getByRole('button', { name: /Anyone available/ }).click();
      await page.locator('.slot').first().waitFor();
      // The zone list fits a phone.
      await page.getByRole('button', { name: 'Change time zone' }).click();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'zone-list-narrow');
      await page.getByRole('button', { name: 'Keep this time zone' }).click();
      await page.locator('.slot').first().click();
      await page.getByRole('heading', { name: 'Your details' }).waitFor();
      expect(await page.getByText('For your booking confirmation (when the business sends e-mail)').count()).toBe(1);
      await page.getByLabel('Name').fill('Hana Honest');
      await page.getByLabel('Email').fill('hana@example.com');
      await page.getByRole('button', { name: 'Confirm booking' }).click();
      await page.getByRole('heading', { name: 'You’re booked!' }).waitFor();
      expect(await page.getByTestId('new-note').textContent()).toContain('If BookMeAtOz Demo Salon sends e-mail');
      expect(await page.getByTestId('booking-summary').textContent()).toContain('1 Salon Lane, Sydney');
      await shot(page, 'booked');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Book another appointment' }).click();
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await api(`/services/${colour.id}`, { method: 'PATCH', token, body: { location: null } });
    }
  });
});
