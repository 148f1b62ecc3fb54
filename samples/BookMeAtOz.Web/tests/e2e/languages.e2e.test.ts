// Languages: the booking page and the admin console in German and French (chosen from the browser, switched
// with the language menu, remembered), with Intl dates and the locale's first weekday, axe-clean and without
// horizontal scroll at 390 px in each; and the pseudo-locale en-XA, in which every visible text node must come
// from the catalogue (or be the business's own data, or an Intl date): a text not in ⟦…⟧ is an unlocalized string.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, OWNER, api, demoUrl, launchBrowser, openPage, ownerToken, screenshots } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function signIn(page: Page, labels: { email: string; password: string; submit: string }) {
  await page.getByLabel(labels.email).fill(OWNER.email);
  await page.getByLabel(labels.password).fill(OWNER.password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

describe('languages', () => {
  it('shows the booking page in the browser’s language, switches it, remembers it, and formats dates in it', async () => {
    const shot = screenshots('languages-booking');
    const { page, errors, context } = await openPage(browser, { locale: 'de-DE', width: 390, height: 844 });
    await page.goto(demoUrl('/'));
    await page.getByRole('heading', { name: 'Wählen Sie eine Leistung' }).waitFor();
    expect(await lang(page)).toBe('de');
    expect(await page.getByLabel('Sprache').inputValue()).toBe('de');
    await page.getByRole('button', { name: /^Haircut/ }).click();
    await page.getByRole('button', { name: /Beliebig/ }).click();
    await page.getByRole('heading', { name: 'Wählen Sie eine Uhrzeit' }).waitFor();
    await page.locator('.slot').first().waitFor();
    // Intl in German: the month's name, the weekdays Monday first, the day's long date.
    const month = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric' });
    expect(await page.locator('.calendar-header h3').textContent()).toMatch(/^(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$/);
    expect(month.format(new Date())).toMatch(/\d{4}$/);
    expect(await page.locator('.calendar th').first().textContent()).toBe('Mo');
    expect(await page.getByText(/Uhrzeiten in der Zeitzone/).count()).toBe(1);
    expect(await page.locator('.time-slots h4').first().textContent()).toMatch(/^(Vormittag|Nachmittag|Abend)$/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'booking-times-de-390');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Switched to French: the same step, now in French, and <html lang> follows.
    await page.getByLabel('Sprache').selectOption('fr');
    await page.getByRole('heading', { name: 'Choisissez un horaire' }).waitFor();
    expect(await lang(page)).toBe('fr');
    expect(await page.locator('.calendar th').first().textContent()).toBe('lun.');
    expect(await page.locator('.calendar-header h3').textContent()).toMatch(/^(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}$/);
    await page.locator('.slot').first().click();
    await page.getByRole('heading', { name: 'Vos coordonnées' }).waitFor();
    expect(await page.getByTestId('chosen-time').textContent()).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \S+ \d{4}/);
    await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'booking-details-fr-390');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Remembered on this device over the browser's German.
    await page.goto(demoUrl('/'));
    await page.getByRole('heading', { name: 'Choisissez une prestation' }).waitFor();
    expect(await lang(page)).toBe('fr');

    // An English browser starts a US week on Sunday.
    const us = await openPage(browser, { locale: 'en-US', width: 390, height: 844 });
    await us.page.goto(demoUrl('/'));
    await us.page.getByRole('button', { name: /^Haircut/ }).click();
    await us.page.getByRole('button', { name: /Anyone available/ }).click();
    await us.page.locator('.slot').first().waitFor();
    expect(await lang(us.page)).toBe('en');
    expect(await us.page.locator('.calendar th').first().textContent()).toBe('Sun');
    await us.context.close();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the admin console in German and French, clean and without horizontal scroll at 390 px', async () => {
    const shot = screenshots('languages-admin');
    const { page, errors, context } = await openPage(browser, { locale: 'de-AT', width: 390, height: 844 });
    await page.goto(demoUrl('/admin'));
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    expect(await lang(page)).toBe('de');
    await shot(page, 'admin-sign-in-de-390');
    expect(await accessibilityViolations(page)).toEqual([]);
    await signIn(page, { email: 'E-Mail', password: 'Passwort', submit: 'Anmelden' });
    await page.getByRole('heading', { name: 'Buchungen', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Verwaltung' }).getByRole('link', { name: 'Leistungen' }).waitFor();
    await page.locator('.agenda').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'admin-bookings-de-390');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Sprache').selectOption('fr');
    await page.getByRole('heading', { name: 'Réservations', level: 1 }).waitFor();
    expect(await lang(page)).toBe('fr');
    expect(await page.title()).toMatch(/^Réservations · /);
    // The week's title: French long dates.
    expect(await page.locator('.week-title').textContent()).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} /);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'admin-bookings-fr-390');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The wide time grid in French.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    await shot(page, 'admin-bookings-fr-wide');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds no unlocalized text on the main pages in the pseudo-locale', async () => {
    const shot = screenshots('languages-pseudo');
    // The business's own data (names, descriptions, addresses) is not the app's to translate.
    const token = await ownerToken();
    const tenant = (await api<unknown>('/tenant')).body;
    // As the admin sees them: inactive services and staff too.
    const services = (await api<{ items: unknown[] }>('/services', { token })).body.items;
    const staff = (await api<{ items: unknown[] }>('/staff', { token })).body.items;
    const bookings = (await api<{ items: unknown[] }>('/bookings?limit=100', { token })).body.items;
    const users = (await api<{ items: unknown[] }>('/users', { token })).body.items;
    const pending = (await api<{ items: unknown[] }>('/bookings?status=pending&limit=200', { token })).body.items;
    const customer = { name: 'Pseudo Tester', email: 'pseudo.tester@example.com' };
    const data = strings([tenant, services, staff, bookings, users, pending, customer]);

    const { page, errors, context } = await openPage(browser, { locale: 'en-AU', width: 1280, height: 900 });
    const found: string[] = [];
    const check = async (name: string) => {
      for (const t of await unlocalized(page, data)) found.push(`${name}: ${t}`);
      await shot(page, `pseudo-${name}`);
    };

    await page.goto(demoUrl('/?lang=en-XA'));
    await page.locator('.choice').first().waitFor();
    expect(await lang(page)).toBe('en-XA');
    await check('services');
    await page.getByRole('button', { name: /^Haircut/ }).click();
    await page.locator('.choice').nth(1).waitFor();
    await check('staff');
    await page.locator('.choice').first().click();
    await page.locator('.slot').first().waitFor();
    await check('times');
    await page.locator('.tz-picker .link-button').click();
    await page.locator('.tz-option').first().waitFor();
    await check('time-zones');
    await page.locator('.tz-picker .link-button').click();
    await page.locator('.slot').first().click();
    await page.locator('form.form').waitFor();
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    await check('details');
    await page.locator('input[name="name"]').fill(customer.name);
    await page.locator('input[name="email"]').fill(customer.email);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('booking-summary').waitFor();
    await check('manage');
    await page.locator('.actions .button').first().click();
    await page.locator('.slot').first().waitFor();
    await page.locator('.slot').first().click();
    await page.locator('.confirm-bar strong').waitFor();
    await check('manage-reschedule');

    await page.goto(demoUrl('/admin'));
    await page.locator('input[name="email"]').waitFor();
    await page.locator('button[type="submit"]').click();
    await page.getByRole('alert').waitFor();
    await check('admin-sign-in');
    await page.locator('input[name="email"]').fill(OWNER.email);
    await page.locator('input[name="password"]').fill(OWNER.password);
    await page.locator('button[type="submit"]').click();
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    await check('admin-bookings');
    await page.locator('.week-nav .button-primary').click();
    await page.locator('dialog[open] form').waitFor();
    await page.locator('dialog[open] input[type="time"]').fill('03:00');
    await page.locator('dialog[open] button[type="submit"]').click();
    await page.locator('dialog[open] [aria-invalid="true"]').first().waitFor();
    await check('admin-new-booking');
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('.agenda').waitFor();
    await check('admin-agenda');
    await page.locator('.agenda-item').first().click();
    await page.locator('dialog[open] .summary').waitFor();
    await check('admin-booking-panel');
    await page.keyboard.press('Escape');
    await page.goto(demoUrl('/admin/account'));
    await page.locator('#password-heading').waitFor();
    await page.locator('form.card button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await check('admin-account');
    await page.goto(demoUrl('/admin/settings'));
    await page.locator('#settings-heading').waitFor();
    await page.locator('input[type="number"]').first().fill('');
    // The settings form's own button (the booking widget's sites have a form of their own below it).
    await page.locator('form', { has: page.locator('input[type="number"]') }).first().locator('button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await check('admin-settings');
    await page.goto(demoUrl('/admin/closures'));
    await page.locator('#closure-form-heading').waitFor();
    // Without a first day: the form's own error, and nothing closed.
    await page.locator('form.card input[type="date"]').first().fill('');
    await page.locator('form.card button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await check('admin-closures');
    await page.goto(demoUrl('/admin/approvals'));
    await page.locator('#approvals-heading').waitFor();
    await page.locator('.queue-list, .empty').first().waitFor();
    await check('admin-approvals');
    await page.goto(demoUrl('/admin/audit'));
    await page.locator('.audit-list > li').first().waitFor();
    await check('admin-audit');
    // The integration screens (catalogues of their own, loaded with them), each with its form's errors.
    const integrationData = strings([
      (await api<{ items: unknown[] }>('/resources', { token })).body.items,
      (await api<{ items: unknown[] }>('/webhooks', { token })).body.items,
      (await api<{ items: unknown[] }>('/api-keys', { token })).body.items,
    ]);
    data.push(...integrationData);
    data.sort((a, b) => b.length - a.length);
    for (const [path, name] of [
      ['/admin/resources', 'admin-resources'],
      ['/admin/webhooks', 'admin-webhooks'],
      ['/admin/api-keys', 'admin-api-keys'],
    ] as const) {
      await page.goto(demoUrl(path));
      await page.locator('main form button[type="submit"]').waitFor();
      if (name === 'admin-api-keys') await page.locator('main form input[type="checkbox"]').first().uncheck();
      await page.locator('main form button[type="submit"]').click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
      await check(name);
    }

    // The account e-mails' pages, reached without a working link.
    await page.goto(demoUrl('/reset-password'));
    await page.locator('.notice-error').waitFor();
    await check('reset-password-bad-link');
    await page.goto(demoUrl('/accept-invitation'));
    await page.locator('.notice-error').waitFor();
    await check('accept-invitation-bad-link');

    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Every string (of letters) in some JSON values, longest first. */
function strings(values: unknown[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      if (/[A-Za-z]/.test(v)) for (const line of v.split('\n')) if (line.trim()) out.add(line.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  values.forEach(walk);
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * The page's text nodes (visible, or visually hidden for screen readers; options of another language, code and
 * names marked translate="no" excepted) that still have letters once the catalogue's ⟦…⟧ texts, the data and the
 * words Intl writes for dates and zones are taken out.
 */
function unlocalized(page: Page, data: string[]): Promise<string[]> {
  return page.evaluate((data) => {
    const intl = new Set<string>();
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // Every month and weekday name: 31 days apart, each step is the next month, 3 weekdays on, another hour.
    for (let m = 0; m < 14; m++) {
      for (const options of [
        { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
        { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', timeZoneName: 'longOffset' },
      ] as const) {
        const text = new Intl.DateTimeFormat(document.documentElement.lang === 'en-XA' ? navigator.language : undefined, { ...options, timeZone: zone }).format(
          new Date(Date.UTC(2026, 0, 1 + m * 31, 1 + m)),
        );
        for (const w of text.match(/[A-Za-z]+/g) ?? []) intl.add(w);
      }
    }
    // Units and zone names Intl writes: "min", "hr", "AEDT", "GMT".
    for (const w of ['min', 'mins', 'hr', 'hrs', 'h', 'am', 'pm', 'AM', 'PM', 'GMT', 'UTC']) intl.add(w);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const raw = n.textContent ?? '';
      const el = n.parentElement;
      if (!raw.trim() || !el) continue;
      // translate="no" marks names that are not the app's words (IANA zone names); [lang] other languages' names.
      if (el.closest('script, style, code, [translate="no"], [lang]:not(html)')) continue;
      if (!el.checkVisibility()) continue;
      let rest = raw;
      // Innermost ⟦…⟧ first (a message's placeholder may hold another message), then the ends of a message
      // split around an element (a <strong> in the middle).
      for (let before = ''; before !== rest; ) {
        before = rest;
        rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
      }
      rest = rest.replace(/^[^⟦⟧]*⟧/, ' ').replace(/⟦[^⟦⟧]*$/, ' ');
      for (const d of data) rest = rest.split(d).join(' ');
      rest = rest.replace(/[A-Za-z]+(?:\/[A-Za-z_]+)+/g, ' '); // zone ids: Australia/Sydney
      rest = rest.replace(/[A-Za-z]+/g, (w) => (intl.has(w) || /^[A-Z]{2,5}$/.test(w) ? ' ' : w));
      if (/[A-Za-z]/.test(rest)) out.push(JSON.stringify(raw.trim()));
    }
    return out;
  }, data);
}
