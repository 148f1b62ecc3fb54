import { describe, expect, it } from 'vitest';
import { fetchAllAvailability, joinAvailability, staffOf } from './availability';
import type { Availability } from './types';

const ann = { id: 'a', name: 'Ann' };
const ben = { id: 'b', name: 'Ben' };
const slot = (start: string, staff: number[]) => ({ start, end: start, staff, seatsLeft: staff.length });

function answer(staff: Availability['staff'], slots: Availability['slots'], truncatedAfter?: string): Availability {
  return { serviceId: 's', timeZone: 'Australia/Sydney', staff, slots, ...(truncatedAfter ? { truncatedAfter } : {}) };
}

describe('fetchAllAvailability', () => {
  it('asks again from the day after truncatedAfter until an answer is complete', async () => {
    const asked: string[] = [];
    const pages: Record<string, Availability> = {
      '2030-05-06': answer([ann], [slot('2030-05-06T09:00:00+10:00', [0])], '2030-05-07'),
      '2030-05-08': answer([ann, ben], [slot('2030-05-08T09:00:00+10:00', [1])], '2030-05-09'),
      '2030-05-10': answer([ben], [slot('2030-05-10T09:00:00+10:00', [0])]),
    };

    const all = await fetchAllAvailability({ from: '2030-05-06', to: '2030-05-12' }, async (from) => {
      asked.push(from);
      return pages[from]!;
    });

    expect(asked).toEqual(['2030-05-06', '2030-05-08', '2030-05-10']);
    expect(all.truncatedAfter).toBeUndefined();
    expect(all.staff).toEqual([ann, ben]);
    expect(all.slots.map((s) => [s.start.slice(0, 10), staffOf(all, s).map((m) => m.name)])).toEqual([
      ['2030-05-06', ['Ann']],
      ['2030-05-08', ['Ben']],
      ['2030-05-10', ['Ben']],
    ]);
  });

  it('makes one request when the answer is complete', async () => {
    let calls = 0;
    const only = answer([ann], [slot('2030-05-06T09:00:00+10:00', [0])]);
    expect(await fetchAllAvailability({ from: '2030-05-06', to: '2030-05-06' }, async () => (calls++, only))).toBe(only);
    expect(calls).toBe(1);
  });

  it('gives up on an answer that does not move on', async () => {
    await expect(
      fetchAllAvailability({ from: '2030-05-06', to: '2030-05-12' }, async () => answer([], [], '2030-05-05')),
    ).rejects.toThrow('could not be loaded');
  });
});

describe('joinAvailability', () => {
  it('keeps a single answer as it is', () => {
    const one = answer([ann], []);
    expect(joinAvailability([one])).toBe(one);
  });
});
