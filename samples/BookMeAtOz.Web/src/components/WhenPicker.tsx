import { useEffect, useRef, useState } from 'react';
import { t } from '../i18n';
import type { Policy, Slot } from '../api/types';
import { addDays, addMonths, formatLongDate, monthOf, todayIn, type LocalDate } from '../lib/time';
import { locale } from '../lib/prefs';
import { useAvailability } from '../booking/useAvailability';
import { MonthCalendar } from './MonthCalendar';
import { TimeSlots } from './TimeSlots';
import { TimeZonePicker } from './TimeZonePicker';
import { Notice } from './ui';

interface Props {
  serviceId: string;
  staffId?: string | undefined;
  capacity: number;
  policy: Policy;
  zone: string;
  onZoneChange: (zone: string) => void;
  date: LocalDate | null;
  onDate: (date: LocalDate, options?: { replace?: boolean }) => void;
  selectedStart: string | null;
  onPick: (slot: Slot) => void;
  /** Bumped by the parent to force a refetch (after a 409, say). */
  refreshKey?: number;
  token?: string;
}

/** A month calendar with the chosen day's free times beside it (below it on a phone). */
export function WhenPicker(props: Props) {
  const { serviceId, staffId, capacity, policy, zone, onZoneChange, date, onDate, selectedStart, onPick, refreshKey, token } = props;
  const today = todayIn(zone);
  const maxDate = addDays(today, policy.maxAdvanceDays);
  const [month, setMonth] = useState(() => monthOf(date ?? today));
  const availability = useAvailability(serviceId, staffId, month, zone, today, maxDate, token);
  const { byDate, loading, error, refresh } = availability;

  useEffect(() => {
    if (refreshKey) refresh();
  }, [refreshKey, refresh]);

  useEffect(() => {
    if (date && monthOf(date) !== month) setMonth(monthOf(date));
    // Follows the date chosen from outside (the address) only, not the month being browsed.
  }, [date]); // eslint-disable-line react-hooks/exhaustive-deps

  // With no day chosen yet, open the first day with free times, without a new history entry; when the
  // rest of this month is full (the last days of a month), look in the next ones first.
  const autoPicked = useRef(false);
  const advanced = useRef(0);
  useEffect(() => {
    if (loading || error || date || autoPicked.current) return;
    const first = [...byDate.keys()].sort()[0];
    if (first) {
      autoPicked.current = true;
      onDate(first, { replace: true });
    } else if (advanced.current < 2 && monthOf(maxDate) > month) {
      advanced.current += 1;
      setMonth(addMonths(month, 1));
    }
  }, [loading, error, byDate, date, onDate, month, maxDate]);

  // After a change of zone, a chosen day without free times in the new zone gives way to the first day with some
  // (the days' times move with the zone, so a day can empty or fill).
  const lastZone = useRef(zone);
  const zoneChanged = useRef(false);
  if (lastZone.current !== zone) {
    lastZone.current = zone;
    zoneChanged.current = true;
  }
  useEffect(() => {
    if (!zoneChanged.current || loading || error) return;
    zoneChanged.current = false;
    if (!date || (byDate.get(date)?.length ?? 0) > 0) return;
    const first = [...byDate.keys()].sort()[0];
    if (first) onDate(first, { replace: true });
  }, [zone, loading, error, byDate, date, onDate]);

  const counts = new Map([...byDate].map(([d, s]) => [d, s.length]));
  const daySlots = date ? (byDate.get(date) ?? []) : [];
  const noneThisMonth = !loading && !error && counts.size === 0;

  return (
    <div className="when">
      <TimeZonePicker zone={zone} onChange={onZoneChange} />
      {error ? (
        // No month of struck-through days when nothing could be loaded: say so, and offer the retry.
        <div className="when-error">
          <Notice kind="error" title={t('when.loadFailed')}>
            {error}
          </Notice>
          <button type="button" className="button button-primary" onClick={refresh}>
            {t('common.tryAgain')}
          </button>
        </div>
      ) : (
      <div className="when-grid">
        <MonthCalendar
          month={month}
          onMonthChange={setMonth}
          counts={counts}
          selected={date}
          onSelect={(d) => onDate(d)}
          minDate={today}
          maxDate={maxDate}
          loading={loading}
        />
        <div className="day-times" aria-live="polite" aria-busy={loading}>
          {noneThisMonth ? (
            <p className="empty">{t('when.noneThisMonth')}</p>
          ) : date && monthOf(date) === month ? (
            <>
              <h3 className="day-heading">{formatLongDate(date, locale)}</h3>
              {!loading && daySlots.length === 0 ? (
                <p className="empty">{t('when.noneThisDay')}</p>
              ) : (
                <TimeSlots slots={daySlots} zone={zone} selected={selectedStart} onPick={onPick} loading={loading} showSeats={capacity > 1} />
              )}
            </>
          ) : (
            <p className="empty">{loading ? t('when.finding') : t('when.chooseDay')}</p>
          )}
          <p className="live-note" data-live={availability.live}>
            {availability.live === 'live' ? t('when.live') : '\u00a0'}
          </p>
        </div>
      </div>
      )}
    </div>
  );
}
