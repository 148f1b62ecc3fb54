// Sign-up of a new business from the apex page (the root domain, no tenant), landing signed in on the
// new tenant's admin console on its own subdomain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, apexUrl, hostUrl, launchBrowser, openPage, screenshots } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('sign-up', () => {
  it('creates a business from the apex page and opens its admin console signed in', async () => {
    const shot = screenshots('signup');
    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Brisbane' });
    const slug = `e2e-${Date.now().toString(36)}`;

    await page.goto(apexUrl('/'));
    await page.getByRole('heading', { name: 'Online booking for your business' }).waitFor();
    // The zone defaults to the browser's.
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Australia/Brisbane');
    await page.getByRole('button', { name: 'Create my booking page' }).click();
    await expect.poll(() => page.getByText('Please enter a name.').count()).toBe(2);
    expect(await page.getByText('Must be at least 8 characters.').isVisible()).toBe(true);

    await page.getByLabel('Business name').fill('Bea’s Barber Co');
    expect(await page.getByLabel('Web address').inputValue()).toBe('beas-barber-co');
    await page.getByLabel('Web address').fill('admin');
    await page.getByRole('button', { name: 'Create my booking page' }).click();
    await expect.poll(() => page.getByText('That address is reserved').isVisible()).toBe(true);
    await page.getByLabel('Web address').fill(slug);
    await page.getByLabel('Your name').fill('Bea Owner');
    await page.getByLabel('Your email').fill('bea@example.com');
    await page.getByLabel('Password').fill('a-long-password');
    // The errors shown went away as the fields were put right.
    expect(await page.locator('.field-error:not(:empty)').count()).toBe(0);
    await shot(page, 'form');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create my booking page' }).click();

    // The new business's own subdomain, signed in without typing the password again.
    await page.waitForURL(`http://${slug}.localhost:${new URL(hostUrl).port}/admin`);
    await page.getByRole('heading', { name: 'Bookings', level: 1 }).waitFor();
    expect(await page.locator('.brand').textContent()).toBe('Bea’s Barber Co');
    expect(await page.locator('.user-name').textContent()).toBe('Bea Owner');
    expect(page.url()).not.toContain('handoff');
    await shot(page, 'new-tenant-admin');

    // Its booking page is live (and empty until services are added).
    await page.goto(`http://${slug}.localhost:${new URL(hostUrl).port}/`);
    await expect.poll(() => page.getByText('has no services open for booking').isVisible()).toBe(true);

    // Taking the same address again is refused with a clear message.
    await page.goto(apexUrl('/'));
    await page.getByLabel('Business name').fill('Copycat');
    await page.getByLabel('Web address').fill(slug);
    await page.getByLabel('Your name').fill('Copy Cat');
    await page.getByLabel('Your email').fill('copy@example.com');
    await page.getByLabel('Password').fill('another-password');
    await page.getByRole('button', { name: 'Create my booking page' }).click();
    await expect.poll(() => page.getByText('That address is taken').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
