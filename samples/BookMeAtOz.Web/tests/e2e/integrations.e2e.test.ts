// The integration screens (issue 19 item 4): resources (and a service's required units), webhooks (secret shown
// once, ping, deliveries, replay, rotate, delete), API keys (shown once, last use, revoke), a staff member's
// calendar subscription link and CalDAV connection, series booking on the booking page and the booking panel's
// series actions. Each screen: axe without violations, no sideways scrolling at 390 px, a screenshot.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, OWNER, api, bookViaApi, demoCatalog, demoUrl, freeSlots, hostUrl, launchBrowser, localDate, openPage, ownerToken, screenshots, type Booking } from './support';

let browser: Browser;
let receiver: Server;
let receiverUrl: string;
/** What the loopback webhook receiver got, and what it answers. */
const received: { path: string; body: string; signature: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body, signature: String(req.headers['webhook-signature'] ?? req.headers['x-bookmeatoz-signature'] ?? '') });
      if (req.url?.startsWith('/caldav')) {
        // Not a calendar: the CalDAV sync reports an error, which the status shows.
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No calendar here');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

async function signIn(page: Page, path: string) {
  await page.goto(demoUrl(path));
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Admin' }).waitFor();
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** The page at 390 px wide, signed in: no sideways scrolling, no axe violations; a screenshot. */
async function narrow(path: string, heading: string, shot: (p: Page, n: string) => Promise<string>) {
  const { page, errors, context } = await openPage(browser, { width: 390, height: 844 });
  await signIn(page, path);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await shot(page, 'narrow');
  expect(await noSideScroll(page)).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}

describe('integration screens', () => {
  it('resources: the empty state, add, edit, deactivate, a service’s required units, and delete refused while needed', async () => {
    const shot = screenshots('resources');
    const token = await ownerToken();
    const before = (await api<{ items: { name: string }[] }>('/resources')).body.items;
    const { page, errors, context } = await openPage(browser);
    await signIn(page, '/admin/resources');
    await page.getByRole('heading', { name: 'Resources', level: 1 }).waitFor();
    if (before.length === 0) await page.getByText('No resources yet. Add one below').waitFor();
    await shot(page, 'empty');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The form says what is missing, and puts the focus there (then typing goes to the name).
    await page.getByRole('button', { name: 'Add resource' }).click();
    await page.getByText('Please enter a name').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('name');
    await page.keyboard.type('Treatment room');
    await page.getByLabel('Kind').fill('room');
    await page.getByLabel('How many').fill('2');
    await page.getByLabel('How many').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Treatment room is added.' }).waitFor();
    const row = page.getByRole('row', { name: /Treatment room/ });
    expect(await row.textContent()).toContain('Active');

    await page.getByRole('button', { name: 'Edit Treatment room' }).click();
    await page.getByRole('heading', { name: 'Edit Treatment room' }).waitFor();
    await page.getByLabel('How many').fill('3');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Treatment room is saved.' }).waitFor();
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe('3');

    await page.getByRole('button', { name: 'Deactivate Treatment room' }).click();
    await page.getByRole('status').filter({ hasText: 'Treatment room is deactivated' }).waitFor();
    await expect.poll(() => row.textContent()).toContain('Inactive');
    await page.getByRole('button', { name: 'Activate Treatment room' }).click();
    await expect.poll(() => row.textContent()).toContain('Active');
    await shot(page, 'list');
    expect(await accessibilityViolations(page)).toEqual([]);
    const resource = (await api<{ items: { id: string; name: string; quantity: number }[] }>('/resources')).body.items.find((r) => r.name === 'Treatment room')!;
    expect(resource.quantity).toBe(3);

    // A service needs 2 of its 3 units: chosen in the service form.
    const { member } = await demoCatalog();
    const created = await api<{ id: string }>('/services', { body: { name: 'Massage (room)', durationMinutes: 60, staffIds: [member('Sam Taylor').id] }, token });
    expect(created.status).toBe(201);
    // The console loads the services when it opens: open it again to see the new one.
    await page.goto(demoUrl('/admin/services'));
    await page.getByRole('button', { name: 'Edit Massage (room)' }).click();
    const needs = page.getByRole('group', { name: 'Resources needed' });
    await needs.getByRole('checkbox', { name: /Treatment room/ }).check();
    await needs.getByLabel('Units of Treatment room').fill('4');
    await needs.getByText('Units of Treatment room: 1 to 3.').waitFor();
    await shot(page, 'service-units-invalid');
    await needs.getByLabel('Units of Treatment room').fill('2');
    await page.getByRole('button', { name: 'Save service' }).click();
    await expect
      .poll(async () => (await api<{ resources: unknown }>(`/services/${created.body.id}`)).body.resources)
      .toEqual([{ resourceId: resource.id, units: 2 }]);

    // Deleting it now is refused, with what to do.
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Resources' }).click();
    await page.getByRole('button', { name: 'Delete Treatment room' }).click();
    await page.getByRole('alert').filter({ hasText: 'A service still needs this resource' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
    await narrow('/admin/resources', 'Resources', shot);
  });

  it('webhooks: the secret shown once with a copy button, ping, deliveries, replay, rotate and delete', async () => {
    const shot = screenshots('webhooks');
    const { page, errors, context } = await openPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demoUrl('/').replace(/\/$/, '') });
    await signIn(page, '/admin/webhooks');
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    const existing = (await api<{ items: unknown[] }>('/webhooks', { token: await ownerToken() })).body.items.length;
    if (existing === 0) await page.getByText('No webhooks yet.').waitFor();
    await shot(page, 'empty');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Receiver URL').fill('not a url');
    await page.getByRole('checkbox', { name: 'booking.created' }).uncheck();
    await page.getByRole('checkbox', { name: 'booking.rescheduled' }).uncheck();
    await page.getByRole('checkbox', { name: 'booking.cancelled' }).uncheck();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText('Please enter an absolute http or https address').waitFor();
    await page.getByText('Please choose at least one event.').waitFor();
    const url = `${receiverUrl}/hooks/bookings`;
    await page.getByLabel('Receiver URL').fill(url);
    await page.getByRole('checkbox', { name: 'booking.created' }).check();
    await page.getByRole('checkbox', { name: 'booking.cancelled' }).check();
    await page.getByRole('button', { name: 'Add webhook' }).click();

    const once = page.getByTestId('secret-once');
    await once.waitFor();
    expect(await once.textContent()).toContain('you won’t see it again');
    const secret = await once.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await once.getByRole('button', { name: 'Copy Signing secret' }).click();
    await once.getByRole('button', { name: 'Copied Signing secret' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await shot(page, 'secret-once');
    expect(await accessibilityViolations(page)).toEqual([]);
    await once.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('secret-once').count()).toBe(0);
    // Never shown again: not in the list, not in the API.
    expect(await page.locator('main').textContent()).not.toContain(secret);

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: url }) });
    expect(await card.textContent()).toContain('Events: booking.created, booking.cancelled');
    await card.getByRole('button', { name: 'Send a ping' }).click();
    await page.getByRole('status').filter({ hasText: 'A ping is queued' }).waitFor();
    const deliveries = card.getByRole('region', { name: 'Deliveries' });
    await deliveries.waitFor();
    // The delivery worker sends it; refresh until it shows delivered, with the answer, its time and excerpt.
    await expect
      .poll(
        async () => {
          await deliveries.getByRole('button', { name: 'Refresh' }).click();
          return deliveries.getByTestId('delivery').first().textContent();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toMatch(/ping.*Delivered.*200.*thanks/);
    expect(received.some((r) => r.path === '/hooks/bookings' && r.body.includes('"ping"'))).toBe(true);
    await shot(page, 'delivered');
    expect(await accessibilityViolations(page)).toEqual([]);

    await deliveries.getByRole('button', { name: 'Replay ping' }).first().click();
    await page.getByRole('status').filter({ hasText: 'The event is queued again.' }).waitFor();
    await expect.poll(() => deliveries.getByTestId('delivery').count()).toBe(2);
    expect(await deliveries.getByTestId('delivery').first().textContent()).toContain('(replay)');

    await card.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = page.getByTestId('secret-once');
    await rotated.waitFor();
    expect(await rotated.textContent()).toContain('The new signing secret');
    const second = await rotated.getByLabel('Signing secret').inputValue();
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(secret);
    await rotated.getByRole('button', { name: 'I have copied it' }).click();

    // Keyboard: disable and enable from the keyboard.
    await card.getByRole('button', { name: 'Disable' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => card.textContent()).toContain('Disabled since');
    await card.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => card.textContent()).toContain('Enabled');

    await narrow('/admin/webhooks', 'Webhooks', shot);

    await card.getByRole('button', { name: 'Delete' }).click();
    await card.getByText(`Delete the webhook to ${url}?`).waitFor();
    await card.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('status').filter({ hasText: 'The webhook is deleted.' }).waitFor();
    await expect.poll(() => page.getByRole('heading', { name: url }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('API keys: created with scopes and shown once, used, listed with prefix and last use, revoked after a confirmation', async () => {
    const shot = screenshots('api-keys');
    const { page, errors, context } = await openPage(browser);
    await signIn(page, '/admin/api-keys');
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    const existing = (await api<{ items: unknown[] }>('/api-keys', { token: await ownerToken() })).body.items.length;
    if (existing === 0) await page.getByText('No API keys yet.').waitFor();
    await shot(page, 'empty');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('checkbox', { name: /^read:/ }).uncheck();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Please enter a name').waitFor();
    await page.getByText('Please choose at least one scope.').waitFor();
    await page.getByLabel('Name').fill('Website sync');
    await page.getByRole('checkbox', { name: /^read:/ }).check();
    await page.getByRole('checkbox', { name: /^bookings:/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const once = page.getByTestId('secret-once');
    await once.waitFor();
    expect(await once.textContent()).toContain('The key Website sync is created');
    expect(await once.textContent()).toContain('you won’t see it again');
    const key = await once.getByLabel('API key').inputValue();
    expect(key).toMatch(/^bmz_[0-9a-f]{16}_/);
    await shot(page, 'shown-once');
    expect(await accessibilityViolations(page)).toEqual([]);

    const row = page.getByRole('row', { name: /Website sync/ });
    expect(await row.textContent()).toContain(key.slice(4, 20));
    expect(await row.textContent()).toContain('read, bookings');
    expect(await row.textContent()).toContain('Never');
    await once.getByRole('button', { name: 'I have copied it' }).click();

    // Used once, the list says when.
    const used = await fetch(`${hostUrl}/api/v1/bookings?limit=1`, { headers: { 'X-Tenant': 'demo', Authorization: `Bearer ${key}` } });
    expect(used.status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByRole('row', { name: /Website sync/ }).textContent()).not.toContain('Never');

    await page.getByRole('button', { name: 'Revoke Website sync' }).click();
    const confirm = page.getByRole('group', { name: 'Revoke' });
    expect(await confirm.textContent()).toContain('Revoke Website sync? Programs using it are refused');
    await shot(page, 'confirm-revoke');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The confirmation has the focus: Enter revokes.
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Website sync is revoked.' }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Website sync/ }).count()).toBe(0);
    const refused = await fetch(`${hostUrl}/api/v1/bookings?limit=1`, { headers: { 'X-Tenant': 'demo', Authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
    await narrow('/admin/api-keys', 'API keys', shot);
  });

  it('a staff member’s calendar link (issue, copy, rotate, revoke) and CalDAV connection (status, disconnect)', async () => {
    const shot = screenshots('staff-calendars');
    const { member } = await demoCatalog();
    const sam = member('Sam Taylor');
    const { page, errors, context } = await openPage(browser);
    await signIn(page, `/admin/staff/${sam.id}`);
    const feed = page.getByRole('region', { name: 'Calendar subscription' });
    await feed.waitFor();
    await feed.getByRole('button', { name: 'Create a link' }).click();
    const link = await feed.getByLabel('Subscription link').inputValue();
    expect(link).toMatch(/\/feeds\/[A-Za-z0-9_-]{64}\.ics$/);
    expect(await feed.textContent()).toContain('you won’t see it again');
    const feedPath = new URL(link).pathname;
    const ics = await fetch(`${hostUrl}${feedPath}`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');

    // A new link replaces the old one, which stops working at once.
    await feed.getByRole('button', { name: 'Create a link' }).click();
    await expect.poll(() => feed.getByLabel('Subscription link').inputValue()).not.toBe(link);
    expect((await fetch(`${hostUrl}${feedPath}`)).status).toBe(404);
    const second = new URL(await feed.getByLabel('Subscription link').inputValue()).pathname;
    await shot(page, 'feed');

    const caldav = page.getByRole('region', { name: 'CalDAV calendar' });
    await caldav.getByText('No calendar connected.').waitFor();
    await caldav.getByRole('button', { name: 'Connect' }).click();
    await caldav.getByText('Please enter an absolute http or https address').waitFor();
    await caldav.getByLabel('Calendar URL').fill(`${receiverUrl}/caldav/sam/work/`);
    await caldav.getByLabel('User name').fill('sam');
    await caldav.getByLabel('Password', { exact: false }).fill('not-a-real-password');
    await caldav.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('status').filter({ hasText: 'The calendar is connected' }).waitFor();
    const status = caldav.getByTestId('caldav-status');
    expect(await status.textContent()).toContain(`${receiverUrl}/caldav/sam/work/`);
    expect(await status.textContent()).not.toContain('not-a-real-password');
    // The fake calendar answers 404: after its first sync the status says it fails, with the error.
    await expect
      .poll(
        async () => {
          await caldav.getByRole('button', { name: 'Refresh status' }).click();
          return status.textContent();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toContain('Sync failing');
    expect(await status.textContent()).toContain('Last error');
    await shot(page, 'caldav-status');
    expect(await accessibilityViolations(page)).toEqual([]);

    await caldav.getByRole('button', { name: 'Disconnect' }).click();
    await caldav.getByText('No calendar connected.').waitFor();
    expect((await api(`/staff/${sam.id}/caldav`, { token: await ownerToken() })).status).toBe(404);

    await feed.getByRole('button', { name: 'Turn the link off' }).click();
    await feed.getByText('The link is turned off.').waitFor();
    expect((await fetch(`${hostUrl}${second}`)).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
    await narrow(`/admin/staff/${sam.id}`, 'Sam Taylor', shot);
  });

  it('series booking on the booking page: skipped dates shown, all-or-nothing refused; the panel cancels following occurrences', async () => {
    const shot = screenshots('series');
    const token = await ownerToken();
    const { member } = await demoCatalog();
    const sam = member('Sam Taylor');
    const created = await api<{ id: string }>('/services', { body: { name: 'Repeat lesson', durationMinutes: 30, staffIds: [sam.id] }, token });
    expect(created.status).toBe(201);
    const serviceId = created.body.id;
    // A start whose next two weeks are free at the same time, and the third week's taken by someone else.
    const slots = await freeSlots(serviceId, 'Australia/Sydney', sam.id, 35);
    const starts = new Set(slots.map((s) => s.start));
    const weekLater = (iso: string, n: number) => {
      const d = new Date(Date.parse(iso) + n * 7 * 86_400_000);
      return slots.find((s) => Date.parse(s.start) === d.getTime())?.start;
    };
    const first = slots.find((s) => weekLater(s.start, 1) && weekLater(s.start, 2) && weekLater(s.start, 3))?.start;
    expect(first).toBeTruthy();
    const taken = weekLater(first!, 2)!;
    expect(starts.has(taken)).toBe(true);
    await bookViaApi(serviceId, taken, sam.id, 'Someone Else');

    const { page, errors, context } = await openPage(browser);
    await page.goto(demoUrl(`/?service=${serviceId}&staff=${sam.id}&date=${localDate(first!)}`));
    await page.locator(`.slot[data-start="${first}"]`).click();
    await page.getByRole('heading', { name: 'Your details' }).waitFor();
    await page.getByLabel('Name').fill('Rita Repeat');
    await page.getByLabel('Email').fill('rita.repeat@example.com');
    await page.getByLabel('How often').selectOption('weekly');
    await page.getByLabel('How many appointments in all').fill('4');
    await page.getByRole('radio', { name: 'Book none of them' }).check();
    await shot(page, 'repeat-form');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Book the series' }).click();
    // All or nothing: one date is taken, so nothing is booked, and the page says which and why.
    const alert = page.getByRole('alert').filter({ hasText: 'nothing was booked' });
    await alert.waitFor();
    const skipped = page.getByTestId('skipped');
    await expect.poll(() => skipped.textContent()).toContain('taken or not offered');
    await shot(page, 'all-or-nothing-refused');
    expect((await api<{ items: Booking[] }>(`/bookings?from=${localDate(first!)}&to=${localDate(taken)}&staffId=${sam.id}`, { token })).body.items.filter((b) => b.customer.name === 'Rita Repeat')).toEqual([]);

    await page.getByRole('radio', { name: 'Book the dates that are free' }).check();
    await page.getByRole('button', { name: 'Book the series' }).click();
    await page.getByRole('heading', { name: 'Your appointments are booked', level: 1 }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '3 appointments are booked.' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: '1 date could not be booked' }).count()).toBe(1);
    expect(await page.getByTestId('skipped').textContent()).toContain('Not booked');
    expect(await page.getByTestId('series-booked').getByRole('link').count()).toBe(3);
    await shot(page, 'booked-with-skipped');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await noSideScroll(page)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();

    // The admin's booking panel: cancel this occurrence and the later ones.
    const mine = (await api<{ items: Booking[] }>(`/bookings?from=${localDate(first!)}&to=${localDate(weekLater(first!, 3)!)}&staffId=${sam.id}`, { token })).body.items
      .filter((b) => b.customer.name === 'Rita Repeat')
      .sort((a, b) => a.start.localeCompare(b.start));
    expect(mine.length).toBe(3);
    const admin = await openPage(browser);
    await signIn(admin.page, `/admin?view=day&date=${localDate(mine[1]!.start)}`);
    await admin.page.locator('.tgrid[aria-busy="false"]').waitFor();
    await admin.page.locator(`.tgrid-event[data-booking="${mine[1]!.id}"]`).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Rita Repeat' });
    await dialog.getByRole('heading', { name: 'Repeating booking' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel this and later ones' }).click();
    await dialog.getByText('Cancel this occurrence and every later one?').waitFor();
    await shot(admin.page, 'panel-series');
    expect(await accessibilityViolations(admin.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Yes, cancel' }).click();
    await dialog.getByText('2 occurrences are cancelled.').waitFor();
    const after = await Promise.all(mine.map(async (b) => (await api<Booking>(`/bookings/${b.id}`, { token })).body.status));
    expect(after).toEqual(['confirmed', 'cancelled', 'cancelled']);
    expect(admin.errors).toEqual([]);
    await admin.context.close();
  });
});
