// Availability answers are at most 2 MiB: a window that would be larger comes back up to and including the local date
// `truncatedAfter`, and the rest is asked for from the day after. Each answer lists its own staff, so joined answers
// are re-indexed onto one staff list.
import { addDays, type LocalDate } from '../lib/time';
import type { Availability, AvailabilityStaff } from './types';

/** A window is at most 62 days and each answer holds at least one of them: more answers than this means no progress. */
const MAX_ANSWERS = 62;

/**
 * Asks for `q.from`..`q.to`, then again from the day after each `truncatedAfter` until an answer is complete, and
 * joins the answers. Stops with an error if an answer does not move on.
 */
export async function fetchAllAvailability(
  q: { from: LocalDate; to: LocalDate },
  fetchFrom: (from: LocalDate) => Promise<Availability>,
): Promise<Availability> {
  const answers: Availability[] = [];
  let from = q.from;
  for (;;) {
    const answer = await fetchFrom(from);
    answers.push(answer);
    const last = answer.truncatedAfter;
    if (!last || last >= q.to) break;
    if (last < from || answers.length >= MAX_ANSWERS) throw new Error('The free times could not be loaded in full.');
    from = addDays(last, 1);
  }
  return joinAvailability(answers);
}

/** One answer from several consecutive ones: every slot in order, staff listed once, indexes re-pointed. */
export function joinAvailability(answers: Availability[]): Availability {
  const first = answers[0];
  if (!first) throw new RangeError('No answers to join.');
  if (answers.length === 1) return first;
  const staff: AvailabilityStaff[] = [];
  const index = new Map<string, number>();
  const slots = answers.flatMap((answer) => {
    const map = answer.staff.map((member) => {
      let i = index.get(member.id);
      if (i === undefined) {
        i = staff.push(member) - 1;
        index.set(member.id, i);
      }
      return i;
    });
    return answer.slots.map((slot) => ({ ...slot, staff: slot.staff.map((i) => map[i]!) }));
  });
  const { truncatedAfter: _, ...rest } = answers[answers.length - 1]!;
  return { ...rest, staff, slots };
}

/** The staff free at a slot of an answer. */
export function staffOf(answer: Availability, slot: { staff: number[] }): AvailabilityStaff[] {
  return slot.staff.map((i) => answer.staff[i]!);
}
