// Dates, times and time zones, with Intl only (no date library): local dates are 'YYYY-MM-DD' strings,
// local times 'HH:mm', instants are Date objects or ISO strings with an offset as the API writes them.

/** A local calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of an instant in a zone. */
export function wallClock(instant: Date, zone: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour! % 24,
    minute: out.minute!,
    second: out.second!,
  };
}

/** The zone's offset from UTC at an instant, in minutes (Sydney in summer: 660). */
export function offsetMinutes(instant: Date, zone: string): number {
  const w = wallClock(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The local date of an instant in a zone. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  const w = wallClock(instant, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The local time 'HH:mm' of an instant in a zone. */
export function localTimeOf(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Today's local date in a zone. */
export function todayIn(zone: string, now: Date = new Date()): LocalDate {
  return localDateOf(now, zone);
}

function parseDate(date: LocalDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a local date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function parseTime(time: string): [number, number] {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`Not a local time: ${time}`);
  return [Number(m[1]), Number(m[2])];
}

/** The date n days after (or before) a local date. */
export function addDays(date: LocalDate, n: number): LocalDate {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Whole days from a to b. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ay, am, ad] = parseDate(a);
  const [by, bm, bd] = parseDate(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/** Day of week of a local date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The Monday on or before a local date. */
export function startOfWeek(date: LocalDate): LocalDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** 'YYYY-MM' of a local date. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

/** The first and last local dates of a month 'YYYY-MM'. */
export function monthRange(month: string): { first: LocalDate; last: LocalDate } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${pad(last)}` };
}

/** The month n months after 'YYYY-MM'. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}`;
}

/** The same day n months later, or that month's last day when it is shorter (31 Jan + 1 → 28/29 Feb). */
export function addMonthsToDate(date: LocalDate, n: number): LocalDate {
  const month = addMonths(monthOf(date), n);
  const { last } = monthRange(month);
  return `${month}-${pad(Math.min(Number(date.slice(8)), Number(last.slice(8))))}`;
}

/**
 * The weeks of a month for a calendar grid, starting on `firstDay` (ISO: 1 = Monday … 7 = Sunday): each
 * week has 7 cells, the days outside the month are null.
 */
export function monthGrid(month: string, firstDay = 1): (LocalDate | null)[][] {
  const { first, last } = monthRange(month);
  const lead = (dayOfWeek(first) - (firstDay % 7) + 7) % 7;
  const cells: (LocalDate | null)[] = Array.from({ length: lead }, () => null);
  for (let d = first; d <= last; d = addDays(d, 1)) cells.push(d);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (LocalDate | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * The instant of a local date and time in a zone, resolved as the API does (SPEC §3.2): a time inside
 * a daylight-saving gap moves forward by the gap's length; an ambiguous time (the repeated hour when
 * clocks go back) is the earlier instant unless `later` is asked for.
 */
export function localToInstant(date: LocalDate, time: string, zone: string, ambiguous: 'earlier' | 'later' = 'earlier'): Date {
  const [y, mo, d] = parseDate(date);
  const [h, mi] = time === '24:00' ? [24, 0] : parseTime(time);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Zones change offset at most once in any 48 hours, so the offsets a day either side bracket it.
  const before = offsetMinutes(new Date(asUtc - 86_400_000), zone);
  const after = offsetMinutes(new Date(asUtc + 86_400_000), zone);
  const wantWall = new Date(asUtc);
  const matches = (t: Date) => {
    const w = wallClock(t, zone);
    return (
      w.year === wantWall.getUTCFullYear() &&
      w.month === wantWall.getUTCMonth() + 1 &&
      w.day === wantWall.getUTCDate() &&
      w.hour === wantWall.getUTCHours() &&
      w.minute === wantWall.getUTCMinutes()
    );
  };
  const candidates = [...new Set([before, after])]
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter(matches)
    .sort((a, b) => a.getTime() - b.getTime());
  if (candidates.length === 0) {
    // In a gap: read the wall time with the offset in force before it, which lands gap-length later.
    return new Date(asUtc - before * 60_000);
  }
  return ambiguous === 'later' ? candidates[candidates.length - 1]! : candidates[0]!;
}

/** An ISO-8601 string with the zone's offset at that instant, as the API takes it: 2027-04-04T02:30:00+11:00. */
export function toOffsetIso(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  const off = offsetMinutes(instant, zone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The zone the browser is in, or UTC when it cannot tell. */
export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Whether Intl knows a zone id. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the browser knows, with UTC. */
export function supportedTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

function zoneNamePart(instant: Date, zone: string, style: 'short' | 'longOffset' | 'long', locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(instant);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/**
 * How a zone is shown next to times: its id, and its abbreviation and offset at that instant
 * ("Australia/Sydney (AEDT, GMT+11:00)"). Where the locale has no abbreviation, the offset alone.
 */
export function zoneLabel(zone: string, at: Date, locale?: string): string {
  const short = zoneNamePart(at, zone, 'short', locale);
  const offset = zoneNamePart(at, zone, 'longOffset', locale);
  const city = zone.replace(/_/g, ' ');
  return short === offset || /^(GMT|UTC)[+-]/.test(short) ? `${city} (${offset})` : `${city} (${short}, ${offset})`;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = timeFormatters.get(key);
  if (!f) {
    f = make();
    timeFormatters.set(key, f);
  }
  return f;
}

/** A time of day in the customer's locale: "9:30 am" / "09:30". */
export function formatTime(instant: Date, zone: string, locale?: string, withZone = false): string {
  return cached(`t|${zone}|${locale}|${withZone}`, () =>
    new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      hour: 'numeric',
      minute: '2-digit',
      ...(withZone ? { timeZoneName: 'short' } : {}),
    }),
  ).format(instant);
}

/** A local date in words: "Monday 30 November 2026". */
export function formatLongDate(date: LocalDate, locale?: string): string {
  const [y, m, d] = parseDate(date);
  return cached(`ld|${locale}`, () =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  ).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A short local date: "Mon 30 Nov". */
export function formatShortDate(date: LocalDate, locale?: string): string {
  const [y, m, d] = parseDate(date);
  return cached(`sd|${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A month heading: "November 2026". */
export function formatMonth(month: string, locale?: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return cached(`m|${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' })).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** The weekday names for calendar column headings, Monday first unless `firstDay` (ISO, 7 = Sunday) says otherwise. */
export function weekdayNames(locale?: string, style: 'short' | 'narrow' | 'long' = 'short', firstDay = 1): string[] {
  const f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: style });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, firstDay + i))));
}

/** The first day of the week where the locale's region lives (ISO: 1 = Monday, 7 = Sunday); Monday when the browser cannot say. */
export function firstDayOfWeek(locale?: string): number {
  try {
    const l = new Intl.Locale(locale ?? new Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const day = l.getWeekInfo?.().firstDay ?? l.weekInfo?.firstDay;
    return day && day >= 1 && day <= 7 ? day : 1;
  } catch {
    return 1;
  }
}

/** An instant's date and time in a zone, in words, with the zone: "Monday 30 November 2026, 9:00 am AEDT". */
export function formatDateTime(instant: Date, zone: string, locale?: string): string {
  return cached(`dt|${zone}|${locale}`, () =>
    new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
  ).format(instant);
}

/**
 * Labels for a day's start times. Where two starts read the same on the wall clock (the hour repeated
 * when clocks go back) or the zone's offset changes during the day, every label gets the zone's
 * abbreviation, so "2:30 am AEDT" and "2:30 am AEST" are told apart.
 */
export function slotLabels(starts: Date[], zone: string, locale?: string): string[] {
  const plain = starts.map((s) => formatTime(s, zone, locale));
  const offsets = new Set(starts.map((s) => offsetMinutes(s, zone)));
  const repeated = new Set(plain).size !== plain.length;
  if (!repeated && offsets.size <= 1) return plain;
  return starts.map((s) => formatTime(s, zone, locale, true));
}

/** Groups items by the local date of their start in a zone, keeping their order. */
export function groupByLocalDate<T extends { start: string }>(items: T[], zone: string): Map<LocalDate, T[]> {
  const byDate = new Map<LocalDate, T[]>();
  for (const item of items) {
    const date = localDateOf(new Date(item.start), zone);
    const list = byDate.get(date);
    if (list) list.push(item);
    else byDate.set(date, [item]);
  }
  return byDate;
}

/** A duration in minutes in words: "1 hr 30 min". */
export function formatDuration(minutes: number, locale?: string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const unit = (value: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (h === 0) return unit(m, 'minute');
  if (m === 0) return unit(h, 'hour');
  return `${unit(h, 'hour')} ${unit(m, 'minute')}`;
}

/** Money in cents in the tenant's currency: "$45.00". */
export function formatMoney(cents: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}
