// The booking lifecycle on screen (issue 19 for issue 14's routes): the approvals queue and the booking panel's
// approve/decline, customers (history, export, erasure), the audit log with filters and paging, and the booking
// page's checkout hold with its countdown, hold_expired and release on going back.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, OWNER, api, bookViaApi, demoCatalog, demoUrl, freeSlots, launchBrowser, localDate, openPage, ownerToken, screenshots, type Booking } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, path: string) {
  await page.goto(demoUrl(path));
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Admin' }).waitFor();
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** A service of Sam's that needs approval, and free starts of it far enough apart not to overlap. */
async function approvalService(name: string) {
  const token = await ownerToken();
  const { member } = await demoCatalog();
  const sam = member('Sam Taylor');
  const created = await api<{ id: string; requiresApproval: boolean }>('/services', {
    body: { name, durationMinutes: 30, priceCents: 0, staffIds: [sam.id], requiresApproval: true },
    token,
  });
  expect(created.status).toBe(201);
  expect(created.body.requiresApproval).toBe(true);
  const slots = await freeSlots(created.body.id, 'Australia/Sydney', sam.id);
  const starts = slots.filter((_, i) => i % 8 === 0).map((s) => s.start);
  return { token, serviceId: created.body.id, sam, starts };
}

describe('booking lifecycle screens', () => {
  it('lists pending bookings with their deadline, approves one and declines one with a reason', async () => {
    const shot = screenshots('approvals');
    const { token, serviceId, sam, starts } = await approvalService('Consultation (approval)');
    const approve = await bookViaApi(serviceId, starts[0]!, sam.id, 'Pending Approveme');
    const decline = await bookViaApi(serviceId, starts[1]!, sam.id, 'Pending Declineme');
    expect([approve.status, decline.status]).toEqual(['pending', 'pending']);

    // The guest's manage page says the booking awaits approval (not "cancelled") and keeps the link to it.
    const guest = await openPage(browser);
    await guest.page.goto(demoUrl(`/manage/${approve.id}?new=1#token=${encodeURIComponent(approve.manageToken!)}`));
    await expect.poll(() => guest.page.getByTestId('booking-status').textContent()).toBe('Awaiting approval');
    await guest.page.getByText('approves this booking first').waitFor();
    await guest.page.getByRole('heading', { name: 'Request received', level: 1 }).waitFor();
    await guest.page.getByRole('heading', { name: 'Keep this link' }).waitFor();
    await shot(guest.page, 'guest-pending');
    expect(await accessibilityViolations(guest.page)).toEqual([]);
    expect(guest.errors).toEqual([]);
    await guest.context.close();

    const { page, errors, context } = await openPage(browser);
    await signIn(page, '/admin/approvals');
    await page.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    // The badge in the nav says how many wait (other files' pending bookings may add to it).
    await expect.poll(() => page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: /^Approvals/ }).textContent()).toMatch(/^Approvals\s*\d+\s*\d+ waiting$/);
    const first = page.getByRole('listitem', { name: /^Pending Approveme, / });
    await first.waitFor();
    expect(await first.textContent()).toContain('Decide by');
    expect(await first.textContent()).toContain('pending.approveme@example.com');
    await shot(page, 'queue');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Approve the booking of Pending Approveme', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The booking of Pending Approveme is approved.' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('listitem', { name: /^Pending Approveme, / }).count()).toBe(0);
    expect((await api<Booking>(`/bookings/${approve.id}`, { token })).body.status).toBe('confirmed');

    await page.getByRole('button', { name: 'Decline the booking of Pending Declineme', exact: true }).click();
    await page.getByLabel('Reason for the customer').fill('Fully booked that day');
    await shot(page, 'decline-reason');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Decline booking', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The booking of Pending Declineme is declined.' }).count()).toBe(1);
    const declined = (await api<Booking & { cancelReason: string }>(`/bookings/${decline.id}`, { token })).body;
    expect(declined).toMatchObject({ status: 'declined', cancelReason: 'Fully booked that day' });

    // At 390 px: no sideways scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await noSideScroll(page)).toBe(true);
    await shot(page, 'queue-390');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a pending booking distinctly in the calendar and approves it from the booking panel', async () => {
    const shot = screenshots('booking-panel-lifecycle');
    const { token, serviceId, sam, starts } = await approvalService('Consultation (panel)');
    const pending = await bookViaApi(serviceId, starts[2]!, sam.id, 'Pending Panel');

    const { page, errors, context } = await openPage(browser);
    await signIn(page, `/admin?view=day&date=${localDate(pending.start)}`);
    await page.locator('.tgrid[aria-busy="false"]').waitFor();
    const block = page.locator(`.tgrid-event[data-booking="${pending.id}"]`);
    await block.waitFor();
    expect(await block.getAttribute('class')).toContain('is-pending');
    // Not by colour alone: the block's text says it.
    expect(await block.textContent()).toContain('(Awaiting approval)');
    await block.click();
    const dialog = page.getByRole('dialog', { name: 'Pending Panel' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('booking-status').textContent()).toBe('Awaiting approval');
    expect(await dialog.textContent()).toContain('Decide by');
    // A future booking cannot be a no-show.
    expect(await dialog.getByRole('button', { name: 'Mark as no-show' }).count()).toBe(0);
    await shot(page, 'pending-panel');
    expect(await accessibilityViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => dialog.getByTestId('booking-status').textContent()).toBe('Confirmed');
    expect((await api<Booking>(`/bookings/${pending.id}`, { token })).body.status).toBe('confirmed');
    await expect.poll(async () => (await block.getAttribute('class')) ?? '').not.toContain('is-pending');
    expect(await dialog.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await shot(page, 'approved-panel');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds a customer, shows their history, exports their data and erases it after confirming', async () => {
    const shot = screenshots('customers');
    const { service, member } = await demoCatalog();
    const haircut = service('Haircut');
    const alex = member('Alex Chen');
    const slots = await freeSlots(haircut.id, 'Australia/Sydney', alex.id);
    const one = await bookViaApi(haircut.id, slots[3]!.start, alex.id, 'Cora Erasable');
    await bookViaApi(haircut.id, slots[9]!.start, alex.id, 'Cora Erasable');
    const token = await ownerToken();
    const email = 'cora.erasable@example.com';

    const { page, errors, context } = await openPage(browser, { width: 390, height: 844 });
    await signIn(page, '/admin/customers');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Find customers by name, e-mail or phone' }).fill('Cora Eras');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const result = page.getByRole('button', { name: `Cora Erasable · ${email}`, exact: true });
    await result.waitFor();
    expect(await page.locator('.result-list > li').count()).toBe(1);
    await result.click();
    const panel = page.getByRole('region', { name: 'Cora Erasable' });
    await panel.getByRole('heading', { name: 'Bookings', level: 3 }).waitFor();
    expect(await panel.locator('.customer-bookings > li').count()).toBe(2);
    expect(await panel.textContent()).toContain('Confirmed: 2');
    expect(await noSideScroll(page)).toBe(true);
    await shot(page, 'history-390');
    expect(await accessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export data (JSON)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^customer-.*\.json$/);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as { customer: { email: string }; bookings: { id: string }[] };
    expect(exported.customer.email).toBe(email);
    expect(exported.bookings.map((b) => b.id)).toContain(one.id);
    await panel.getByText('The export is downloaded.').waitFor();

    await panel.getByRole('button', { name: 'Erase personal data' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Erase the personal data of Cora Erasable?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('from 2 bookings');
    await shot(page, 'erase-confirm-390');
    expect(await accessibilityViolations(page)).toEqual([]);
    // "Keep it" is the safe default: nothing erased.
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await api(`/customers/${encodeURIComponent(email)}`, { token })).status).toBe(200);

    await panel.getByRole('button', { name: 'Erase personal data' }).click();
    await confirm.getByRole('button', { name: 'Erase for good' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The customer’s personal data is erased' }).count()).toBe(1);
    expect((await api(`/customers/${encodeURIComponent(email)}`, { token })).status).toBe(404);
    const kept = (await api<Booking>(`/bookings/${one.id}`, { token })).body;
    expect(kept.customer.name).toBe('Erased customer');
    await shot(page, 'erased-390');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the audit log with before and after, filtered by entity and actor, a page at a time', async () => {
    const shot = screenshots('audit');
    const token = await ownerToken();
    const me = (await api<{ name: string }>('/me', { token })).body;
    const created = await api<{ id: string }>('/services', { body: { name: 'Audit paging 0', durationMinutes: 30 }, token });
    expect(created.status).toBe(201);
    // 52 updates and the creation: more than one page of 50.
    for (let i = 1; i <= 52; i++) expect((await api(`/services/${created.body.id}`, { method: 'PATCH', body: { name: `Audit paging ${i}` }, token })).status).toBe(200);

    const { page, errors, context } = await openPage(browser);
    await signIn(page, '/admin/audit');
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.locator('.audit-list > li').first().waitFor();

    await page.getByLabel('Entity id').fill(created.body.id);
    await page.getByLabel('Changed by').selectOption({ label: me.name });
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.locator('.audit-list > li').count()).toBe(50);
    const newest = page.locator('.audit-list > li').first();
    expect(await newest.locator('h3').textContent()).toBe('service.updated');
    expect(await newest.textContent()).toContain(me.name);
    const row = newest.getByRole('row', { name: /^name / });
    expect(await row.locator('del').textContent()).toBe('Audit paging 51');
    expect(await row.locator('ins').textContent()).toBe('Audit paging 52');
    await shot(page, 'audit-filtered');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Show older entries' }).click();
    await expect.poll(() => page.locator('.audit-list > li').count()).toBe(53);
    expect(await page.locator('.audit-list > li').last().locator('h3').textContent()).toBe('service.created');
    expect(await page.getByRole('button', { name: 'Show older entries' }).count()).toBe(0);

    // Dates in the business's zone: nothing before the first entry's day.
    await page.getByLabel('Until').fill('2000-01-01');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByText('No entries match.').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByLabel('Until').fill('');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => page.locator('.audit-list > li').count()).toBe(50);
    expect(await noSideScroll(page)).toBe(true);
    await shot(page, 'audit-390');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('holds the chosen time with a countdown, says so when the hold is gone, and releases it on going back', async () => {
    const shot = screenshots('hold');
    const { service, member } = await demoCatalog();
    const haircut = service('Haircut');
    const priya = member('Priya Singh');
    const { page, errors, context } = await openPage(browser);
    await page.goto(demoUrl(`/?service=${haircut.id}&staff=${priya.id}`));
    const slot = page.locator('.slot').first();
    await slot.waitFor();
    const start = (await slot.getAttribute('data-start'))!;

    const held = page.waitForResponse((r) => r.url().endsWith('/api/v1/holds') && r.request().method() === 'POST');
    await slot.click();
    const hold = (await (await held).json()) as { id: string; start: string; expiresAt: string };
    expect(Date.parse(hold.start)).toBe(Date.parse(start));
    await page.getByRole('heading', { name: 'Your details' }).waitFor();
    const timer = page.getByRole('timer', { name: 'Time left on your hold' });
    await timer.waitFor();
    expect(await timer.textContent()).toMatch(/^\d{1,2}:\d\d$/);
    // Held: nobody else is offered or can book the time.
    expect((await freeSlots(haircut.id, 'Australia/Sydney', priya.id)).map((s) => s.start)).not.toContain(start);
    const other = await api('/bookings', { body: { serviceId: haircut.id, start, staffId: priya.id, customer: { name: 'Other Guest', email: 'other.guest@example.com' } } });
    expect(other.status).toBe(409);
    await shot(page, 'held');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The hold ends before the guest confirms (released here through the API): the booking answers
    // 409 hold_expired, and the page says so and offers to hold the time again.
    expect((await api(`/holds/${hold.id}`, { method: 'DELETE' })).status).toBe(204);
    await page.getByLabel('Name').fill('Hold Tester');
    await page.getByLabel('Email').fill('hold.tester@example.com');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const lapsed = page.getByRole('alert').filter({ hasText: 'Your hold on this time has ended' });
    await lapsed.waitFor();
    expect(await page.getByRole('button', { name: 'Confirm booking' }).isDisabled()).toBe(true);
    await shot(page, 'hold-expired');
    expect(await accessibilityViolations(page)).toEqual([]);
    await lapsed.getByRole('button', { name: 'Hold it again' }).click();
    await timer.waitFor();
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByRole('heading', { name: 'You’re booked!' }).waitFor();
    expect(page.url()).toContain(`/manage/`);

    // Going back from the details releases the hold at once.
    await page.goto(demoUrl(`/?service=${haircut.id}&staff=${priya.id}`));
    const next = page.locator('.slot').first();
    await next.waitFor();
    const nextStart = (await next.getAttribute('data-start'))!;
    expect(nextStart).not.toBe(start);
    await next.click();
    await timer.waitFor();
    expect((await freeSlots(haircut.id, 'Australia/Sydney', priya.id)).map((s) => s.start)).not.toContain(nextStart);
    await page.getByRole('link', { name: 'Change time' }).click();
    await page.getByRole('heading', { name: 'Choose a time' }).waitFor();
    await expect.poll(async () => (await freeSlots(haircut.id, 'Australia/Sydney', priya.id)).map((s) => s.start), { timeout: 30_000, interval: 100 }).toContain(nextStart);
    expect(errors).toEqual([]);
    await context.close();
  });
});
