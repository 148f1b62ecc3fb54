import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../api/http';
import type { Booking, Slot } from '../api/types';
import { navigate, useLocation, withParams } from '../router';
import { locale } from '../lib/prefs';
import { addDays, formatDateTime, formatLongDate, formatShortDate, formatTime, localDateOf, startOfWeek, todayIn } from '../lib/time';
import { validateNotes } from '../lib/validation';
import { Notice, Spinner, TextAreaField } from '../components/ui';
import { WhenPicker } from '../components/WhenPicker';
import { adminApi } from './api';
import { accessToken, useSession } from './session';
import { useAdminData } from './AdminApp';
import { useLiveBookings } from './liveBookings';

const matches = (b: Booking, q: string) => {
  const needle = q.trim().toLowerCase();
  return !needle || [b.customer.name, b.customer.email, b.customer.phone ?? ''].some((v) => v.toLowerCase().includes(needle));
};

/** A week of bookings per staff member (in the business's zone), with search, cancel and reschedule. */
export function BookingsWeek() {
  const { tenant, staff, services } = useAdminData();
  const { search } = useLocation();
  const zone = tenant.timeZone;
  const today = todayIn(zone);
  const week = startOfWeek(search.get('week') ?? today);
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [selected, setSelected] = useState<Booking | null>(null);
  const [version, setVersion] = useState(0);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Booking[] | null>(null);
  const [searching, setSearching] = useState(false);

  // Another week or filter blanks the table while it loads; a refetch of the same week (after a change) keeps
  // showing what it had until the answer comes.
  const shown = useRef('');
  useEffect(() => {
    let stale = false;
    const key = `${week}|${showCancelled}`;
    if (shown.current !== key) setBookings(null);
    shown.current = key;
    adminApi
      .bookings(week, addDays(week, 6), showCancelled ? undefined : 'confirmed')
      .then((items) => !stale && (setBookings(items), setError(null)))
      .catch((e: unknown) => !stale && setError(messageOf(e)));
    return () => {
      stale = true;
    };
  }, [week, showCancelled, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Bookings made, cancelled or moved anywhere (a customer online, another admin) show without a reload.
  const live = useLiveBookings(reload);
  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? 'Service';
  // A staff account sees its own bookings only (the API's rule), so only its own row.
  const user = useSession()?.user;
  const own = user && user.role === 'staff' ? user.staffId : undefined;
  const rows = useMemo(() => {
    const withBookings = new Set((bookings ?? []).map((b) => b.staffId));
    return staff
      .filter((m) => (own === undefined ? m.active || withBookings.has(m.id) : m.id === own))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [staff, bookings, own]);

  async function find(e: FormEvent) {
    e.preventDefault();
    if (query.trim().length < 2) {
      setFound(null);
      return;
    }
    setSearching(true);
    try {
      const all = await adminApi.bookings(addDays(today, -31), addDays(today, tenant.policy.maxAdvanceDays + 1));
      setFound(all.filter((b) => matches(b, query)).sort((a, b) => a.start.localeCompare(b.start)));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSearching(false);
    }
  }

  const goWeek = (d: string) => navigate(withParams({ week: startOfWeek(d) }), { replace: false });

  return (
    <section aria-labelledby="bookings-heading">
      <div className="toolbar">
        <h1 id="bookings-heading">{own === undefined ? 'Bookings' : 'My bookings'}</h1>
        <form className="search" role="search" onSubmit={find}>
          <label htmlFor="booking-search" className="visually-hidden">
            Find a customer’s booking
          </label>
          <input id="booking-search" type="search" placeholder="Find a customer (name, email, phone)" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="button">
            {searching ? 'Searching…' : 'Find'}
          </button>
        </form>
      </div>

      {found && (
        <section className="card" aria-labelledby="found-heading">
          <h2 id="found-heading">
            {found.length === 0 ? 'No bookings match' : `${found.length} ${found.length === 1 ? 'booking matches' : 'bookings match'}`} “{query}”
          </h2>
          <ul className="result-list">
            {found.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    goWeek(localDateOf(new Date(b.start), zone));
                    setSelected(b);
                  }}
                >
                  {formatDateTime(new Date(b.start), zone, locale)} · {b.customer.name} · {serviceName(b.serviceId)} with {staff.find((m) => m.id === b.staffId)?.name}
                  {b.status === 'cancelled' && ' (cancelled)'}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => setFound(null)}>
            Close results
          </button>
        </section>
      )}

      <div className="week-nav">
        <button type="button" className="button" onClick={() => goWeek(addDays(week, -7))} aria-label="Previous week">
          ‹ Previous
        </button>
        <h2 className="week-title" aria-live="polite">
          {formatLongDate(week, locale)} – {formatLongDate(addDays(week, 6), locale)}
        </h2>
        <button type="button" className="button" onClick={() => goWeek(addDays(week, 7))} aria-label="Next week">
          Next ›
        </button>
        <button type="button" className="button" onClick={() => goWeek(today)} disabled={week === startOfWeek(today)}>
          This week
        </button>
        <label className="inline-field">
          Go to <input type="date" value={week} onChange={(e) => e.target.value && goWeek(e.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} /> Show cancelled
        </label>
      </div>
      <p className="hint" data-live={live}>
        Times in {zone.replace(/_/g, ' ')}.{live === 'live' && ' New bookings and changes show here as they happen.'}
      </p>
      {error && <Notice kind="error">{error}</Notice>}

      <div className="table-scroll" tabIndex={0} aria-label="Bookings by staff member and day">
        <table className="week-table" aria-busy={!bookings}>
          <thead>
            <tr>
              <th scope="col">Staff</th>
              {days.map((d) => (
                <th scope="col" key={d} className={d === today ? 'today' : undefined} aria-current={d === today ? 'date' : undefined}>
                  {formatShortDate(d, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                {days.map((d) => {
                  const items = (bookings ?? []).filter((b) => b.staffId === m.id && localDateOf(new Date(b.start), zone) === d);
                  return (
                    <td key={d}>
                      {!bookings ? (
                        <div className="skeleton" style={{ height: '1.5rem' }} aria-hidden="true" />
                      ) : (
                        <ul className="booking-chips">
                          {items.map((b) => (
                            <li key={b.id}>
                              <button
                                type="button"
                                className={`chip${b.status === 'cancelled' ? ' chip-cancelled' : ''}${query && matches(b, query) ? ' chip-match' : ''}`}
                                onClick={() => setSelected(b)}
                              >
                                <span className="chip-time">{formatTime(new Date(b.start), zone, locale)}</span> {b.customer.name}
                                <span className="chip-service">{serviceName(b.serviceId)}</span>
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {bookings && bookings.length === 0 && <p className="empty">No bookings this week.</p>}

      {selected && (
        <BookingDialog
          booking={selected}
          onClose={() => setSelected(null)}
          onChanged={(b) => {
            setSelected(b);
            setFound((f) => f && f.map((x) => (x.id === b.id ? b : x)));
            reload();
          }}
        />
      )}
    </section>
  );
}

function BookingDialog({ booking, onClose, onChanged }: { booking: Booking; onClose: () => void; onChanged: (b: Booking) => void }) {
  const { tenant, staff, services } = useAdminData();
  const zone = tenant.timeZone;
  const dialog = useRef<HTMLDialogElement>(null);
  const [mode, setMode] = useState<'view' | 'cancel' | 'reschedule'>('view');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [date, setDate] = useState<string | null>(localDateOf(new Date(booking.start), zone));
  const [slot, setSlot] = useState<Slot | null>(null);
  const [sameStaff, setSameStaff] = useState(true);
  const [displayZone, setDisplayZone] = useState(zone);
  const [refreshKey, setRefreshKey] = useState(0);
  const service = services.find((s) => s.id === booking.serviceId);
  const member = staff.find((m) => m.id === booking.staffId);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  async function cancel() {
    if (validateNotes(reason)) return;
    setBusy(true);
    try {
      onChanged(await adminApi.cancelBooking(booking.id, reason.trim() || undefined));
      setMode('view');
      setMessage({ kind: 'success', text: 'The booking is cancelled.' });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  async function reschedule() {
    if (!slot) return;
    setBusy(true);
    try {
      const next = await adminApi.rescheduleBooking(booking.id, slot.start, sameStaff ? booking.staffId : undefined);
      onChanged(next);
      setMode('view');
      setSlot(null);
      setMessage({ kind: 'success', text: `Moved to ${formatDateTime(new Date(next.start), zone, locale)}.` });
    } catch (e) {
      setMessage({ kind: e instanceof ApiError && e.code === 'slot_unavailable' ? 'warning' : 'error', text: messageOf(e) });
      setRefreshKey((k) => k + 1);
      setSlot(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="booking-dialog-title" onClose={onClose}>
      <div className="dialog-header">
        <h2 id="booking-dialog-title">{booking.customer.name}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => dialog.current?.close()}>
          ×
        </button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="summary">
        <div>
          <dt>When</dt>
          <dd>{formatDateTime(new Date(booking.start), zone, locale)}</dd>
        </div>
        <div>
          <dt>Service</dt>
          <dd>{service?.name ?? 'Service'}</dd>
        </div>
        <div>
          <dt>With</dt>
          <dd>{member?.name ?? 'Unknown'}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>
            {booking.customer.name} · <a href={`mailto:${booking.customer.email}`}>{booking.customer.email}</a>
            {booking.customer.phone && (
              <>
                {' '}
                · <a href={`tel:${booking.customer.phone}`}>{booking.customer.phone}</a>
              </>
            )}
          </dd>
        </div>
        {booking.notes && (
          <div>
            <dt>Notes</dt>
            <dd>{booking.notes}</dd>
          </div>
        )}
        <div>
          <dt>Status</dt>
          <dd>
            {booking.status === 'confirmed' ? 'Confirmed' : `Cancelled${booking.cancelReason ? `: ${booking.cancelReason}` : ''}`}
          </dd>
        </div>
      </dl>

      {booking.status === 'confirmed' && mode === 'view' && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setMode('reschedule')}>
            Reschedule
          </button>
          <button type="button" className="button button-danger" onClick={() => setMode('cancel')}>
            Cancel booking
          </button>
        </div>
      )}

      {mode === 'cancel' && (
        <div>
          <TextAreaField label="Reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={validateNotes(reason)} />
          <div className="button-row">
            <button type="button" className="button button-danger" disabled={busy} onClick={cancel}>
              {busy ? 'Cancelling…' : 'Yes, cancel it'}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        </div>
      )}

      {mode === 'reschedule' && (
        <div>
          {member && (
            <label className="checkbox">
              <input type="checkbox" checked={sameStaff} onChange={(e) => setSameStaff(e.target.checked)} /> Only times with {member.name}
            </label>
          )}
          <WhenPicker
            serviceId={booking.serviceId}
            staffId={sameStaff ? booking.staffId : undefined}
            capacity={service?.capacity ?? 1}
            policy={tenant.policy}
            zone={displayZone}
            onZoneChange={setDisplayZone}
            date={date}
            onDate={(d) => {
              setDate(d);
              setSlot(null);
            }}
            selectedStart={slot?.start ?? null}
            onPick={setSlot}
            refreshKey={refreshKey}
            token={accessToken()}
          />
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={!slot || busy} onClick={reschedule}>
              {busy ? <Spinner label="Moving" /> : slot ? `Move to ${formatDateTime(new Date(slot.start), displayZone, locale)}` : 'Pick a new time'}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              Back
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

