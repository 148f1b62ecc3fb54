import type { Slot } from '../api/types';
import { slotLabels, wallClock } from '../lib/time';
import { locale } from '../lib/prefs';
import { Skeleton } from './ui';

interface Props {
  slots: Slot[];
  zone: string;
  selected: string | null;
  onPick: (slot: Slot) => void;
  loading: boolean;
  showSeats: boolean;
}

const PARTS = [
  { name: 'Morning', test: (h: number) => h < 12 },
  { name: 'Afternoon', test: (h: number) => h >= 12 && h < 17 },
  { name: 'Evening', test: (h: number) => h >= 17 },
];

/** A day's free start times as buttons, grouped by part of the day. */
export function TimeSlots({ slots, zone, selected, onPick, loading, showSeats }: Props) {
  if (loading) return <Skeleton lines={2} height="2.75rem" />;
  const labels = slotLabels(
    slots.map((s) => new Date(s.start)),
    zone,
    locale,
  );
  const items = slots.map((slot, i) => ({ slot, label: labels[i]!, hour: wallClock(new Date(slot.start), zone).hour }));
  return (
    <div className="time-slots">
      {PARTS.map((part) => {
        const group = items.filter((x) => part.test(x.hour));
        if (group.length === 0) return null;
        return (
          <section key={part.name} aria-label={part.name}>
            <h4>{part.name}</h4>
            <ul className="slot-list">
              {group.map(({ slot, label }) => (
                <li key={slot.start}>
                  <button
                    type="button"
                    className={`slot${selected === slot.start ? ' slot-selected' : ''}`}
                    aria-pressed={selected === slot.start}
                    data-start={slot.start}
                    onClick={() => onPick(slot)}
                  >
                    <span className="slot-time">{label}</span>
                    {showSeats && <span className="slot-seats">{slot.seatsLeft} {slot.seatsLeft === 1 ? 'seat' : 'seats'} left</span>}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
