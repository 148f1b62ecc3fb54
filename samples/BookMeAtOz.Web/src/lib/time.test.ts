import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsToDate,
  daysBetween,
  formatDateTime,
  groupByLocalDate,
  localDateOf,
  localTimeOf,
  localToInstant,
  firstDayOfWeek,
  monthGrid,
  monthRange,
  offsetMinutes,
  slotLabels,
  startOfWeek,
  toOffsetIso,
  todayIn,
  weekdayNames,
  zoneLabel,
} from './time';

const at = (iso: string) => new Date(iso);

describe('localToInstant (SPEC §3.2)', () => {
  it('reads an ordinary wall time with the zone’s offset that day', () => {
    expect(toOffsetIso(localToInstant('2026-11-30', '09:00', 'Australia/Sydney'), 'Australia/Sydney')).toBe('2026-11-30T09:00:00+11:00');
    expect(toOffsetIso(localToInstant('2026-07-01', '09:00', 'Australia/Sydney'), 'Australia/Sydney')).toBe('2026-07-01T09:00:00+10:00');
    expect(toOffsetIso(localToInstant('2026-07-01', '09:00', 'America/New_York'), 'America/New_York')).toBe('2026-07-01T09:00:00-04:00');
  });

  it('moves a time inside the spring-forward gap forward by the gap’s length', () => {
    // Sydney, 4 Oct 2026: 02:00 → 03:00. 02:30 is 03:30+11:00.
    expect(toOffsetIso(localToInstant('2026-10-04', '02:30', 'Australia/Sydney'), 'Australia/Sydney')).toBe('2026-10-04T03:30:00+11:00');
    // Lord Howe moves by half an hour: 02:00 → 02:30. 02:15 is 02:45+11:00.
    expect(toOffsetIso(localToInstant('2026-10-04', '02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe('2026-10-04T02:45:00+11:00');
  });

  it('takes the earlier instant of an ambiguous fall-back time, or the later when asked', () => {
    // Sydney, 4 Apr 2027: 03:00 AEDT → 02:00 AEST; 02:30 happens twice.
    expect(localToInstant('2027-04-04', '02:30', 'Australia/Sydney').toISOString()).toBe('2027-04-03T15:30:00.000Z');
    expect(localToInstant('2027-04-04', '02:30', 'Australia/Sydney', 'later').toISOString()).toBe('2027-04-03T16:30:00.000Z');
    // A schedule of 00:00–06:00 is 7 real hours that day and 5 on spring-forward day.
    const hours = (d: string, z: string) => (localToInstant(d, '06:00', z, 'later').getTime() - localToInstant(d, '00:00', z).getTime()) / 3_600_000;
    expect(hours('2027-04-04', 'Australia/Sydney')).toBe(7);
    expect(hours('2026-10-04', 'Australia/Sydney')).toBe(5);
  });

  it('allows 24:00 as the end of a day', () => {
    expect(toOffsetIso(localToInstant('2026-11-30', '24:00', 'Australia/Sydney'), 'Australia/Sydney')).toBe('2026-12-01T00:00:00+11:00');
  });
});

describe('offsets and local dates', () => {
  it('knows whole, half and quarter hour offsets, summer and winter', () => {
    expect(offsetMinutes(at('2027-01-15T00:00:00Z'), 'Australia/Sydney')).toBe(660);
    expect(offsetMinutes(at('2027-07-15T00:00:00Z'), 'Australia/Sydney')).toBe(600);
    expect(offsetMinutes(at('2027-07-15T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(at('2027-01-15T00:00:00Z'), 'Pacific/Chatham')).toBe(825);
    expect(offsetMinutes(at('2027-01-15T00:00:00Z'), 'America/St_Johns')).toBe(-210);
  });

  it('gives the local date and time of an instant in a zone', () => {
    const i = at('2026-11-29T22:00:00Z');
    expect(localDateOf(i, 'Australia/Sydney')).toBe('2026-11-30');
    expect(localTimeOf(i, 'Australia/Sydney')).toBe('09:00');
    expect(localDateOf(i, 'Europe/London')).toBe('2026-11-29');
    expect(todayIn('Pacific/Kiritimati', at('2026-11-29T12:00:00Z'))).toBe('2026-11-30');
    expect(todayIn('Pacific/Pago_Pago', at('2026-11-29T12:00:00Z'))).toBe('2026-11-29');
  });

  it('groups slots by the customer’s local date, not the business’s', () => {
    const slots = [{ start: '2026-11-30T09:00:00+11:00' }, { start: '2026-11-30T13:00:00+11:00' }, { start: '2026-12-01T09:00:00+11:00' }];
    expect([...groupByLocalDate(slots, 'Australia/Sydney').keys()]).toEqual(['2026-11-30', '2026-12-01']);
    const london = groupByLocalDate(slots, 'Europe/London');
    expect([...london.keys()]).toEqual(['2026-11-29', '2026-11-30']);
    expect(london.get('2026-11-30')).toEqual([slots[1], slots[2]]);
  });
});

describe('slotLabels across daylight-saving days', () => {
  it('shows plain times on an ordinary day', () => {
    const starts = ['2026-11-30T09:00:00+11:00', '2026-11-30T09:30:00+11:00'].map(at);
    expect(slotLabels(starts, 'Australia/Sydney', 'en-AU')).toEqual(['9:00 am', '9:30 am']);
    expect(slotLabels(starts, 'Australia/Sydney', 'en-GB')).toEqual(['9:00', '9:30']);
  });

  it('tells the repeated hour apart on fall-back day with the zone’s abbreviation', () => {
    // Sydney, 4 Apr 2027, 30-minute slots through the repeated hour.
    const starts = ['01:30+11:00', '02:00+11:00', '02:30+11:00', '02:00+10:00', '02:30+10:00', '03:00+10:00'].map((t) => at(`2027-04-04T${t}`));
    const labels = slotLabels(starts, 'Australia/Sydney', 'en-AU');
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(['1:30 am AEDT', '2:00 am AEDT', '2:30 am AEDT', '2:00 am AEST', '2:30 am AEST', '3:00 am AEST']);
  });

  it('marks the zone on spring-forward day too, where the offset changes', () => {
    // Lord Howe, 4 Oct 2026, hours 00:00–06:00 with 60-minute slots (SPEC §3.3).
    const starts = ['00:00+10:30', '01:00+10:30', '02:30+11:00', '03:30+11:00', '04:30+11:00'].map((t) => at(`2026-10-04T${t}`));
    const labels = slotLabels(starts, 'Australia/Lord_Howe', 'en-AU');
    expect(labels.map((l) => l.slice(0, l.indexOf(' am')))).toEqual(['12:00', '1:00', '2:30', '3:30', '4:30']);
    expect(labels.every((l) => /am \S+/.test(l))).toBe(true);
  });

  it('shows the same instant at the customer’s wall time', () => {
    const start = at('2026-11-30T09:00:00+11:00');
    expect(slotLabels([start], 'Australia/Perth', 'en-AU')).toEqual(['6:00 am']);
    expect(slotLabels([start], 'America/Los_Angeles', 'en-US')[0]).toMatch(/^2:00\sPM$/);
    expect(formatDateTime(start, 'Europe/London', 'en-GB')).toMatch(/^Sunday,? 29 November 2026 at 22:00 GMT$/);
  });
});

describe('calendar arithmetic', () => {
  it('lays out a month Monday first', () => {
    const nov = monthGrid('2026-11'); // 1 Nov 2026 is a Sunday
    expect(nov[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(nov[nov.length - 1]).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(monthGrid('2027-02')).toHaveLength(4); // 28 days from a Monday
    expect(monthGrid('2027-02').flat().filter(Boolean)).toHaveLength(28);
  });

  it('adds days and months on plain dates, whatever the zone does', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2026-10-01', '2026-10-31')).toBe(30);
    expect(addMonthsToDate('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonthsToDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsToDate('2027-03-31', -1)).toBe('2027-02-28');
    expect(monthRange('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(startOfWeek('2026-11-29')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-30')).toBe('2026-11-30');
  });

  it('names weekdays Monday first in the locale', () => {
    expect(weekdayNames('en-GB', 'short')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });
});

describe('zoneLabel', () => {
  it('shows the zone with its abbreviation and offset at that time', () => {
    expect(zoneLabel('Australia/Sydney', at('2027-01-15T00:00:00Z'), 'en-AU')).toBe('Australia/Sydney (AEDT, GMT+11:00)');
    expect(zoneLabel('Australia/Sydney', at('2027-07-15T00:00:00Z'), 'en-AU')).toBe('Australia/Sydney (AEST, GMT+10:00)');
    expect(zoneLabel('Asia/Kolkata', at('2027-07-15T00:00:00Z'), 'en-AU')).toBe('Asia/Kolkata (GMT+05:30)');
    expect(zoneLabel('America/Argentina/Buenos_Aires', at('2027-07-15T00:00:00Z'), 'en-US')).toBe('America/Argentina/Buenos Aires (GMT-03:00)');
  });
});

describe('the week in the locale', () => {
  it('starts the month grid and the weekday names on the locale’s first day', () => {
    expect(firstDayOfWeek('en-US')).toBe(7);
    expect(firstDayOfWeek('de-DE')).toBe(1);
    expect(firstDayOfWeek('fr-FR')).toBe(1);
    const nov = monthGrid('2026-11', 7); // 1 Nov 2026 is a Sunday
    expect(nov[0]).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']);
    expect(weekdayNames('en-US', 'short', 7)).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(weekdayNames('de-DE', 'short', 1)[0]).toBe('Mo');
    expect(weekdayNames('fr-FR', 'long', 1)[6]).toBe('dimanche');
  });
});
