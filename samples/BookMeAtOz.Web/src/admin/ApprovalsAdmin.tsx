import { useCallback, useEffect, useState } from 'react';
import { t, tn } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import type { Booking } from '../api/types';
import { locale } from '../lib/prefs';
import { formatDateTime } from '../lib/time';
import { validateNotes } from '../lib/validation';
import { Notice, Skeleton, TextAreaField } from '../components/ui';
import { adminApi } from './api';
import { useAdminData } from './AdminApp';
import { useLiveBookings } from './liveBookings';

/**
 * The approvals queue: every booking awaiting approval (`GET /bookings?status=pending`), soonest first, with its
 * deadline, approve, and decline with an optional reason told to the customer.
 */
export function ApprovalsAdmin({ onCount }: { onCount?: (count: number) => void }) {
  const { tenant, services, staff } = useAdminData();
  const zone = tenant.timeZone;
  const [items, setItems] = useState<Booking[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [declining, setDeclining] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    adminApi
      .pendingBookings()
      .then((list) => {
        setItems(list);
        setError(null);
        onCount?.(list.length);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  }, [onCount]);
  useEffect(load, [load]);
  useLiveBookings(load);

  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? t('bookings.service');
  const staffName = (id: string) => staff.find((m) => m.id === id)?.name ?? t('bookings.unknown');

  async function decide(b: Booking, action: 'approve' | 'decline') {
    setBusy(b.id);
    setMessage(null);
    try {
      if (action === 'approve') {
        await adminApi.approveBooking(b.id);
        setMessage({ kind: 'success', text: t('approvals.approved', { customer: b.customer.name }) });
      } else {
        await adminApi.declineBooking(b.id, reason.trim() || undefined);
        setMessage({ kind: 'success', text: t('approvals.declined', { customer: b.customer.name }) });
      }
      setDeclining(null);
      setReason('');
    } catch (e) {
      // 409 invalid_transition: decided meanwhile (another admin, the customer cancelled, or past its deadline).
      setMessage({
        kind: e instanceof ApiError && e.status === 409 ? 'warning' : 'error',
        text: e instanceof ApiError && e.code === 'invalid_transition' ? t('approvals.alreadyDecided', { customer: b.customer.name }) : messageOf(e),
      });
    } finally {
      setBusy(null);
      load();
    }
  }

  return (
    <section aria-labelledby="approvals-heading">
      <h1 id="approvals-heading">{t('admin.section.approvals')}</h1>
      <p className="lead">{t('approvals.lead')}</p>
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!items ? (
        <Skeleton lines={3} />
      ) : items.length === 0 ? (
        <p className="empty">{t('approvals.none')}</p>
      ) : (
        <>
          <h2 className="visually-hidden">{tn('approvals.count', items.length)}</h2>
          <ul className="queue-list">
            {items.map((b) => {
              const label = t('approvals.itemLabel', { customer: b.customer.name, when: formatDateTime(new Date(b.start), zone, locale) });
              return (
                <li key={b.id} className="card queue-item" aria-label={label}>
                  <h3>{b.customer.name}</h3>
                  <dl className="summary">
                    <div>
                      <dt>{t('booking.summary.when')}</dt>
                      <dd>{formatDateTime(new Date(b.start), zone, locale)}</dd>
                    </div>
                    <div>
                      <dt>{t('booking.summary.service')}</dt>
                      <dd>
                        {serviceName(b.serviceId)} · {staffName(b.staffId)}
                      </dd>
                    </div>
                    <div>
                      <dt>{t('dialog.customer')}</dt>
                      <dd>
                        <a href={`mailto:${b.customer.email}`}>{b.customer.email}</a>
                        {b.customer.phone && ` · ${b.customer.phone}`}
                      </dd>
                    </div>
                    {(b.answers ?? []).map((a) => (
                      <div key={a.questionId}>
                        <dt>{a.label}</dt>
                        <dd>{Array.isArray(a.value) ? a.value.join(', ') : typeof a.value === 'boolean' ? (a.value ? t('dialog.yes') : t('dialog.no')) : String(a.value ?? '')}</dd>
                      </div>
                    ))}
                    {b.notes && (
                      <div>
                        <dt>{t('booking.field.notes')}</dt>
                        <dd>{b.notes}</dd>
                      </div>
                    )}
                    {b.expiresAt && (
                      <div>
                        <dt>{t('approvals.deadline')}</dt>
                        <dd>{formatDateTime(new Date(b.expiresAt), zone, locale)}</dd>
                      </div>
                    )}
                  </dl>
                  {declining === b.id ? (
                    <div>
                      <TextAreaField label={t('approvals.reason')} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} error={validateNotes(reason)} hint={t('approvals.reasonHint')} />
                      <div className="button-row">
                        <button type="button" className="button button-danger" disabled={busy === b.id || !!validateNotes(reason)} onClick={() => decide(b, 'decline')}>
                          {t('approvals.confirmDecline')}
                        </button>
                        <button type="button" className="button" onClick={() => setDeclining(null)}>
                          {t('dialog.back')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <div className="button-row">
                      <button type="button" className="button button-primary" disabled={busy === b.id} aria-label={t('approvals.approveFor', { customer: b.customer.name })} onClick={() => decide(b, 'approve')}>
                        {t('approvals.approve')}
                      </button>
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={busy === b.id}
                        aria-label={t('approvals.declineFor', { customer: b.customer.name })}
                        onClick={() => {
                          setDeclining(b.id);
                          setReason('');
                        }}
                      >
                        {t('approvals.decline')}
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
