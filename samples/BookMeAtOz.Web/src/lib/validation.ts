import { RESERVED_SLUGS } from './reserved';
// Form rules that mirror the API's (src/BookMeAtOz.Core/Validation/Text.cs, Bookings/Booking.cs,
// Tenancy/Tenant.cs), so a customer sees a problem before sending, in the same words the API would use.

import { t } from '../i18n';

export const NAME_MAX = 200;
export const NOTES_MAX = 2000;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 40;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

const isBlank = (v: string | undefined | null) => !v || v.trim().length === 0;

/** A required name of at most 200 characters. */
export function validateName(value: string): string | undefined {
  if (isBlank(value)) return t('valid.name');
  if (value.length > NAME_MAX) return t('valid.max', { max: NAME_MAX });
  return undefined;
}

// One address: no spaces or specials outside a quoted part, one @, dots not first, last or doubled.
// This is the shape .NET's MailAddress accepts for the addresses people type.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$/;
const DOMAIN = /^[A-Za-z0-9\u0080-\uFFFF]([A-Za-z0-9\u0080-\uFFFF-]*[A-Za-z0-9\u0080-\uFFFF])?(\.[A-Za-z0-9\u0080-\uFFFF]([A-Za-z0-9\u0080-\uFFFF-]*[A-Za-z0-9\u0080-\uFFFF])?)*$/;

/** Whether a value is one plausible email address, as the API checks it. */
export function isEmail(value: string): boolean {
  if (value.length <= 2 || value.length > EMAIL_MAX || value.trim() !== value) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return false;
  return LOCAL.test(value.slice(0, at)) && DOMAIN.test(value.slice(at + 1));
}

/** A required, valid email address. */
export function validateEmail(value: string): string | undefined {
  if (isBlank(value)) return t('valid.email');
  if (!isEmail(value.trim())) return t('valid.emailShape');
  return undefined;
}

/** An optional phone number: at most 40 characters of digits, spaces and + - ( ) . */
export function validatePhone(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > PHONE_MAX) return t('valid.max', { max: PHONE_MAX });
  if (!/^[0-9 +\-().]*$/.test(value)) return t('valid.phone');
  return undefined;
}

/** Optional notes of at most 2000 characters. */
export function validateNotes(value: string): string | undefined {
  if (value.length > NOTES_MAX) return t('valid.max', { max: NOTES_MAX });
  return undefined;
}

export interface CustomerForm {
  name: string;
  email: string;
  phone: string;
  notes: string;
}

export type CustomerField = keyof CustomerForm;

/** Every field's problem, or an empty object when the form can be sent. */
export function validateCustomer(form: CustomerForm): FieldErrors<CustomerField> {
  const errors: FieldErrors<CustomerField> = {};
  const name = validateName(form.name);
  if (name) errors.name = name;
  const email = validateEmail(form.email);
  if (email) errors.email = email;
  const phone = validatePhone(form.phone.trim());
  if (phone) errors.phone = phone;
  const notes = validateNotes(form.notes);
  if (notes) errors.notes = notes;
  return errors;
}

/** The booking request's customer and notes, trimmed, with empty optional fields left out. */
export function customerPayload(form: CustomerForm): { customer: { name: string; email: string; phone?: string }; notes?: string } {
  const phone = form.phone.trim();
  const notes = form.notes.trim();
  return {
    customer: { name: form.name.trim(), email: form.email.trim(), ...(phone ? { phone } : {}) },
    ...(notes ? { notes } : {}),
  };
}

/**
 * The API's validation errors (field paths such as "customer.email") mapped onto form fields; those
 * that match no field are returned under "form".
 */
export function mapApiErrors<K extends string>(
  errors: Record<string, string[]> | undefined,
  fields: Record<string, K>,
): FieldErrors<K | 'form'> {
  const out: FieldErrors<K | 'form'> = {};
  for (const [path, messages] of Object.entries(errors ?? {})) {
    const field = fields[path] ?? ('form' as const);
    const text = messages.join(' ');
    out[field] = out[field] ? `${out[field]} ${text}` : text;
  }
  return out;
}

export { RESERVED_SLUGS } from './reserved';

/** A tenant's subdomain: 3–63 lower-case letters, digits or inner hyphens, not reserved. */
export function validateSlug(value: string): string | undefined {
  if (isBlank(value)) return 'Please choose a web address.';
  if (value.length < 3 || value.length > 63) return 'Must be 3 to 63 characters.';
  if (!/^[a-z0-9]([a-z0-9-]{1,61}[a-z0-9])?$/.test(value)) {
    return 'Use lower-case letters, digits and hyphens, starting and ending with a letter or digit.';
  }
  if (RESERVED_SLUGS.includes(value)) return 'That address is reserved. Please choose another.';
  return undefined;
}

