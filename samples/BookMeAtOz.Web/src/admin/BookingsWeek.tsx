import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { t, tn } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import type { Booking, Slot } from '../api/types';
import { linkHandler, navigate, useLocation, withParams } from '../router';
import { locale } from '../lib/prefs';
import { addDays, formatDateTime, formatLongDate, formatShortDate, localDateOf, localToInstant, startOfWeek, todayIn, toOffsetIso } from '../lib/time';
import { validateNotes } from '../lib/validation';
import { Notice, Spinner, TextAreaField } from '../components/ui';
import { WhenPicker } from '../components/WhenPicker';
import { adminApi } from './api';
import { accessToken, useSession } from './session';
import { useAdminData } from './AdminApp';
import { useLiveBookings } from './liveBookings';
import { Agenda, NewBookingDialog, nextStepTime, statusClass, statusMark, TimeGrid, useMediaQuery, type Column, type NewBookingStart } from './Calendar';
import { canChange, canDecide, canMarkNoShow, occupies, statusLabelKey } from './lifecycle';
import { timeOfMinute } from './calendarLayout';
import { OnboardingChecklist } from './Onboarding';

// Loaded only when a booking of a series is opened.
const SeriesActions = lazy(() => import('./integrations/SeriesActions'));

const matches = (b: Booking, q: string) => {
  const needle = q.trim().toLowerCase();
  return !needle || [b.customer.name, b.customer.email, b.customer.phone ?? ''].some((v) => v.toLowerCase().includes(needle));
};

/**
 * The bookings calendar (in the business's zone): a day of every staff member side by side, or one staff member's
 * week, as a time grid (an agenda list on narrow screens), with search, booking by phone, drag or keyboard moves,
 * and the booking panel (answers, cancel, reschedule).
 */
