import { describe, expect, it } from 'vitest';
import {
  customerPayload,
  isEmail,
  mapApiErrors,
  parseMoneyToCents,
  slugFromName,
  validateCustomer,
  validateInt,
  validateIntervals,
  validatePassword,
  validatePhone,
  validateSlug,
} from './validation';

const form = (patch: Partial<{ name: string; email: string; phone: string; notes: string }> = {}) => ({
  name: 'Jane Customer',
  email: 'jane@example.com',
  phone: '',
  notes: '',
  ...patch,
});

describe('customer details, as the API checks them', () => {
  it('accepts a complete form and a minimal one', () => {
    expect(validateCustomer(form())).toEqual({});
    expect(validateCustomer(form({ phone: '+61 (02) 9999-0000.', notes: 'x'.repeat(2000) }))).toEqual({});
  });

  it('requires a name of at most 200 characters', () => {
    expect(validateCustomer(form({ name: '   ' })).name).toBe('Please enter a name.');
    expect(validateCustomer(form({ name: 'x'.repeat(200) })).name).toBeUndefined();
    expect(validateCustomer(form({ name: 'x'.repeat(201) })).name).toBe('Must be at most 200 characters.');
  });

  it('requires one valid email address', () => {
    for (const ok of ['a@b', 'jane.doe+tag@example.com', "o'brien@example.ie", 'x@sub.example.com.au', 'zoë@example.com']) expect(isEmail(ok), ok).toBe(true);
    for (const bad of ['', 'jane@', '@example.com', 'a b@c.com', ' jane@x.com', 'jane@x.com ', 'jane@@x.com', 'jane..doe@x.com', '.jane@x.com', 'jane@x..com', 'jane@-x.com', 'ab', `${'x'.repeat(250)}@x.com`]) {
      expect(isEmail(bad), bad).toBe(false);
    }
    expect(validateCustomer(form({ email: '' })).email).toBe('Please enter your email address.');
    expect(validateCustomer(form({ email: 'jane@' })).email).toMatch(/^Must be a valid email address/);
  });

  it('allows only phone characters, up to 40', () => {
    expect(validatePhone('')).toBeUndefined();
    expect(validatePhone('0400 000 000')).toBeUndefined();
    expect(validatePhone('call me')).toBe('May contain only digits, spaces and + - ( ) .');
    expect(validatePhone('1'.repeat(41))).toBe('Must be at most 40 characters.');
  });

  it('limits notes to 2000 characters', () => {
    expect(validateCustomer(form({ notes: 'x'.repeat(2001) })).notes).toBe('Must be at most 2000 characters.');
  });

  it('sends trimmed values and leaves empty optional fields out', () => {
    expect(customerPayload(form({ name: ' Jane ', email: ' jane@example.com ', phone: '  ', notes: ' ' }))).toEqual({
      customer: { name: 'Jane', email: 'jane@example.com' },
    });
    expect(customerPayload(form({ phone: '0400', notes: 'Hi' }))).toEqual({
      customer: { name: 'Jane Customer', email: 'jane@example.com', phone: '0400' },
      notes: 'Hi',
    });
  });

  it('maps the API’s field errors onto the form', () => {
    const errors = mapApiErrors({ 'customer.email': ['Must be a valid email address.'], start: ['Is required.'] }, { 'customer.email': 'email' as const });
    expect(errors).toEqual({ email: 'Must be a valid email address.', form: 'Is required.' });
  });
});

describe('sign-up and admin forms', () => {
  it('checks a tenant’s subdomain like SPEC §2', () => {
    expect(validateSlug('demo')).toBeUndefined();
    expect(validateSlug('a1-b2')).toBeUndefined();
    expect(validateSlug('ab')).toBe('Must be 3 to 63 characters.');
    expect(validateSlug('x'.repeat(64))).toBe('Must be 3 to 63 characters.');
    expect(validateSlug('Acme')).toMatch(/lower-case/);
    expect(validateSlug('-acme')).toMatch(/lower-case/);
    expect(validateSlug('acme-')).toMatch(/lower-case/);
    for (const reserved of ['www', 'api', 'admin', 'hubs', 'metrics']) expect(validateSlug(reserved)).toMatch(/reserved/);
  });

  it('suggests a subdomain from the business name', () => {
    expect(slugFromName('Bea’s Hair & Co')).toBe('beas-hair-co');
    expect(slugFromName('  Café Crème!  ')).toBe('cafe-creme');
    expect(slugFromName('x'.repeat(70))).toHaveLength(63);
  });

  it('checks passwords, whole numbers and money', () => {
    expect(validatePassword('short')).toBe('Must be at least 8 characters.');
    expect(validatePassword('x'.repeat(129))).toBe('Must be at most 128 characters.');
    expect(validatePassword('long enough')).toBeUndefined();
    expect(validateInt('30', 5, 1440)).toBeUndefined();
    expect(validateInt('4', 5, 1440)).toBe('Must be between 5 and 1440.');
    expect(validateInt('1.5', 5, 1440)).toBe('Must be a whole number.');
    expect(validateInt('', 5, 1440, false)).toBeUndefined();
    expect(parseMoneyToCents('45')).toBe(4500);
    expect(parseMoneyToCents('45.5')).toBe(4550);
    expect(parseMoneyToCents('45,05')).toBe(4505);
    expect(parseMoneyToCents('-1')).toBeUndefined();
    expect(parseMoneyToCents('1.234')).toBeUndefined();
  });

  it('checks a day’s working intervals', () => {
    expect(validateIntervals([{ start: '09:00', end: '12:30' }, { start: '13:30', end: '17:00' }])).toBeUndefined();
    expect(validateIntervals([{ start: '22:00', end: '00:00' }])).toBeUndefined(); // until midnight
    expect(validateIntervals([{ start: '12:00', end: '09:00' }])).toBe('Each end must be after its start.');
    expect(validateIntervals([{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }])).toBe('Intervals must not overlap.');
    expect(validateIntervals([{ start: '9am', end: '17:00' }])).toBe('Times must be HH:mm.');
  });
});
