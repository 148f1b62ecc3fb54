// Closed dates for the whole business (holidays, a move): no time on them is offered or bookable. Bookings
// already on those dates stay booked; adding a closure lists them so they can be moved or cancelled.
import { useEffect, useState, type FormEvent } from 'react';
import { t, tn } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import type { Booking, Closure } from '../api/types';
import { locale } from '../lib/prefs';
import { formatDateTime, formatLongDate, localDateOf, todayIn } from '../lib/time';
import { mapApiErrors, validateNotes, type FieldErrors } from '../lib/validation';
import { InputField, Notice, Skeleton, TextAreaField } from '../components/ui';
import { linkHandler, withParams } from '../router';
import { adminApi } from './api';
import { useAdminData } from './AdminApp';

type Field = 'from' | 'to' | 'reason' | 'form';

/** The form's problems: both dates, the end not before the start, a reason of at most 2000 characters. */
export function validateClosure(v: { from: string; to: string; reason: string }): FieldErrors<Field> {
  const e: FieldErrors<Field> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.from)) e.from = t('closures.firstMissing');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.to)) e.to = t('closures.lastMissing');
  else if (!e.from && v.to < v.from) e.to = t('closures.order');
  const r = validateNotes(v.reason);
  if (r) e.reason = r;
  return e;
}

export function ClosuresAdmin() {
  const { tenant, services, staff } = useAdminData();
  const zone = tenant.timeZone;
  const today = todayIn(zone);
  const [items, setItems] = useState<Closure[] | null>(null);
  const [v, setV] = useState({ from: today, to: today, reason: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [affected, setAffected] = useState<{ bookings: Booking[]; more: boolean } | null>(null);

  const load = () =>
    adminApi
      .closures()
      .then(setItems)
      .catch((e: unknown) => setMessage({ kind: 'error', text: messageOf(e) }));
  useEffect(() => {
    void load();
  }, []);

  async function add(e: FormEvent) {
    e.preventDefault();
    const found = validateClosure(v);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setMessage(null);
    try {
      const created = await adminApi.addClosure({ from: v.from, to: v.to, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}) });
      setAffected({ bookings: created.affectedBookings, more: created.moreAffectedBookings });
      setMessage({ kind: 'success', text: t('closures.closed', { range: range(created) }) });
      setV({ from: today, to: today, reason: '' });
      await load();
    } catch (err) {
      setErrors(err instanceof ApiError && err.code === 'validation_failed' ? mapApiErrors(err.errors, { from: 'from', to: 'to', reason: 'reason' }) : { form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  }

  async function remove(c: Closure) {
    try {
      await adminApi.removeClosure(c.id);
      setMessage({ kind: 'success', text: t('closures.reopened', { range: range(c) }) });
      setAffected(null);
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  }

  const range = (c: { from: string; to: string }) => (c.from === c.to ? formatLongDate(c.from, locale) : `${formatLongDate(c.from, locale)} – ${formatLongDate(c.to, locale)}`);
  const upcoming = (items ?? []).filter((c) => c.to >= today);
  const past = (items ?? []).filter((c) => c.to < today);

  return (
    <section aria-labelledby="closures-heading">
      <h1 id="closures-heading">{t('admin.section.closures')}</h1>
      <p className="hint">
        {t('closures.lead', { zone: zone.replace(/_/g, ' ') })}
      </p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {affected && affected.bookings.length > 0 && (
        <section className="card" aria-labelledby="affected-heading">
          <h2 id="affected-heading">
            {tn('closures.affected', affected.more ? 2 : affected.bookings.length, { count: `${affected.bookings.length}${affected.more ? '+' : ''}` })}
          </h2>
          <p className="hint">{t('closures.affectedHint')}</p>
          <ul className="result-list">
            {affected.bookings.map((b) => {
              const href = withParams({ view: 'day', date: localDateOf(new Date(b.start), zone) }, '/admin');
              return (
                <li key={b.id}>
                  <a href={href} onClick={linkHandler(href)}>
                    {t('bookings.resultLine', {
                      when: formatDateTime(new Date(b.start), zone, locale),
                      customer: b.customer.name,
                      service: services.find((s) => s.id === b.serviceId)?.name ?? t('bookings.service'),
                      staff: staff.find((m) => m.id === b.staffId)?.name ?? t('closures.someone'),
                    })}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <form className="card form form-grid" onSubmit={add} noValidate aria-labelledby="closure-form-heading">
        <h2 id="closure-form-heading" className="span-all">
          {t('closures.formTitle')}
        </h2>
        <InputField label={t('closures.first')} type="date" required value={v.from} min={today} onChange={(e) => (setV((x) => ({ ...x, from: e.target.value, to: x.to < e.target.value ? e.target.value : x.to })), setErrors({}))} error={errors.from} />
        <InputField label={t('closures.last')} type="date" required value={v.to} min={v.from} onChange={(e) => (setV((x) => ({ ...x, to: e.target.value })), setErrors({}))} error={errors.to} />
        <div className="span-all">
          <TextAreaField label={t('manage.reason')} rows={2} hint={t('closures.reasonHint')} value={v.reason} onChange={(e) => setV((x) => ({ ...x, reason: e.target.value }))} error={errors.reason} />
        </div>
        {errors.form && (
          <div className="span-all">
            <Notice kind="error">{errors.form}</Notice>
          </div>
        )}
        <div className="button-row span-all">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('closures.closing') : t('closures.submit')}
          </button>
        </div>
      </form>
      <h2>{t('closures.upcoming')}</h2>
      {!items ? (
        <Skeleton lines={2} />
      ) : upcoming.length === 0 ? (
        <p className="empty">{t('closures.none')}</p>
      ) : (
        <ClosureList items={upcoming} range={range} onRemove={remove} />
      )}
      {past.length > 0 && (
        <details>
          <summary>{t('closures.past', { count: past.length })}</summary>
          <ClosureList items={past} range={range} onRemove={remove} />
        </details>
      )}
    </section>
  );
}

function ClosureList({ items, range, onRemove }: { items: Closure[]; range: (c: Closure) => string; onRemove: (c: Closure) => void }) {
  return (
    <ul className="closure-list">
      {items.map((c) => (
        <li key={c.id} className="card closure">
          <div>
            <strong>{range(c)}</strong>
            {c.reason && <div className="hint">{c.reason}</div>}
          </div>
          <button type="button" className="button button-small" onClick={() => onRemove(c)}>
            {t('closures.reopen')}
            <span className="visually-hidden"> {range(c)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
