import type { Slot } from '../api/types';
import { t, tn, type MessageKey } from '../i18n';
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

const PARTS: { name: MessageKey; test: (h: number) => boolean }[] = [
  { name: 'slots.morning', test: (h: number) => h < 12 },
  { name: 'slots.afternoon', test: (h: number) => h >= 12 && h < 17 },
  { name: 'slots.evening', test: (h: number) => h >= 17 },
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
          <section key={part.name} aria-label={t(part.name)}>
            <h4>{t(part.name)}</h4>
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
                    {showSeats && <span className="slot-seats">{tn('slots.seats', slot.seatsLeft)}</span>}
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
