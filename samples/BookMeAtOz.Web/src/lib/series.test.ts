import { describe, expect, it } from 'vitest';
import { NO_REPEAT, seriesFields, skippedOf, skipReasonKey, validateRepeat } from './series';

describe('repeat choice', () => {
  it('asks nothing when the booking does not repeat', () => {
    expect(validateRepeat(NO_REPEAT)).toBeUndefined();
    expect(seriesFields(NO_REPEAT)).toBeNull();
  });

  it('takes 2 to 52 occurrences, whole numbers only', () => {
    for (const count of ['2', '10', '52']) expect(validateRepeat({ frequency: 'weekly', count, mode: 'available' })).toBeUndefined();
    for (const count of ['1', '53', '', '3.5', '-2', 'four']) expect(validateRepeat({ frequency: 'weekly', count, mode: 'available' })).toBe('repeat.countRange');
  });

  it('builds the series route’s recurrence and mode', () => {
    expect(seriesFields({ frequency: 'fortnightly', count: ' 6 ', mode: 'allOrNothing' })).toEqual({ recurrence: { frequency: 'fortnightly', count: 6 }, mode: 'allOrNothing' });
    expect(seriesFields({ frequency: 'monthly', count: '60', mode: 'available' })).toBeNull();
  });

  it('explains each skip code, and any other as not bookable', () => {
    expect(skipReasonKey('slot_unavailable')).toBe('repeat.reason.slot_unavailable');
    expect(skipReasonKey('booking_limit_reached')).toBe('repeat.reason.booking_limit_reached');
    expect(skipReasonKey('no_such_date')).toBe('repeat.reason.no_such_date');
    expect(skipReasonKey('closed_on_sundays')).toBe('repeat.reason.unknown');
  });

  it('reads the skipped occurrences of a problem, ignoring anything malformed', () => {
    expect(skippedOf({ code: 'slot_unavailable', skipped: [{ start: '2031-03-25T10:00:00+11:00', code: 'slot_unavailable' }, { start: 3 }] })).toEqual([
      { start: '2031-03-25T10:00:00+11:00', code: 'slot_unavailable' },
    ]);
    expect(skippedOf({ code: 'slot_unavailable' })).toEqual([]);
    expect(skippedOf(undefined)).toEqual([]);
  });
});
