// The account screens: an owner invites a user, who accepts through the e-mailed link (the host's e-mail goes
// to the run's SMTP sink, see mail-sink.ts); role change, removal, an admin facing an owner, changing one's
// password, and a forgotten password (the neutral answer, then the reset link).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, accountLink, api, demoCatalog, demoUrl, launchBrowser, OWNER, openPage, ownerToken, screenshots, sentMail, waitForMail } from './support';

interface User {
  id: string;
  name: string;
  email: string;
  role: string;
  staffId: string | null;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** An address no other test uses (the demo tenant lives for the whole run). */
const unique = (name: string) => `${name}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}@example.com`;

async function users(): Promise<User[]> {
  const r = await api<{ items: User[] }>('/users', { token: await ownerToken() });
  expect(r.status).toBe(200);
  return r.body.items;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(demoUrl('/admin'));
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: /^Your account:/ }).waitFor();
}

/** Creates an admin through the API, as an owner would. */
async function createAdmin(name: string, password: string): Promise<User> {
  const r = await api<User>('/users', { token: await ownerToken(), body: { name, email: unique(name.split(' ')[0]!.toLowerCase()), password, role: 'admin' } });
  expect(r.status).toBe(201);
  return r.body;
}

describe('account screens', () => {
  it('an owner invites a staff user, who accepts by the e-mailed link; the owner changes the role, then removes them', async () => {
    const shot = screenshots('accounts-invite');
    const { member } = await demoCatalog();
    const sam = member('Sam Taylor');
    const email = unique('ivy');

    const owner = await openPage(browser);
    await signIn(owner.page, OWNER.email, OWNER.password);
    await owner.page.getByRole('link', { name: 'Users' }).click();
    await owner.page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await owner.page.getByRole('rowheader', { name: /Demo Owner/ }).waitFor();
    await shot(owner.page, 'users');
    expect(await accessibilityViolations(owner.page)).toEqual([]);

    // Invite: the form checks before sending.
    await owner.page.getByRole('button', { name: 'Invite a user' }).click();
    await owner.page.getByRole('combobox', { name: 'Role' }).selectOption('staff');
    await owner.page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => owner.page.getByText('Please enter an email address.').isVisible()).toBe(true);
    await expect.poll(() => owner.page.getByText('Please choose the staff member this account is for.').isVisible()).toBe(true);
    expect(await owner.page.getByRole('combobox', { name: 'Role' }).locator('option').allTextContents()).toEqual(['Owner', 'Admin', 'Staff']);
    await owner.page.getByLabel('Email').fill(email);
    await owner.page.getByRole('combobox', { name: 'Staff member' }).selectOption({ label: 'Sam Taylor' });
    await shot(owner.page, 'invite-form');
    expect(await accessibilityViolations(owner.page)).toEqual([]);
    await owner.page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => owner.page.getByRole('status').filter({ hasText: `Invitation sent to ${email}.` }).count()).toBe(1);

    // The e-mail's link, loaded directly (the host answers the page for it), signs the new user in.
    const mail = await waitForMail(email, /invited/i);
    const link = accountLink(mail, '/accept-invitation');
    expect(link.startsWith(demoUrl('/accept-invitation#token='))).toBe(true);
    const ivy = await openPage(browser);
    await ivy.page.goto(link);
    await ivy.page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    expect(new URL(ivy.page.url()).hash).toBe(''); // the token is taken out of the address
    await ivy.page.getByLabel('Your name').fill('Ivy Invitee');
    await ivy.page.getByLabel(/^Password(?! again)/).fill('ivy own phrase');
    await ivy.page.getByLabel('Password again').fill('ivy own phrasE');
    await ivy.page.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => ivy.page.getByText('The two passwords do not match.').isVisible()).toBe(true);
    await shot(ivy.page, 'accept-mismatch');
    expect(await accessibilityViolations(ivy.page)).toEqual([]);
    await ivy.page.getByLabel('Password again').fill('ivy own phrase');
    await ivy.page.getByRole('button', { name: 'Join' }).click();
    await ivy.page.getByRole('link', { name: 'Your account: Ivy Invitee' }).waitFor();
    expect(new URL(ivy.page.url()).pathname).toBe('/admin');
    await ivy.page.getByRole('link', { name: 'My bookings' }).waitFor(); // a staff account's console
    await shot(ivy.page, 'accepted');
    const joined = (await users()).find((u) => u.email === email);
    expect(joined).toMatchObject({ name: 'Ivy Invitee', role: 'staff', staffId: sam.id });

    // The link works once.
    const again = await openPage(browser);
    await again.page.goto(link);
    await again.page.getByLabel('Your name').fill('Ivy Again');
    await again.page.getByLabel(/^Password(?! again)/).fill('another phrase');
    await again.page.getByLabel('Password again').fill('another phrase');
    await again.page.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => again.page.getByRole('alert').textContent()).toMatch(/This invitation link does not work/);
    await again.context.close();

    // The owner sees Ivy, linked to Sam, and makes her an admin.
    await owner.page.reload();
    const row = owner.page.getByRole('row', { name: /Ivy Invitee/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Sam Taylor');
    await owner.page.getByRole('button', { name: 'Change role of Ivy Invitee' }).click();
    await owner.page.getByRole('combobox', { name: 'Role' }).selectOption('admin');
    await owner.page.getByRole('button', { name: 'Save role' }).click();
    await expect.poll(() => owner.page.getByRole('status').filter({ hasText: 'Ivy Invitee is now an admin.' }).count()).toBe(1);
    expect((await users()).find((u) => u.email === email)).toMatchObject({ role: 'admin', staffId: null });
    await shot(owner.page, 'role-changed');
    // The change ended Ivy's session: her next load asks her to sign in.
    await ivy.page.reload();
    await ivy.page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Removal asks first.
    await owner.page.getByRole('button', { name: 'Remove Ivy Invitee' }).click();
    const confirm = owner.page.getByRole('group', { name: 'Remove Ivy Invitee?' });
    await confirm.waitFor();
    await shot(owner.page, 'remove-confirm');
    expect(await accessibilityViolations(owner.page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await users()).some((u) => u.email === email)).toBe(true);
    await owner.page.getByRole('button', { name: 'Remove Ivy Invitee' }).click();
    await owner.page.getByRole('button', { name: 'Yes, remove Ivy Invitee' }).click();
    await expect.poll(() => owner.page.getByRole('status').filter({ hasText: 'Removed Ivy Invitee.' }).count()).toBe(1);
    await expect.poll(() => owner.page.getByRole('row', { name: /Ivy Invitee/ }).count()).toBe(0);
    expect((await users()).some((u) => u.email === email)).toBe(false);

    // The last owner cannot demote themselves: the API's refusal is shown.
    await owner.page.getByRole('button', { name: 'Change role of Demo Owner' }).click();
    await owner.page.getByRole('combobox', { name: 'Role' }).selectOption('admin');
    await owner.page.getByRole('button', { name: 'Save role' }).click();
    await expect.poll(() => owner.page.getByRole('alert').count()).toBe(1);
    expect(await owner.page.getByRole('alert').textContent()).toMatch(/owner/i);
    await shot(owner.page, 'last-owner-refused');
    expect((await users()).find((u) => u.email === OWNER.email)!.role).toBe('owner');

    expect([...owner.errors, ...ivy.errors]).toEqual([]);
    await owner.context.close();
    await ivy.context.close();
  });

  it('an admin sees owners but cannot change them, nor invite one', async () => {
    const shot = screenshots('accounts-admin');
    const admin = await createAdmin('Ada Admin', 'ada own phrase');
    const { page, errors, context } = await openPage(browser);
    await signIn(page, admin.email, 'ada own phrase');
    await page.getByRole('link', { name: 'Users' }).click();
    const ownerRow = page.getByRole('row', { name: /Demo Owner/ });
    await ownerRow.waitFor();
    expect(await ownerRow.textContent()).toContain('Only an owner can change an owner.');
    expect(await ownerRow.getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: 'Invite a user' }).click();
    expect(await page.getByRole('combobox', { name: 'Role' }).locator('option').allTextContents()).toEqual(['Admin', 'Staff']);
    await shot(page, 'admin-view');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The API's refusal detail is shown, e.g. an address that already has an account.
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByRole('combobox', { name: 'Role' }).selectOption('admin');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    const conflict = await api<{ detail: string }>('/users/invitations', { token: await ownerToken(), body: { email: OWNER.email, role: 'admin' } });
    expect(conflict.status).toBe(409);
    expect(await page.getByRole('alert').textContent()).toBe(conflict.body.detail);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a signed-in user changes their password and stays signed in with the new tokens', async () => {
    const shot = screenshots('accounts-password');
    const admin = await createAdmin('Carl Changer', 'carl first phrase');
    const { page, errors, context } = await openPage(browser);
    await signIn(page, admin.email, 'carl first phrase');
    const before = await page.evaluate(() => localStorage.getItem('bookmeatoz.session'));
    await page.getByRole('link', { name: 'Your account: Carl Changer' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();

    await page.getByLabel('Current password').fill('not my phrase');
    await page.getByLabel(/^New password(?! again)/).fill('carl second phrase');
    await page.getByLabel('New password again').fill('carl second phrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(async () => (await page.locator('.field-error').allTextContents()).join(' ')).toMatch(/\S/);
    await shot(page, 'wrong-current');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Current password').fill('carl first phrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Your password is changed.' }).count()).toBe(1);
    await shot(page, 'changed');
    const after = await page.evaluate(() => localStorage.getItem('bookmeatoz.session'));
    expect(after).not.toBe(before);
    const stored = JSON.parse(after!) as { accessToken: string; refreshToken: string };
    expect((await api('/me', { token: stored.accessToken })).status).toBe(200);
    const old = JSON.parse(before!) as { accessToken: string };
    expect((await api('/me', { token: old.accessToken })).status).toBe(401);
    // The page keeps working with the stored pair.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('row', { name: /Carl Changer/ }).waitFor();
    expect((await api('/auth/token', { body: { email: admin.email, password: 'carl first phrase' } })).status).toBe(401);
    expect((await api('/auth/token', { body: { email: admin.email, password: 'carl second phrase' } })).status).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('forgot password says the same for any address; the e-mailed link sets a new password', async () => {
    const shot = screenshots('accounts-reset');
    const admin = await createAdmin('Rita Reset', 'rita first phrase');
    const { page, errors, context } = await openPage(browser);
    const unknown = unique('nobody');

    const ask = async (email: string) => {
      await page.goto(demoUrl('/admin'));
      await page.getByRole('button', { name: 'Forgot password?' }).click();
      await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      const answer = page.getByRole('status').filter({ hasText: 'Check your email' });
      await answer.waitFor();
      return (await answer.textContent())!.replace(email, '<email>');
    };
    await page.goto(demoUrl('/admin'));
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect.poll(() => page.getByText('Please enter your email address.').isVisible()).toBe(true);
    const forUnknown = await ask(unknown);
    await shot(page, 'neutral-answer');
    expect(await accessibilityViolations(page)).toEqual([]);
    const forKnown = await ask(admin.email);
    expect(forUnknown).toMatch(/If an account here has the address <email>, we have sent it a link/);
    expect(forKnown).toBe(forUnknown);

    const mail = await waitForMail(admin.email, /reset/i);
    const link = accountLink(mail, '/reset-password');
    expect(link.startsWith(demoUrl('/reset-password#token='))).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel(/^New password(?! again)/).fill('short');
    await page.getByLabel('New password again').fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => page.getByText('Must be at least 8 characters.').isVisible()).toBe(true);
    await shot(page, 'reset-form');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel(/^New password(?! again)/).fill('rita second phrase');
    await page.getByLabel('New password again').fill('rita second phrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.getByRole('status').filter({ hasText: 'Your password is changed. Please sign in with it.' }).count()).toBe(1);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill('rita second phrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Your account: Rita Reset' }).waitFor();

    // Nothing went to the unknown address; a used link says so.
    expect(sentMail().some((m) => m.to.includes(unknown))).toBe(false);
    const reuse = await openPage(browser);
    await reuse.page.goto(link);
    await reuse.page.getByLabel(/^New password(?! again)/).fill('rita third phrase');
    await reuse.page.getByLabel('New password again').fill('rita third phrase');
    await reuse.page.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => reuse.page.getByRole('alert').textContent()).toMatch(/This link does not work/);
    // A link without its token says so at once.
    await reuse.page.goto(demoUrl('/reset-password'));
    await expect.poll(() => reuse.page.getByRole('alert').textContent()).toMatch(/This link does not work/);
    await reuse.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});
