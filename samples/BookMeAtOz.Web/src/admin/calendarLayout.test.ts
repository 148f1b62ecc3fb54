import { describe, expect, it } from 'vitest';
import { gridHours, minuteAt, minuteOfDay, moveBy, placeColumn, timeOfMinute } from './calendarLayout';

const zone = 'Australia/Sydney';
// 2030-05-06 is a Monday; Sydney is +10:00 then (no daylight saving in May).
const at = (time: string, minutes: number) => {
  const start = `2030-05-06T${time}:00+10:00`;
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return { start, end };
};

describe('admin calendar layout', () => {
  it('reads minutes of the day in the business zone, not the browser’s', () => {
    expect(minuteOfDay(new Date('2030-05-06T09:30:00+10:00'), zone)).toBe(570);
    expect(minuteOfDay(new Date('2030-05-05T23:30:00Z'), zone)).toBe(570);
    expect(timeOfMinute(570)).toBe('09:30');
  });

  it('shows 08–18 by default and widens to whole hours around bookings and working hours', () => {
    expect(gridHours([], zone)).toEqual({ first: 480, last: 1080 });
    expect(gridHours([at('07:15', 30), at('18:30', 45)], zone)).toEqual({ first: 420, last: 1200 });
    expect(gridHours([], zone, [{ start: '06:30', end: '21:10' }])).toEqual({ first: 360, last: 1320 });
    // One that runs past midnight fills the day to its end.
    expect(gridHours([at('23:00', 120)], zone).last).toBe(1440);
  });

  it('places bookings by start and length, and overlapping ones in side-by-side lanes', () => {
    const placed = placeColumn([at('10:00', 60), at('09:00', 30), at('10:30', 60), at('12:00', 5)], zone, 480, 1080);
    const byStart = Object.fromEntries(placed.map((p) => [p.item.start.slice(11, 16), p]));
    expect(byStart['09:00']).toMatchObject({ top: 60, height: 30, lane: 0, lanes: 1 });
    expect(byStart['10:00']).toMatchObject({ top: 120, height: 60, lane: 0, lanes: 2 });
    expect(byStart['10:30']).toMatchObject({ top: 150, height: 60, lane: 1, lanes: 2 });
    // Five minutes is drawn one step tall so it can be clicked.
    expect(byStart['12:00']).toMatchObject({ top: 240, height: 15, lanes: 1 });
  });

  it('clips a booking that starts before the grid', () => {
    const [p] = placeColumn([at('07:30', 60)], zone, 480, 1080);
    expect(p).toMatchObject({ top: 0, height: 30 });
  });

  it('snaps a click or a drop to the step and keeps the booking inside the grid', () => {
    expect(minuteAt(0, 480, 1080)).toBe(480);
    expect(minuteAt(44, 480, 1080)).toBe(510);
    expect(minuteAt(-30, 480, 1080)).toBe(480);
    expect(minuteAt(10_000, 480, 1080, 60)).toBe(1020);
  });

  it('moves by keyboard a step or a column at a time, within the grid', () => {
    const p = { column: 1, minute: 600 };
    expect(moveBy(p, 'ArrowUp', 7, 480, 1080)).toEqual({ column: 1, minute: 585 });
    expect(moveBy(p, 'ArrowDown', 7, 480, 1080)).toEqual({ column: 1, minute: 615 });
    expect(moveBy(p, 'ArrowLeft', 7, 480, 1080)).toEqual({ column: 0, minute: 600 });
    expect(moveBy({ column: 6, minute: 480 }, 'ArrowRight', 7, 480, 1080)).toEqual({ column: 6, minute: 480 });
    expect(moveBy({ column: 0, minute: 480 }, 'ArrowUp', 7, 480, 1080)).toEqual({ column: 0, minute: 480 });
    expect(moveBy(p, 'x', 7, 480, 1080)).toBeNull();
  });
});
