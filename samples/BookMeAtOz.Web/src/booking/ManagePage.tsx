import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { statusLabelKey } from '../admin/lifecycle';
import { t } from '../i18n';
import { cancelBooking, getBooking, getBookingIcs, rescheduleBooking } from '../api/public';
import { ApiError, messageOf } from '../api/http';
import type { Booking, Slot } from '../api/types';
import { useTenantData } from '../TenantContext';
import { useLocation } from '../router';
import { locale, useDisplayTimeZone } from '../lib/prefs';
import { formatDateTime, formatDuration, formatMoney, localDateOf } from '../lib/time';
import { NOTES_MAX, validateNotes } from '../lib/validation';
import { downloadBlob } from '../lib/download';
import { SiteHeader } from '../components/SiteHeader';
import { WhenPicker } from '../components/WhenPicker';
import { Notice, Skeleton, TextAreaField } from '../components/ui';
import { locationText } from '../lib/location';

/** The booking's manage token: from the link (#token=… or ?token=…), remembered for this tab. */
function useManageToken(bookingId: string): string | null {
  const { hash, search } = useLocation();
  const fromLink = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? search.get('token');
  const key = `bookmeatoz.manage.${bookingId}`;
  try {
    if (fromLink) sessionStorage.setItem(key, fromLink);
    return fromLink ?? sessionStorage.getItem(key);
  } catch {
    return fromLink;
  }
}

type Mode = { kind: 'view' } | { kind: 'reschedule'; date: string | null; slot: Slot | null } | { kind: 'cancel' };
type Message = { kind: 'success' | 'error' | 'warning'; text: string } | null;

