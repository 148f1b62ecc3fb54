import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getAvailability } from '../api/public';
import { messageOf } from '../api/http';
import type { Slot } from '../api/types';
import { groupByLocalDate, monthRange, type LocalDate } from '../lib/time';
import { useLiveAvailability, type LiveStatus } from '../lib/live';

/** How often times are refreshed when live updates are off, while the page is visible. */
const POLL_MS = 60_000;

export interface AvailabilityState {
  slots: Slot[];
  byDate: Map<LocalDate, Slot[]>;
  loading: boolean;
  error: string | null;
  live: LiveStatus;
  refresh: () => void;
}

/**
 * A service's free times for the days of a month (within [minDate, maxDate]) in a zone, kept current:
 * refetched when the hub says the service changed, and every minute while live updates are off.
 */
export function useAvailability(
  serviceId: string,
  staffId: string | undefined,
  month: string,
  zone: string,
  minDate: LocalDate,
  maxDate: LocalDate,
  token?: string,
): AvailabilityState {
  // Answers are kept with the query they answer, so a new month or zone is "loading" from the very
  // render that asks for it, while a refresh of the same one keeps its times on screen.
  const [data, setData] = useState<{ key: string; slots: Slot[] }>({ key: '', slots: [] });
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const [version, setVersion] = useState(0);
  const { first, last } = monthRange(month);
  const from = first < minDate ? minDate : first;
  const to = last > maxDate ? maxDate : last;
  const key = `${serviceId}|${staffId ?? ''}|${from}|${to}|${zone}`;

  useEffect(() => {
    if (from > to) {
      setData({ key, slots: [] });
      return;
    }
    const abort = new AbortController();
    getAvailability({ serviceId, staffId, from, to, timeZone: zone }, abort.signal, token)
      .then((a) => {
        setData({ key, slots: a.slots });
        setFailure(null);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setFailure({ key, message: messageOf(e) });
      });
    return () => abort.abort();
  }, [key, version, serviceId, staffId, from, to, zone, token]);

  const error = failure?.key === key ? failure.message : null;
  const loading = data.key !== key && !error;
  const slots = data.key === key ? data.slots : [];

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const live = useLiveAvailability(serviceId, (e) => {
    if (staffId && e.staffId && e.staffId !== staffId) return;
    // Several changes in a burst (a reschedule frees one time and takes another) make one refetch.
    clearTimeout(pending.current);
    pending.current = setTimeout(refresh, 150);
  });
  useEffect(() => () => clearTimeout(pending.current), []);

  useEffect(() => {
    if (live === 'live') return;
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    const timer = setInterval(onVisible, POLL_MS);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [live, refresh]);

  const byDate = useMemo(() => groupByLocalDate(slots, zone), [slots, zone]);
  return { slots, byDate, loading, error, live, refresh };
}
