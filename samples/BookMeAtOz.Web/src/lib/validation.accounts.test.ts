import { describe, expect, it } from 'vitest';
import { validateAcceptInvitation, validateChangePassword, validateInvite, validateNewPassword } from './validation';

describe('validateNewPassword', () => {
  it('accepts 8–128 characters typed the same twice', () => {
    expect(validateNewPassword({ password: 'a fresh phrase', confirm: 'a fresh phrase' })).toEqual({});
    expect(validateNewPassword({ password: 'x'.repeat(128), confirm: 'x'.repeat(128) })).toEqual({});
  });

  it('refuses short, long and blank passwords', () => {
    expect(validateNewPassword({ password: 'short', confirm: 'short' }).password).toMatch(/at least 8/);
    expect(validateNewPassword({ password: 'x'.repeat(129), confirm: 'x'.repeat(129) }).password).toMatch(/at most 128/);
    expect(validateNewPassword({ password: ' '.repeat(10), confirm: ' '.repeat(10) }).password).toMatch(/spaces/);
  });

  it('refuses two different entries, on the second field', () => {
    expect(validateNewPassword({ password: 'a fresh phrase', confirm: 'a fresh phrasE' })).toEqual({ confirm: 'The two passwords do not match.' });
  });

  it('reports only the password while it is itself wrong', () => {
    expect(Object.keys(validateNewPassword({ password: 'short', confirm: '' }))).toEqual(['password']);
  });

  it('refuses the email as the password, whatever its case', () => {
    expect(validateNewPassword({ password: 'Ann@Example.com', confirm: 'Ann@Example.com' }, 'ann@example.com').password).toMatch(/email/);
    expect(validateNewPassword({ password: 'ann@example.com', confirm: 'ann@example.com' })).toEqual({});
  });
});

describe('validateAcceptInvitation', () => {
  it('needs a name of at most 200 characters as well', () => {
    expect(validateAcceptInvitation({ name: 'Ivy', password: 'ivy own phrase', confirm: 'ivy own phrase' })).toEqual({});
    expect(validateAcceptInvitation({ name: '  ', password: 'ivy own phrase', confirm: 'ivy own phrase' })).toEqual({ name: 'Please enter a name.' });
    expect(validateAcceptInvitation({ name: 'x'.repeat(201), password: 'ivy own phrase', confirm: 'ivy own phrase' }).name).toMatch(/200/);
    expect(Object.keys(validateAcceptInvitation({ name: '', password: 'short', confirm: 'short' })).sort()).toEqual(['name', 'password']);
  });
});

describe('validateChangePassword', () => {
  it('needs the current password and a valid new one', () => {
    expect(validateChangePassword({ current: 'demo-password', password: 'a fresh phrase', confirm: 'a fresh phrase' })).toEqual({});
    expect(validateChangePassword({ current: '', password: 'a fresh phrase', confirm: 'a fresh phrase' })).toEqual({ current: 'Please enter your current password.' });
    expect(validateChangePassword({ current: 'demo-password', password: 'a fresh phrase', confirm: 'other' })).toEqual({ confirm: 'The two passwords do not match.' });
    expect(validateChangePassword({ current: 'x', password: 'me@example.com', confirm: 'me@example.com' }, 'me@example.com').password).toMatch(/email/);
  });
});

describe('validateInvite', () => {
  it('needs a valid email', () => {
    expect(validateInvite({ email: 'ivy@example.com', role: 'admin', staffId: '' })).toEqual({});
    expect(validateInvite({ email: '', role: 'admin', staffId: '' }).email).toBe('Please enter an email address.');
    expect(validateInvite({ email: 'ivy@', role: 'admin', staffId: '' }).email).toMatch(/valid email/);
    expect(validateInvite({ email: ' ivy@example.com ', role: 'owner', staffId: '' })).toEqual({});
  });

  it('needs a staff member for a staff account only', () => {
    expect(validateInvite({ email: 'sam@example.com', role: 'staff', staffId: '' }).staffId).toMatch(/staff member/);
    expect(validateInvite({ email: 'sam@example.com', role: 'staff', staffId: '0196a7c2-0000-7000-8000-000000000001' })).toEqual({});
  });
});
