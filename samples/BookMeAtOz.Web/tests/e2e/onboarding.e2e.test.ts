// A new business's first run: after sign-up the Bookings page lists the first steps, each linking to its page,
// ticks them off as they are done (from the business's data where it can tell), and goes away when all are done.
// Empty pages say what to do.
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

async function tenantApi<T>(slug: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { 'X-Tenant': slug, Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const r = await fetch(`${hostUrl}/api/v1${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${path} answered ${r.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

describe('onboarding', () => {
  it('walks a new business through its first steps', async () => {
    const shot = screenshots('onboarding');
    const { page, errors, context } = await openPage(browser, { timezoneId: 'Australia/Brisbane' });
    const slug = `onb-${Date.now().toString(36)}`;
    const tenantUrl = (path: string) => `http://${slug}.localhost:${new URL(hostUrl).port}${path}`;

    await page.goto(apexUrl('/'));
    await page.getByLabel('Business name').fill('Onboard Studio');
    await page.getByLabel('Web address').fill(slug);
    await page.getByLabel('Your name').fill('Olive Owner');
    await page.getByLabel('Your email').fill('olive@example.com');
    await page.getByLabel('Password').fill('a-long-password');
    await page.getByRole('button', { name: 'Create my booking page' }).click();
    await page.waitForURL(tenantUrl('/admin'));

    const checklist = page.getByRole('region', { name: /^Get started/ });
    await checklist.waitFor();
    expect(await checklist.getByRole('heading').textContent()).toBe('Get started: 0 of 5 done');
    expect(await checklist.getByRole('link').allTextContents()).toEqual([
      'Check your business details and time zone',
      'Add staff and their working hours',
      'Add your first service',
      'Share your booking link',
      'Make a test booking',
    ]);
    expect(await checklist.textContent()).toContain(tenantUrl('/'));
    // The empty calendar says what to do first.
    await page.getByText('No staff yet, so nothing can be booked.').waitFor();
    await shot(page, 'checklist-new');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Each step links to its page; the empty Staff and Services pages say what to do.
    await checklist.getByRole('link', { name: 'Add staff and their working hours' }).click();
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    await page.getByText(/^No staff yet\. Add the people who take bookings/).waitFor();
    await shot(page, 'staff-empty');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Services' }).click();
    await page.getByText(/^No services yet\. Add the first one/).waitFor();
    await shot(page, 'services-empty');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Details checked and the link copied, here; staff with hours and a service, over the API.
    await page.getByRole('link', { name: 'Bookings' }).click();
    await checklist.getByRole('button', { name: 'They look right' }).click();
    await checklist.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => checklist.getByRole('heading').textContent()).toBe('Get started: 2 of 5 done');
    const token = (await tenantApi<{ accessToken: string }>(slug, '/auth/token', { body: { email: 'olive@example.com', password: 'a-long-password' } })).accessToken;
    const member = await tenantApi<{ id: string }>(slug, '/staff', { token, body: { name: 'Olive Owner' } });
    const day = [{ start: '09:00', end: '17:00' }];
    await tenantApi(slug, `/staff/${member.id}/schedule`, { token, method: 'PUT', body: { weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day } } });
    const service = await tenantApi<{ id: string }>(slug, '/services', { token, body: { name: 'Consultation', durationMinutes: 30, priceCents: 0, staffIds: [member.id] } });
    await page.reload();
    await expect.poll(() => checklist.getByRole('heading').textContent()).toBe('Get started: 4 of 5 done');
    expect(await checklist.locator('li.is-done').count()).toBe(4);
    await shot(page, 'checklist-four-done');

    // The test booking: the last step; then the list goes away.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Brisbane' }).format(new Date());
    const to = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const slots = await tenantApi<{ slots: { start: string }[] }>(slug, `/availability?serviceId=${service.id}&from=${today}&to=${to}`);
    await tenantApi(slug, '/bookings', { body: { serviceId: service.id, start: slots.slots[0]!.start, customer: { name: 'Test Customer', email: 'test@example.com' } } });
    await page.reload();
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    expect(await page.getByRole('region', { name: /^Get started/ }).count()).toBe(0);
    await shot(page, 'checklist-done');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits 390 px without horizontal scroll', async () => {
    const { page, errors, context } = await openPage(browser, { width: 390, height: 844 });
    const slug = `onn-${Date.now().toString(36)}`;
    await page.goto(apexUrl('/'));
    await page.getByLabel('Business name').fill('Narrow Nails');
    await page.getByLabel('Web address').fill(slug);
    await page.getByLabel('Your name').fill('Nora Narrow');
    await page.getByLabel('Your email').fill('nora@example.com');
    await page.getByLabel('Password').fill('a-long-password');
    await page.getByRole('button', { name: 'Create my booking page' }).click();
    await page.getByRole('region', { name: /^Get started/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshots('onboarding-narrow')(page, 'checklist');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
