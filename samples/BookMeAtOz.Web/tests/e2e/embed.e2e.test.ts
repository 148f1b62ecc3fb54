// The booking widget (docs/embedding.md): a business's own site, served here from another loopback origin, embeds
// the demo tenant's booking flow with public/embed.js; a customer books in the frame and the site hears of it by
// postMessage. A site the tenant does not list cannot frame it (CSP frame-ancestors).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, demoUrl, hostUrl, launchBrowser, openPage, ownerToken, screenshots, type Booking } from './support';

interface Received {
  origin: string;
  data: { type?: string; bookingId?: string; start?: string; height?: number };
}

/** A stand-in for the business's site: one page with the widget's script tag, recording the messages it gets. */
function businessSite(): Promise<{ server: Server; origin: string }> {
  const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Hair</title></head>
<body><h1>Acme Hair</h1><p>Book online:</p>
<div id="booking"></div>
<script>
  window.received = [];
  window.addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));
  document.addEventListener('bookmeatoz:booked', (e) => window.received.push({ origin: 'dom-event', data: e.detail }));
</script>
<script src="${demoUrl('/embed.js')}" data-tenant="demo" data-target="#booking" async></script>
</body></html>`;
  return new Promise((ok) => {
    const server = createServer((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);

let browser: Browser;
let allowed: { server: Server; origin: string };
let other: { server: Server; origin: string };
let token: string;

beforeAll(async () => {
  browser = await launchBrowser();
  allowed = await businessSite();
  other = await businessSite();
  token = await ownerToken();
  const r = await api('/tenant', { method: 'PATCH', token, body: { embedOrigins: [allowed.origin] } });
  expect(r.status).toBe(200);
});

afterAll(async () => {
  if (token) await api('/tenant', { method: 'PATCH', token, body: { embedOrigins: [] } });
  await browser?.close();
  allowed?.server.close();
  other?.server.close();
});

describe('booking widget', () => {
  it('books inside the frame on an allowed site, which gets the booked event from the frame’s origin', async () => {
    const shot = screenshots('embed');
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${allowed.origin}/`);
    const frame = page.frameLocator('iframe[data-bookmeatoz="demo"]');

    await frame.getByRole('heading', { name: 'Choose a service' }).waitFor();
    // The frame fits its content: embed.js applies the height the page reports.
    const lastHeight = async () => (await received(page)).filter((m) => m.data.type === 'bookmeatoz:resize').at(-1)?.data.height;
    const applied = () => page.locator('iframe[data-bookmeatoz]').evaluate((f) => (f as HTMLIFrameElement).style.height);
    await expect.poll(async () => {
      const height = await lastHeight();
      return height !== undefined && (await applied()) === `${height}px`;
    }).toBe(true);
    expect(await lastHeight()).toBeGreaterThan(100);
    await shot(page, 'services');

    await frame.getByRole('button', { name: /^Haircut/ }).click();
    await frame.getByRole('button', { name: /Anyone available/ }).click();
    const slot = frame.locator('.slot').first();
    await slot.waitFor();
    await slot.click();
    await frame.getByRole('heading', { name: 'Your details' }).waitFor();
    await frame.getByLabel('Name').fill('Embedded Customer');
    await frame.getByLabel('Email').fill('embedded.customer@example.com');
    await shot(page, 'details');
    await frame.getByRole('button', { name: 'Confirm booking' }).click();
    await frame.getByRole('heading', { name: 'You’re booked!' }).waitFor();

    await expect.poll(async () => (await received(page)).some((m) => m.data.type === 'bookmeatoz:booked')).toBe(true);
    const all = await received(page);
    const booked = all.find((m) => m.data.type === 'bookmeatoz:booked')!;
    // From the frame's origin (the tenant's host), never from anyone else; the DOM event carries the same.
    expect(booked.origin).toBe(new URL(demoUrl('/')).origin);
    expect(all.filter((m) => m.origin !== 'dom-event').every((m) => m.origin === booked.origin)).toBe(true);
    expect(all.find((m) => m.origin === 'dom-event')?.data.bookingId).toBe(booked.data.bookingId);

    // The confirmation that follows in the frame keeps the frame fitted to it.
    await expect.poll(async () => {
      const messages = await received(page);
      const bookedAt = messages.findIndex((m) => m.data.type === 'bookmeatoz:booked');
      return messages.findLastIndex((m) => m.data.type === 'bookmeatoz:resize') > bookedAt;
    }).toBe(true);

    // The booking is real, at the time announced.
    const saved = await api<Booking>(`/bookings/${booked.data.bookingId}`, { token });
    expect(saved.status).toBe(200);
    expect(saved.body.customer.name).toBe('Embedded Customer');
    expect(Date.parse(saved.body.start)).toBe(Date.parse(booked.data.start!));
    await shot(page, 'booked');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is refused a frame on a site the tenant does not list', async () => {
    const { page, context } = await openPage(browser);
    const blocked: string[] = [];
    page.on('console', (m) => m.text().includes('frame-ancestors') && blocked.push(m.text()));
    await page.goto(`${other.origin}/`);
    await page.locator('iframe[data-bookmeatoz="demo"]').waitFor({ state: 'attached' });

    // Chromium reports the refusal by the booking page's CSP and shows its error page in the frame instead.
    await expect.poll(() => blocked.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(blocked[0]).toContain(allowed.origin);
    const child = page.frames().find((f) => f !== page.mainFrame());
    expect(await child?.locator('h1', { hasText: 'Choose a service' }).count()).toBe(0);
    expect((await received(page)).filter((m) => m.data.type?.startsWith('bookmeatoz:'))).toEqual([]);

    // The answer itself names only the allowed site; the admin console is never framed. (Node does not resolve
    // *.localhost as Chromium does: the tenant is named by header here.)
    const embed = await fetch(`${hostUrl}/embed`, { headers: { Accept: 'text/html', 'X-Tenant': 'demo' } });
    expect(embed.headers.get('content-security-policy')).toBe(`frame-ancestors ${allowed.origin}`);
    const admin = await fetch(`${hostUrl}/admin`, { headers: { Accept: 'text/html', 'X-Tenant': 'demo' } });
    expect(admin.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(admin.headers.get('x-frame-options')).toBe('DENY');
    await context.close();
  });
});
