// Series booking on the booking page (docs/http-api.md, "Recurring series"): the repeat choice and its rules.
import type { MessageKey } from '../i18n';

export type Frequency = 'weekly' | 'fortnightly' | 'monthly';
export type SeriesMode = 'allOrNothing' | 'available';

/** The repeat choice as edited: no repeat, or a frequency, a count as typed (2–52) and what to do with taken dates. */
export interface RepeatDraft {
  frequency: '' | Frequency;
  count: string;
  mode: SeriesMode;
}

export const NO_REPEAT: RepeatDraft = { frequency: '', count: '4', mode: 'available' };

/** The count's problem, if any: a whole number from 2 to 52 (the first appointment included). */
export function validateRepeat(r: RepeatDraft): MessageKey | undefined {
  if (!r.frequency) return undefined;
  return /^\d+$/.test(r.count.trim()) && Number(r.count) >= 2 && Number(r.count) <= 52 ? undefined : 'repeat.countRange';
}

/** The `recurrence` and `mode` of a `POST /bookings/series`, or null when the booking does not repeat. */
export function seriesFields(r: RepeatDraft): { recurrence: { frequency: Frequency; count: number }; mode: SeriesMode } | null {
  if (!r.frequency || validateRepeat(r)) return null;
  return { recurrence: { frequency: r.frequency, count: Number(r.count) }, mode: r.mode };
}

/** Why an occurrence was skipped, for a person. */
export function skipReasonKey(code: string): MessageKey {
  switch (code) {
    case 'slot_unavailable':
      return 'repeat.reason.slot_unavailable';
    case 'booking_limit_reached':
      return 'repeat.reason.booking_limit_reached';
    case 'no_such_date':
      return 'repeat.reason.no_such_date';
    default:
      return 'repeat.reason.unknown';
  }
}

/** The skipped occurrences of a `409` problem (its `skipped`), when it lists them. */
export function skippedOf(body: unknown): { start: string; code: string }[] {
  const list = (body as { skipped?: unknown } | null)?.skipped;
  return Array.isArray(list) ? list.filter((s): s is { start: string; code: string } => typeof s?.start === 'string' && typeof s?.code === 'string') : [];
}
