// Shared pieces of the end-to-end tests: the browser, the demo tenant's addresses, API calls to set up
// or check state, and screenshots saved as artifacts.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createRequire } from 'node:module';

export const hostUrl = inject('hostUrl');
export const artifactsDir = inject('artifactsDir');
export const mailDir = inject('mailDir');
const port = new URL(hostUrl).port;

/** The demo tenant's pages, on its subdomain (Chromium resolves *.localhost to loopback). */
export const demoUrl = (path = '/') => `http://demo.localhost:${port}${path}`;
/** The apex (no tenant): the sign-up page. */
export const apexUrl = (path = '/') => `http://localhost:${port}${path}`;

export const OWNER = { email: 'owner@demo.bookmeatoz.online', password: 'demo-password' };

// INFRA.md: without the background-networking flags Chromium keeps calling out, and this machine's
// network refuses it.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Debian's Chromium (playwright-core launches it with a fresh profile directory of its own). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.BOOKMEATOZ_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors, less failed network loads (a missing hub is one). */
  errors: string[];
}

/** A new isolated browser context (like a separate browser) with a page that records its errors. */
export async function openPage(
  browser: Browser,
  options: { timezoneId?: string; locale?: string; width?: number; height?: number } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    timezoneId: options.timezoneId ?? 'Australia/Sydney',
    locale: options.locale ?? 'en-AU',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/** Saves a full-page screenshot as an artifact: <artifacts>/<suite>/<nn>-<name>.png. */
export function screenshots(suite: string) {
  const dir = join(artifactsDir, suite);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, name: string) => {
    n += 1;
    const path = join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
}

/** A JSON call to the API as the demo tenant. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string; manageToken?: string } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'X-Tenant': 'demo', Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.manageToken) headers['X-Manage-Token'] = init.manageToken;
  const r = await fetch(`${hostUrl}/api/v1${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface Service {
  id: string;
  name: string;
  staffIds: string[];
  capacity: number;
}
export interface Staff {
  id: string;
  name: string;
}
export interface Slot {
  start: string;
  end: string;
  /** Indexes into the answer's `staff`. */
  staff: number[];
  seatsLeft: number;
}
interface Availability {
  staff: Staff[];
  slots: Slot[];
  truncatedAfter?: string;
}
export interface Booking {
  id: string;
  start: string;
  staffId: string;
  status: string;
  manageToken?: string;
  customer: { name: string; email: string };
}

export async function demoCatalog() {
  const services = (await api<{ items: Service[] }>('/services')).body.items;
  const staff = (await api<{ items: Staff[] }>('/staff')).body.items;
  const service = (name: string) => services.find((s) => s.name === name) ?? fail(`no service ${name}`);
  const member = (name: string) => staff.find((s) => s.name === name) ?? fail(`no staff ${name}`);
  return { services, staff, service, member };
}

function fail(message: string): never {
  throw new Error(message);
}

/** The free slots of a service over the next weeks, in a zone. */
export async function freeSlots(serviceId: string, timeZone: string, staffId?: string, days = 21): Promise<Slot[]> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const to = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const q = new URLSearchParams({ serviceId, from: today, to, timeZone });
  if (staffId) q.set('staffId', staffId);
  const r = await api<Availability>(`/availability?${q}`);
  if (r.status !== 200) throw new Error(`availability answered ${r.status}`);
  // Compact: the staff once, each slot naming them by index (a few weeks of the demo's data are never cut).
  const { staff, slots, truncatedAfter } = r.body;
  if (truncatedAfter) throw new Error(`availability was cut after ${truncatedAfter}`);
  if (new Set(staff.map((m) => m.id)).size !== staff.length) throw new Error('availability listed a staff member twice');
  if (staffId && (staff.length !== 1 || staff[0]!.id !== staffId)) throw new Error('availability listed other staff');
  if (slots.some((s) => s.staff.length === 0 || s.staff.some((i) => !Number.isInteger(i) || i < 0 || i >= staff.length))) {
    throw new Error('a slot named staff that are not listed');
  }
  return slots;
}

/** The local date of an ISO instant written with the zone's offset (as the API writes them). */
export const localDate = (iso: string) => iso.slice(0, 10);

/** Books through the API, as another customer would. */
export async function bookViaApi(serviceId: string, start: string, staffId: string | undefined, name: string): Promise<Booking> {
  const r = await api<Booking>('/bookings', {
    body: { serviceId, start, ...(staffId ? { staffId } : {}), customer: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com` } },
  });
  if (r.status !== 201) throw new Error(`booking answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function ownerToken(): Promise<string> {
  const r = await api<{ accessToken: string }>('/auth/token', { body: OWNER });
  if (r.status !== 200) throw new Error(`sign-in answered ${r.status}`);
  return r.body.accessToken;
}

/** Whether the real-time hub (SPEC §5, issue 6) is there: its negotiate endpoint answers something but 404. */
export async function hubStatus(): Promise<number> {
  const r = await fetch(`${hostUrl}/hubs/availability/negotiate?negotiateVersion=1`, { method: 'POST', headers: { 'X-Tenant': 'demo' } });
  return r.status;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * The page's WCAG 2.1 A/AA violations found by axe-core (color contrast, labels, roles, names…), as
 * readable lines; empty when there are none.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.targets.slice(0, 5).join(', ')})`);
}

/** The page's cumulative layout shift so far (Chromium's layout-shift entries, without those after input). */
export async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) total += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 100);
      }),
  );
}

/** One e-mail the host sent (to the run's SMTP sink): its headers and its text, transfer encoding undone. */
export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

function decodeMail(file: string, raw: string): Mail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  let text = raw;
  // Quoted-printable parts (soft line breaks, =XX bytes); base64 parts decoded where they are.
  if (/content-transfer-encoding:\s*quoted-printable/i.test(raw)) {
    text = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  text = text.replace(/content-transfer-encoding:\s*base64\r\n((?:[^\r\n]*\r\n)*?)\r\n([A-Za-z0-9+/=\r\n]+)/gi, (_, headers: string, body: string) =>
    `${headers}\r\n${Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('latin1')}`,
  );
  return { file, to: header('To'), subject: header('Subject'), text: Buffer.from(text, 'latin1').toString('utf8') };
}

/** Every e-mail sent so far in this run, oldest first. */
export function sentMail(): Mail[] {
  return readdirSync(mailDir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => decodeMail(f, readFileSync(join(mailDir, f), 'latin1')));
}

/** Waits (up to 60 s: the dispatcher sends from its queue) for an e-mail to an address, whose subject matches. */
export async function waitForMail(to: string, subject: RegExp): Promise<Mail> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = sentMail().find((m) => m.to.toLowerCase().includes(to.toLowerCase()) && subject.test(m.subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No e-mail to ${to} matching ${subject}; sent: ${JSON.stringify(sentMail().map((m) => [m.to, m.subject]))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The link of an account e-mail to a page of the app (`/reset-password` or `/accept-invitation`), as sent. */
export function accountLink(mail: Mail, page: '/reset-password' | '/accept-invitation'): string {
  const m = new RegExp(`https?://[^\\s"<>]+${page}#token=[^\\s"<>]+`).exec(mail.text);
  if (!m) throw new Error(`No ${page} link in the e-mail: ${mail.text}`);
  return m[0];
}