/** A suggested subdomain from a business name: "Bea's Hair & Co" → "beas-hair-co". */
export function slugFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
}

/** A password of 8–128 characters. */
export function validatePassword(value: string): string | undefined {
  if (value.length < PASSWORD_MIN) return t('valid.min', { min: PASSWORD_MIN });
  if (value.length > PASSWORD_MAX) return t('valid.max', { max: PASSWORD_MAX });
  return undefined;
}

/** A whole number within a range, from a form field. */
export function validateInt(value: string, min: number, max: number, required = true): string | undefined {
  if (value.trim() === '') return required ? t('valid.required') : undefined;
  if (!/^-?\d+$/.test(value.trim())) return t('valid.whole');
  const n = Number(value);
  if (n < min || n > max) return t('valid.between', { min, max });
  return undefined;
}

/** Dollars and cents typed by a person ("45", "45.5", "45.50") to cents; undefined when not money. */
export function parseMoneyToCents(value: string): number | undefined {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** Whether working intervals 'HH:mm'–'HH:mm' are well formed and do not overlap; the first problem found. */
export function validateIntervals(intervals: { start: string; end: string }[]): string | undefined {
  const toMin = (t: string) => {
    const m = /^(\d{2}):(\d{2})$/.exec(t);
    if (!m) return NaN;
    const v = Number(m[1]) * 60 + Number(m[2]);
    return v <= 24 * 60 && Number(m[2]) < 60 ? v : NaN;
  };
  const parsed = intervals.map((i) => ({ start: toMin(i.start), end: toMin(i.end === '00:00' ? '24:00' : i.end) }));
  for (const p of parsed) {
    if (Number.isNaN(p.start) || Number.isNaN(p.end)) return 'Times must be HH:mm.';
    if (p.end <= p.start) return 'Each end must be after its start.';
  }
  const sorted = [...parsed].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) return 'Intervals must not overlap.';
  }
  return undefined;
}

export interface NewPasswordForm {
  password: string;
  confirm: string;
}

/** A new password typed twice: 8–128 characters, not blank, not the email, both the same. */
export function validateNewPassword(form: NewPasswordForm, email?: string): FieldErrors<keyof NewPasswordForm> {
  const errors: FieldErrors<keyof NewPasswordForm> = {};
  const password = validatePassword(form.password) ?? (form.password.trim() === '' ? t('valid.spaces') : undefined);
  if (password) errors.password = password;
  else if (email && form.password.trim().toLowerCase() === email.trim().toLowerCase()) errors.password = t('valid.notEmail');
  if (!errors.password && form.confirm !== form.password) errors.confirm = t('valid.mismatch');
  return errors;
}

export interface AcceptInvitationForm extends NewPasswordForm {
  name: string;
}

/** The invitation form: a name and a new password typed twice. */
export function validateAcceptInvitation(form: AcceptInvitationForm, email?: string): FieldErrors<keyof AcceptInvitationForm> {
  const errors: FieldErrors<keyof AcceptInvitationForm> = { ...validateNewPassword(form, email) };
  const name = validateName(form.name);
  if (name) errors.name = name;
  return errors;
}

export interface ChangePasswordForm extends NewPasswordForm {
  current: string;
}

/** Changing one's password: the current one, and a new one typed twice. */
export function validateChangePassword(form: ChangePasswordForm, email?: string): FieldErrors<keyof ChangePasswordForm> {
  const errors: FieldErrors<keyof ChangePasswordForm> = {};
  if (form.current === '') errors.current = t('valid.current');
  Object.assign(errors, validateNewPassword(form, email));
  return errors;
}

export interface InviteForm {
  email: string;
  role: 'owner' | 'admin' | 'staff';
  staffId: string;
}

/** An invitation: a valid email, and a staff member when the role is staff. */
export function validateInvite(form: InviteForm): FieldErrors<keyof InviteForm> {
  const errors: FieldErrors<keyof InviteForm> = {};
  if (isBlank(form.email)) errors.email = 'Please enter an email address.';
  else if (!isEmail(form.email.trim())) errors.email = 'Must be a valid email address, like name@example.com.';
  if (form.role === 'staff' && !form.staffId) errors.staffId = 'Please choose the staff member this account is for.';
  return errors;
}
