// The booking lifecycle on the admin screens: which actions a booking offers, how its status reads, and an audit
// entry's before/after as a list of changed fields.
import type { MessageKey } from '../i18n';
import type { Booking, BookingStatus } from '../api/types';

export const STATUS_LABEL: Record<BookingStatus, MessageKey> = {
  held: 'status.held',
  pending: 'status.pending',
  confirmed: 'status.confirmed',
  cancelled: 'status.cancelled',
  declined: 'status.declined',
  expired: 'status.expired',
  no_show: 'status.no_show',
};

export const statusLabelKey = (status: string): MessageKey => STATUS_LABEL[status as BookingStatus] ?? 'status.unknown';

/** Statuses that keep their time taken (shown in the calendar even with "show cancelled" off). */
export const occupies = (status: string) => status === 'held' || status === 'pending' || status === 'confirmed';

/** Approve and decline: a pending booking only (the server expires one past its deadline on the first touch). */
export const canDecide = (b: Pick<Booking, 'status'>) => b.status === 'pending';

/** No-show: a confirmed booking whose start has passed. */
export const canMarkNoShow = (b: Pick<Booking, 'status' | 'start'>, now: number) => b.status === 'confirmed' && Date.parse(b.start) <= now;

/** Cancel and reschedule: a booking that still holds its time (a hold is the guest's, not the admin's). */
export const canChange = (b: Pick<Booking, 'status'>) => b.status === 'confirmed' || b.status === 'pending';

export interface FieldChange {
  field: string;
  before: string | undefined;
  after: string | undefined;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (!prefix) return;
  out.set(prefix, value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * The fields an audit entry changed, nested objects as dotted paths (`customer.name`), in the order they first
 * appear; a creation lists every field with no before, a deletion every field with no after. Unchanged fields are
 * left out (key order differs between the stores, so values are compared, not the documents' text).
 */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  flatten(before, '', b);
  flatten(after, '', a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields
    .filter((f) => b.get(f) !== a.get(f))
    .map((field) => ({ field, before: b.get(field), after: a.get(field) }));
}