/** A customer's booking, reached by the manage link: see it, add it to a calendar, reschedule or cancel it. */
export function ManagePage({ bookingId }: { bookingId: string }) {
  const { tenant, services, staff } = useTenantData();
  const { search } = useLocation();
  const token = useManageToken(bookingId);
  const [zone, setZone] = useDisplayTimeZone();
  const [booking, setBooking] = useState<Booking | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [sameStaff, setSameStaff] = useState(true);
  const [refreshKey, setRefreshKey] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    getBooking(bookingId, token, undefined, abort.signal)
      .then(setBooking)
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        setLoadError(
          e instanceof ApiError && (e.status === 403 || e.status === 401 || e.status === 404)
            ? t('manage.notFound')
            : messageOf(e),
        );
      });
    return () => abort.abort();
  }, [bookingId, token]);

  const onDate = useCallback((date: string) => setMode((m) => (m.kind === 'reschedule' ? { ...m, date, slot: null } : m)), []);

  const isNew = search.get('new') === '1';
  const service = booking && services.find((s) => s.id === booking.serviceId);
  const member = booking && staff.find((m) => m.id === booking.staffId);
  const manageLink = `${window.location.origin}/manage/${bookingId}#token=${encodeURIComponent(token ?? '')}`;

  function done(next: Booking, text: string) {
    setBooking(next);
    setMode({ kind: 'view' });
    setMessage({ kind: 'success', text });
    heading.current?.focus();
  }

  async function confirmReschedule(slot: Slot) {
    if (!booking || !token) return;
    setBusy(true);
    setMessage(null);
    try {
      const next = await rescheduleBooking(booking.id, token, slot.start, sameStaff ? booking.staffId : undefined);
      done(next, t('manage.moved', { when: formatDateTime(new Date(next.start), zone, locale) }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'slot_unavailable') {
        setMessage({ kind: 'warning', text: t('manage.taken') });
        setMode((m) => (m.kind === 'reschedule' ? { ...m, slot: null } : m));
        setRefreshKey((k) => k + 1);
      } else {
        setMessage({ kind: 'error', text: messageOf(e) });
        if (e instanceof ApiError && e.code === 'cancellation_window_passed') setMode({ kind: 'view' });
      }
    } finally {
      setBusy(false);
    }
  }

  async function confirmCancel() {
    if (!booking || !token || validateNotes(reason)) return;
    setBusy(true);
    setMessage(null);
    try {
      done(await cancelBooking(booking.id, token, reason.trim() || undefined), t('manage.cancelledDone'));
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
      setMode({ kind: 'view' });
    } finally {
      setBusy(false);
    }
  }

  async function downloadIcs() {
    if (!booking || !token) return;
    try {
      downloadBlob(await getBookingIcs(booking.id, { manageToken: token }), `booking-${booking.id}.ics`);
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }

  // A pending booking (awaiting the business's approval) may be cancelled or moved like a confirmed one.
  const upcoming = booking && (booking.status === 'confirmed' || booking.status === 'pending') && new Date(booking.start).getTime() > Date.now();
  const notice = tenant.policy.cancellationNoticeMinutes;

  return (
    <>
      <SiteHeader name={tenant.name} />
      <main className="page" id="main">
        {!token ? (
          <>
            <h1>{t('manage.title')}</h1>
            <Notice kind="error">{t('manage.noKey')}</Notice>
          </>
        ) : loadError ? (
          <>
            <h1>{t('manage.title')}</h1>
            <Notice kind="error">{loadError}</Notice>
          </>
        ) : !booking ? (
          <>
            <h1>{isNew ? t('manage.confirmed') : t('booking.yourBooking')}</h1>
            <Skeleton lines={3} />
          </>
        ) : (
          <>
            <h1 ref={heading} tabIndex={-1}>
              {booking.status === 'cancelled' ? t('manage.cancelledTitle') : isNew && booking.status === 'pending' ? t('manage.requested') : isNew ? t('manage.booked') : t('booking.yourBooking')}
            </h1>
            {message && <Notice kind={message.kind}>{message.text}</Notice>}
            {booking.status === 'pending' && <Notice kind="info">{t('manage.pendingNote', { business: tenant.name })}</Notice>}
            {isNew && booking.status === 'confirmed' && (
              <p className="hint" data-testid="new-note">
                {t('manage.newNote', { business: tenant.name, email: booking.customer.email })}
              </p>
            )}
            <dl className="summary" aria-label={t('manage.details')} data-testid="booking-summary">
              <div>
                <dt>{t('booking.summary.service')}</dt>
                <dd>
                  {service?.name ?? t('manage.appointment')}
                  {service && ` · ${formatDuration(service.durationMinutes, locale)} · ${formatMoney(service.priceCents, tenant.currency, locale)}`}
                </dd>
              </div>
              <div>
                <dt>{t('booking.summary.with')}</dt>
                <dd>{member?.name ?? t('manage.ourTeam')}</dd>
              </div>
              <div>
                <dt>{t('booking.summary.when')}</dt>
                <dd data-testid="booking-when">{formatDateTime(new Date(booking.start), zone, locale)}</dd>
              </div>
              {locationText(service?.location) && (
                <div>
                  <dt>{t('booking.summary.where')}</dt>
                  <dd className="pre-line">{locationText(service?.location)}</dd>
                </div>
              )}
              <div>
                <dt>{t('manage.name')}</dt>
                <dd>{booking.customer.name}</dd>
              </div>
              <div>
                <dt>{t('manage.status')}</dt>
                <dd data-testid="booking-status">{booking.status === 'confirmed' ? t('manage.statusConfirmed') : booking.status === 'cancelled' ? t('manage.statusCancelled') : t(statusLabelKey(booking.status))}</dd>
              </div>
            </dl>

            {(booking.status === 'confirmed' || booking.status === 'pending') && (
              <section className="card" aria-labelledby="keep-heading">
                <h2 id="keep-heading">{t('manage.keepLink')}</h2>
                <p>{t('manage.keepLinkText')}</p>
                <CopyField label={t('manage.linkLabel')} value={manageLink} />
                <button type="button" className="button" onClick={downloadIcs}>
                  {t('manage.addToCalendar')}
                </button>
              </section>
            )}

            {upcoming && mode.kind === 'view' && (
              <section className="actions" aria-label={t('manage.change')}>
                {notice > 0 && <p className="hint">{t('manage.notice', { duration: formatDuration(notice, locale) })}</p>}
                <button type="button" className="button" onClick={() => setMode({ kind: 'reschedule', date: localDateOf(new Date(booking.start), zone), slot: null })}>
                  {t('manage.reschedule')}
                </button>
                <button type="button" className="button button-danger" onClick={() => setMode({ kind: 'cancel' })}>
                  {t('manage.cancel')}
                </button>
              </section>
            )}

            {upcoming && mode.kind === 'reschedule' && (
              <section className="card" aria-labelledby="reschedule-heading">
                <h2 id="reschedule-heading">{t('manage.newTime')}</h2>
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
                  zone={zone}
                  onZoneChange={setZone}
                  date={mode.date}
                  onDate={onDate}
                  selectedStart={mode.slot?.start ?? null}
                  onPick={(slot) => setMode({ ...mode, slot })}
                  refreshKey={refreshKey}
                />
                <div className="confirm-bar" aria-live="polite">
                  {mode.slot ? (
                    <>
                      <p>
                        <Split text={t('manage.moveTo')} name="when">
                          <strong>{formatDateTime(new Date(mode.slot.start), zone, locale)}</strong>
                        </Split>
                      </p>
                      <button type="button" className="button button-primary" disabled={busy} onClick={() => confirmReschedule(mode.slot!)}>
                        {busy ? t('manage.moving') : t('manage.confirmNew')}
                      </button>
                    </>
                  ) : (
                    <p className="hint">{t('manage.pick')}</p>
                  )}
                  <button type="button" className="button" onClick={() => setMode({ kind: 'view' })}>
                    {t('manage.keepTime')}
                  </button>
                </div>
              </section>
            )}

            {upcoming && mode.kind === 'cancel' && (
              <section className="card" aria-labelledby="cancel-heading">
                <h2 id="cancel-heading">{t('manage.cancelTitle')}</h2>
                <TextAreaField label={t('manage.reason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={validateNotes(reason)} hint={t('booking.field.notesCount', { count: reason.length, max: NOTES_MAX })} />
                <div className="button-row">
                  <button type="button" className="button button-danger" disabled={busy} onClick={confirmCancel}>
                    {busy ? t('manage.cancelling') : t('manage.yesCancel')}
                  </button>
                  <button type="button" className="button" onClick={() => setMode({ kind: 'view' })}>
                    {t('manage.keepBooking')}
                  </button>
                </div>
              </section>
            )}

            {booking.status === 'cancelled' ? (
              <p>
                <a className="button button-primary" href="/">
                  {t('manage.bookAnotherTime')}
                </a>
              </p>
            ) : (
              isNew && (
                <p>
                  <a className="button" href="/">
                    {t('manage.bookAnother')}
                  </a>
                </p>
              )
            )}
          </>
        )}
      </main>
    </>
  );
}

function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      input.current?.select();
    }
  }
  return (
    <div className="copy-field">
      <label htmlFor="manage-link">{label}</label>
      <div className="copy-row">
        <input id="manage-link" ref={input} readOnly value={value} onFocus={(e) => e.target.select()} data-testid="manage-link" />
        <button type="button" className="button" onClick={copy}>
          {copied ? t('manage.copied') : t('manage.copy')}
        </button>
      </div>
    </div>
  );
}

/** A message with one placeholder filled by an element (a <strong>), the rest of the text around it as the language puts it. */
function Split({ text, name, children }: { text: string; name: string; children: ReactNode }) {
  const [before, after = ''] = text.split(`{${name}}`);
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
}