export function BookingsWeek() {
  const { tenant, staff, services } = useAdminData();
  const { search } = useLocation();
  const zone = tenant.timeZone;
  const today = todayIn(zone);
  const view: 'day' | 'week' = search.get('view') === 'day' ? 'day' : 'week';
  const day = search.get('date') ?? search.get('week') ?? today;
  const week = startOfWeek(day);
  const days = view === 'day' ? [day] : Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const narrow = useMediaQuery('(max-width: 40rem)');
  const [newAt, setNewAt] = useState<NewBookingStart | null>(null);
  const [moved, setMoved] = useState<{ kind: 'success' | 'warning' | 'error'; text: string } | null>(null);
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
    const key = `${days[0]}|${days.length}|${showCancelled}`;
    if (shown.current !== key) setBookings(null);
    shown.current = key;
    // Every status in one list (the API filters by one status only): pending and confirmed bookings always show,
    // the ones whose time is free again (cancelled, declined, expired) only when asked for; no-shows stay.
    adminApi
      .bookings(days[0]!, days[days.length - 1]!)
      .then((items) => !stale && (setBookings(showCancelled ? items : items.filter((b) => occupies(b.status) || b.status === 'no_show')), setError(null)))
      .catch((e: unknown) => !stale && setError(messageOf(e)));
    return () => {
      stale = true;
    };
  }, [days[0], days.length, showCancelled, version]); // eslint-disable-line react-hooks/exhaustive-deps

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Bookings made, cancelled or moved anywhere (a customer online, another admin) show without a reload.
  const live = useLiveBookings(reload);
  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? t('bookings.service');
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

  const goWeek = (d: string) => navigate(withParams({ date: d, week: null }), { replace: false });
  const go = (params: Record<string, string | null>) => navigate(withParams(params), { replace: false });
  const staffName = (id: string) => staff.find((m) => m.id === id)?.name ?? t('bookings.unknown');
  // The week view is one staff member's week; the day view puts everyone side by side.
  const weekStaff = rows.find((m) => m.id === search.get('staff')) ?? rows[0];
  const columns: Column[] =
    view === 'day'
      ? rows.map((m) => ({ key: m.id, date: day, staffId: m.id, label: m.name, name: `${m.name}, ${formatLongDate(day, locale)}`, today: day === today }))
      : weekStaff
        ? days.map((d) => ({ key: d, date: d, staffId: weekStaff.id, label: formatShortDate(d, locale), name: `${formatLongDate(d, locale)}, ${weekStaff.name}`, today: d === today }))
        : [];
  const visible = (bookings ?? []).filter((b) => columns.some((c) => c.staffId === b.staffId));

  async function move(b: Booking, column: Column, minute: number) {
    const start = toOffsetIso(localToInstant(column.date, timeOfMinute(minute), zone), zone);
    if (Date.parse(start) === Date.parse(b.start) && column.staffId === b.staffId) return;
    setMoved(null);
    try {
      const next = await adminApi.rescheduleBooking(b.id, start, column.staffId);
      setMoved({ kind: 'success', text: t('bookings.moved', { customer: b.customer.name, when: formatDateTime(new Date(next.start), zone, locale), staff: staffName(next.staffId) }) });
    } catch (e) {
      setMoved({
        kind: e instanceof ApiError && e.status === 409 ? 'warning' : 'error',
        text: t('bookings.notMoved', { customer: b.customer.name, reason: messageOf(e) }),
      });
    }
    reload();
  }

  return (
    <section aria-labelledby="bookings-heading">
      <div className="toolbar">
        <h1 id="bookings-heading">{own === undefined ? t('admin.section.bookings') : t('admin.section.myBookings')}</h1>
        <form className="search" role="search" onSubmit={find}>
          <label htmlFor="booking-search" className="visually-hidden">
            {t('bookings.searchLabel')}
          </label>
          <input id="booking-search" type="search" placeholder={t('bookings.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="button">
            {searching ? t('bookings.searching') : t('bookings.find')}
          </button>
        </form>
      </div>

      {own === undefined && <OnboardingChecklist />}

      {found && (
        <section className="card" aria-labelledby="found-heading">
          <h2 id="found-heading">
            {found.length === 0 ? t('bookings.noMatch', { query }) : tn('bookings.matches', found.length, { query })}
          </h2>
          <ul className="result-list">
            {found.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    go({ date: localDateOf(new Date(b.start), zone), week: null, staff: b.staffId });
                    setSelected(b);
                  }}
                >
                  {t('bookings.resultLine', { when: formatDateTime(new Date(b.start), zone, locale), customer: b.customer.name, service: serviceName(b.serviceId), staff: staffName(b.staffId) })}
                  {statusMark(b.status)}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => setFound(null)}>
            {t('bookings.closeResults')}
          </button>
        </section>
      )}

      <div className="week-nav">
        <div className="segmented" role="group" aria-label={t('bookings.view')}>
          <button type="button" className="button" aria-pressed={view === 'day'} onClick={() => go({ view: 'day', date: day })}>
            {t('bookings.day')}
          </button>
          <button type="button" className="button" aria-pressed={view === 'week'} onClick={() => go({ view: null, date: day })}>
            {t('bookings.week')}
          </button>
        </div>
        <button type="button" className="button" onClick={() => goWeek(addDays(day, view === 'day' ? -1 : -7))} aria-label={view === 'day' ? t('bookings.previousDay') : t('bookings.previousWeek')}>
          ‹
        </button>
        <button type="button" className="button" onClick={() => goWeek(addDays(day, view === 'day' ? 1 : 7))} aria-label={view === 'day' ? t('bookings.nextDay') : t('bookings.nextWeek')}>
          ›
        </button>
        <button type="button" className="button" onClick={() => goWeek(today)} disabled={days.includes(today)}>
          {t('bookings.today')}
        </button>
        <h2 className="week-title" aria-live="polite">
          {view === 'day' ? formatLongDate(day, locale) : `${formatLongDate(week, locale)} – ${formatLongDate(addDays(week, 6), locale)}`}
        </h2>
        <label className="inline-field">
          {t('bookings.goTo')} <input type="date" value={day} onChange={(e) => e.target.value && goWeek(e.target.value)} />
        </label>
        {view === 'week' && rows.length > 1 && (
          <label className="inline-field">
            {t('bookings.staff')}{' '}
            <select value={weekStaff?.id ?? ''} onChange={(e) => go({ staff: e.target.value })}>
              {rows.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} /> {t('bookings.showCancelled')}
        </label>
        {own === undefined && columns.length > 0 && (
          <button type="button" className="button button-primary" onClick={() => setNewAt({ date: columns[0]!.date, time: nextStepTime(zone), staffId: columns[0]!.staffId })}>
            {t('bookings.new')}
          </button>
        )}
      </div>
      <p className="hint" data-live={live}>
        {t('bookings.timesIn', { zone: zone.replace(/_/g, ' ') })}
        {live === 'live' && ` ${t('bookings.liveHint')}`}
        {!narrow && own === undefined && ` ${t('bookings.gridHint')}`}
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      {moved && <Notice kind={moved.kind}>{moved.text}</Notice>}

      {rows.length === 0 ? (
        <p className="empty">
          {t('bookings.noStaff')}{' '}
          <a href="/admin/staff" onClick={linkHandler('/admin/staff')}>
            {t('bookings.noStaffAdd')}
          </a>
          , {t('bookings.noStaffThen')}{' '}
          <a href="/admin/services" onClick={linkHandler('/admin/services')}>
            {t('bookings.noStaffService')}
          </a>
          {t('bookings.noStaffEnd')}
        </p>
      ) : narrow ? (
        <Agenda days={days} bookings={bookings} zone={zone} serviceName={serviceName} staffName={staffName} onOpen={setSelected} />
      ) : (
        <TimeGrid
          columns={columns}
          bookings={bookings && visible}
          zone={zone}
          serviceName={serviceName}
          staffName={staffName}
          work={[]}
          onOpen={setSelected}
          onEmpty={(c, minute) => own === undefined && setNewAt({ date: c.date, time: timeOfMinute(minute), staffId: c.staffId })}
          onMove={move}
        />
      )}
      {bookings && rows.length > 0 && (narrow ? bookings : visible).length === 0 && (
        <p className="empty">
          {view === 'day' ? t('bookings.noneDay') : t('bookings.noneWeek')}
          {own === undefined && ` ${t('bookings.noneHint')}`}
        </p>
      )}

      {newAt && (
        <NewBookingDialog
          initial={newAt}
          services={services}
          staff={staff}
          zone={zone}
          onClose={() => setNewAt(null)}
          onBooked={(b) => {
            setMoved({ kind: 'success', text: t('bookings.booked', { customer: b.customer.name, when: formatDateTime(new Date(b.start), zone, locale), staff: staffName(b.staffId) }) });
            reload();
          }}
        />
      )}

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
  const [mode, setMode] = useState<'view' | 'cancel' | 'reschedule' | 'decline'>('view');
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
  const role = useSession()?.user.role;
  const isAdmin = role === 'owner' || role === 'admin';

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
      setMessage({ kind: 'success', text: t('dialog.cancelled') });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  /** Approve, decline or no-show: a 409 means someone (or the expiry sweep) decided first; show it as it is now. */
  async function act(action: () => Promise<Booking>, done: string) {
    setBusy(true);
    try {
      onChanged(await action());
      setMode('view');
      setMessage({ kind: 'success', text: done });
    } catch (e) {
      setMessage({ kind: e instanceof ApiError && e.status === 409 ? 'warning' : 'error', text: messageOf(e) });
      if (e instanceof ApiError && e.status === 409) adminApi.booking(booking.id).then(onChanged, () => undefined);
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
      setMessage({ kind: 'success', text: t('dialog.movedTo', { when: formatDateTime(new Date(next.start), zone, locale) }) });
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
        <button type="button" className="icon-button" aria-label={t('dialog.close')} onClick={() => dialog.current?.close()}>
          ×
        </button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <dl className="summary">
        <div>
          <dt>{t('booking.summary.when')}</dt>
          <dd>{formatDateTime(new Date(booking.start), zone, locale)}</dd>
        </div>
        <div>
          <dt>{t('booking.summary.service')}</dt>
          <dd>{service?.name ?? t('bookings.service')}</dd>
        </div>
        <div>
          <dt>{t('booking.summary.with')}</dt>
          <dd>{member?.name ?? t('bookings.unknown')}</dd>
        </div>
        <div>
          <dt>{t('dialog.customer')}</dt>
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
        {(booking.answers ?? []).map((a) => (
          <div key={a.questionId}>
            <dt>{a.label}</dt>
            <dd>{Array.isArray(a.value) ? a.value.join(', ') : typeof a.value === 'boolean' ? (a.value ? t('dialog.yes') : t('dialog.no')) : String(a.value ?? '')}</dd>
          </div>
        ))}
        {booking.notes && (
          <div>
            <dt>{t('booking.field.notes')}</dt>
            <dd>{booking.notes}</dd>
          </div>
        )}
        <div>
          <dt>{t('manage.status')}</dt>
          <dd>
            <span className={`status-badge${statusClass(booking.status) || ' is-confirmed'}`} data-testid="booking-status">
              {t(statusLabelKey(booking.status))}
            </span>
            {booking.cancelReason && booking.status !== 'confirmed' && <> {t('dialog.reasonGiven', { reason: booking.cancelReason })}</>}
          </dd>
        </div>
        {booking.expiresAt && booking.status === 'pending' && (
          <div>
            <dt>{t('approvals.deadline')}</dt>
            <dd>{formatDateTime(new Date(booking.expiresAt), zone, locale)}</dd>
          </div>
        )}
      </dl>

      {canDecide(booking) && mode === 'view' && isAdmin && (
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => act(() => adminApi.approveBooking(booking.id), t('approvals.approved', { customer: booking.customer.name }))}>
            {t('approvals.approve')}
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => setMode('decline')}>
            {t('approvals.decline')}
          </button>
        </div>
      )}

      {mode === 'decline' && (
        <div>
          <TextAreaField label={t('approvals.reason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={validateNotes(reason)} hint={t('approvals.reasonHint')} />
          <div className="button-row">
            <button type="button" className="button button-danger" disabled={busy || !!validateNotes(reason)} onClick={() => act(() => adminApi.declineBooking(booking.id, reason.trim() || undefined), t('approvals.declined', { customer: booking.customer.name }))}>
              {t('approvals.confirmDecline')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('dialog.back')}
            </button>
          </div>
        </div>
      )}

      {canMarkNoShow(booking, Date.now()) && mode === 'view' && (
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => act(() => adminApi.markNoShow(booking.id), t('dialog.markedNoShow'))}>
            {t('dialog.noShow')}
          </button>
        </div>
      )}

      {booking.seriesId && isAdmin && mode === 'view' && (
        <Suspense fallback={<Spinner />}>
          <SeriesActions booking={booking} seriesId={booking.seriesId} onChanged={onChanged} />
        </Suspense>
      )}

      {canChange(booking) && mode === 'view' && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setMode('reschedule')}>
            {t('manage.reschedule')}
          </button>
          <button type="button" className="button button-danger" onClick={() => setMode('cancel')}>
            {t('manage.cancel')}
          </button>
        </div>
      )}

      {mode === 'cancel' && (
        <div>
          <TextAreaField label={t('manage.reason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={validateNotes(reason)} />
          <div className="button-row">
            <button type="button" className="button button-danger" disabled={busy} onClick={cancel}>
              {busy ? t('manage.cancelling') : t('dialog.yesCancel')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('dialog.keep')}
            </button>
          </div>
        </div>
      )}

      {mode === 'reschedule' && (
        <div>
          {member && (
            <label className="checkbox">
              <input type="checkbox" checked={sameStaff} onChange={(e) => setSameStaff(e.target.checked)} /> {t('manage.onlyWith', { staff: member.name })}
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
              {busy ? <Spinner label={t('dialog.moving')} /> : slot ? t('dialog.moveTo', { when: formatDateTime(new Date(slot.start), displayZone, locale) }) : t('dialog.pickNew')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('dialog.back')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

