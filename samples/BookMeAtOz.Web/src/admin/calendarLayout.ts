// The admin calendar's arithmetic, kept free of React so it is unit-tested: which hours the time grid shows,
// where a booking sits in its column (minutes from the grid's top), side-by-side lanes for overlapping bookings,
// the time under a click or a drop, and keyboard moves.
import { localDateOf, localTimeOf, type LocalDate } from '../lib/time';

/** The grid's step: clicks, drops and keyboard moves snap to it. */
export const STEP_MINUTES = 15;

export interface Placed<T> {
  item: T;
  /** Minutes from the grid's first hour to the start (clipped to the grid). */
  top: number;
  /** Minutes tall (at least one step, so a short booking stays clickable). */
  height: number;
  lane: number;
  lanes: number;
}

export interface Timed {
  start: string;
  end: string;
}

/** Minutes since local midnight of an instant in a zone. */
export function minuteOfDay(instant: Date, zone: string): number {
  const [h, m] = localTimeOf(instant, zone).split(':').map(Number);
  return h! * 60 + m!;
}

/** 'HH:mm' of minutes since midnight. */
export function timeOfMinute(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The hours the grid shows: 08:00–18:00, widened to whole hours around every booking and working interval in view
 * (a booking that runs past midnight is shown to the day's end).
 */
export function gridHours(items: Timed[], zone: string, work: { start: string; end: string }[] = []): { first: number; last: number } {
  let first = 8 * 60;
  let last = 18 * 60;
  for (const b of items) {
    const s = new Date(b.start);
    const e = new Date(b.end);
    const startMin = minuteOfDay(s, zone);
    const endMin = localDateOf(e, zone) === localDateOf(s, zone) ? minuteOfDay(e, zone) : 24 * 60;
    first = Math.min(first, startMin);
    last = Math.max(last, endMin);
  }
  for (const w of work) {
    const [sh, sm] = w.start.split(':').map(Number);
    const [eh, em] = w.end.split(':').map(Number);
    first = Math.min(first, sh! * 60 + sm!);
    last = Math.max(last, eh! * 60 + em!);
  }
  return { first: Math.floor(first / 60) * 60, last: Math.min(24 * 60, Math.ceil(last / 60) * 60) };
}

/** Places one column's bookings: position, height, and lanes so overlapping ones sit side by side. */
export function placeColumn<T extends Timed>(items: T[], zone: string, first: number, last: number): Placed<T>[] {
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  const placed: Placed<T>[] = [];
  // Clusters of transitively overlapping bookings share one lane count.
  let cluster: Placed<T>[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    const s = new Date(item.start);
    const e = new Date(item.end);
    const startMin = minuteOfDay(s, zone);
    const endMin = localDateOf(e, zone) === localDateOf(s, zone) ? minuteOfDay(e, zone) : 24 * 60;
    if (startMin >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= startMin);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(endMin);
    } else {
      laneEnds[lane] = endMin;
    }
    clusterEnd = Math.max(clusterEnd, endMin);
    const top = Math.max(0, startMin - first);
    const bottom = Math.min(last - first, endMin - first);
    const p: Placed<T> = { item, top, height: Math.max(STEP_MINUTES, bottom - top), lane, lanes: 1 };
    cluster.push(p);
    placed.push(p);
  }
  close();
  return placed;
}

/** The grid time under a point `offset` minutes below the grid's top, snapped down to the step and kept inside the grid. */
export function minuteAt(offset: number, first: number, last: number, length = STEP_MINUTES): number {
  const snapped = first + Math.floor(offset / STEP_MINUTES) * STEP_MINUTES;
  return Math.max(first, Math.min(last - Math.min(length, last - first), snapped));
}

/** A keyboard move: arrow keys shift a pending move by a step (up/down) or a column (left/right). */
export function moveBy(pending: { column: number; minute: number }, key: string, columns: number, first: number, last: number): { column: number; minute: number } | null {
  switch (key) {
    case 'ArrowUp':
      return { ...pending, minute: Math.max(first, pending.minute - STEP_MINUTES) };
    case 'ArrowDown':
      return { ...pending, minute: Math.min(last - STEP_MINUTES, pending.minute + STEP_MINUTES) };
    case 'ArrowLeft':
      return { ...pending, column: Math.max(0, pending.column - 1) };
    case 'ArrowRight':
      return { ...pending, column: Math.min(columns - 1, pending.column + 1) };
    default:
      return null;
  }
}

/** The days a view covers: one (day view) or Monday to Sunday (week view). */
export function viewDays(view: 'day' | 'week', date: LocalDate, weekStart: LocalDate, addDays: (d: LocalDate, n: number) => LocalDate): LocalDate[] {
  return view === 'day' ? [date] : Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
}
