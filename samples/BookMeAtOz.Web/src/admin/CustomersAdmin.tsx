import { useEffect, useRef, useState, type FormEvent } from 'react';
import { t, tn } from '../i18n';
import { messageOf } from '../api/http';
import type { CustomerDetail, CustomerSummary } from '../api/types';
import { locale } from '../lib/prefs';
import { formatDateTime } from '../lib/time';
import { downloadBlob } from '../lib/download';
import { Notice, Skeleton } from '../components/ui';
import { adminApi } from './api';
import { useAdminData } from './AdminApp';
import { statusClass } from './Calendar';
import { statusLabelKey } from './lifecycle';

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => Number(n) > 0)
    .map(([status, n]) => `${t(statusLabelKey(status))}: ${n}`)
    .join(' · ');

/** Customers (owners and admins): search, one customer's history, export as JSON, and erasure after a confirmation. */
export function CustomersAdmin() {
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [items, setItems] = useState<CustomerSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let stale = false;
    setItems(null);
    adminApi
      .customers(searched, null)
      .then((page) => !stale && (setItems(page.items), setNext(page.nextCursor), setError(null)))
      .catch((e: unknown) => !stale && setError(messageOf(e)));
    return () => {
      stale = true;
    };
  }, [searched, version]);

  async function more() {
    try {
      const page = await adminApi.customers(searched, next);
      setItems((list) => [...(list ?? []), ...page.items]);
      setNext(page.nextCursor);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setOpen(null);
    setSearched(query.trim());
  }

  return (
    <section aria-labelledby="customers-heading">
      <div className="toolbar">
        <h1 id="customers-heading">{t('admin.section.customers')}</h1>
        <form className="search" role="search" onSubmit={submit}>
          <label htmlFor="customer-search" className="visually-hidden">
            {t('customers.searchLabel')}
          </label>
          <input id="customer-search" type="search" placeholder={t('customers.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} maxLength={200} />
          <button type="submit" className="button">
            {t('customers.search')}
          </button>
        </form>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      {open && (
        <CustomerPanel
          email={open}
          onClose={() => setOpen(null)}
          onErased={() => {
            setOpen(null);
            setNotice(t('customers.erased'));
            setVersion((v) => v + 1);
          }}
        />
      )}
      {!items ? (
        <Skeleton lines={3} />
      ) : items.length === 0 ? (
        <p className="empty">{searched ? t('customers.noMatch', { query: searched }) : t('customers.none')}</p>
      ) : (
        <>
          <h2 className="visually-hidden">{searched ? tn('customers.matches', items.length, { query: searched }) : t('customers.all')}</h2>
          <ul className="result-list">
            {items.map((c) => (
              <li key={c.email}>
                <button type="button" className="link-button" aria-expanded={open === c.email} onClick={() => (setNotice(null), setOpen(c.email))}>
                  {c.name} · {c.email}
                </button>{' '}
                <span className="hint">{countsText(c.bookingCounts)}</span>
              </li>
            ))}
          </ul>
          {next && (
            <button type="button" className="button" onClick={more}>
              {t('customers.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function CustomerPanel({ email, onClose, onErased }: { email: string; onClose: () => void; onErased: () => void }) {
  const { tenant, services, staff } = useAdminData();
  const zone = tenant.timeZone;
  const [detail, setDetail] = useState<CustomerDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let stale = false;
    setDetail(null);
    adminApi
      .customer(email)
      .then((d) => {
        if (stale) return;
        setDetail(d);
        setError(null);
        heading.current?.focus();
      })
      .catch((e: unknown) => !stale && setError(messageOf(e)));
    return () => {
      stale = true;
    };
  }, [email]);

  async function exportData() {
    setBusy(true);
    try {
      const blob = await adminApi.exportCustomer(email);
      downloadBlob(blob, `customer-${email.replace(/[^a-z0-9._-]+/gi, '_')}.json`);
      setExported(true);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function erase() {
    setBusy(true);
    try {
      await adminApi.eraseCustomer(email);
      setConfirming(false);
      onErased();
    } catch (e) {
      setError(messageOf(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? t('bookings.service');
  const staffName = (id: string) => staff.find((m) => m.id === id)?.name ?? t('bookings.unknown');
  return (
    <section className="card" aria-labelledby="customer-heading">
      <div className="dialog-header">
        <h2 id="customer-heading" ref={heading} tabIndex={-1}>
          {detail ? detail.customer.name : email}
        </h2>
        <button type="button" className="icon-button" aria-label={t('dialog.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {!detail ? (
        !error && <Skeleton lines={2} />
      ) : (
        <>
          <p>
            <a href={`mailto:${detail.customer.email}`}>{detail.customer.email}</a>
            {detail.customer.phone && ` · ${detail.customer.phone}`}
          </p>
          <p className="hint">{countsText(detail.customer.bookingCounts)}</p>
          <h3>{t('customers.history')}</h3>
          <ul className="customer-bookings">
            {detail.bookings.map((b) => (
              <li key={b.id}>
                {formatDateTime(new Date(b.start), zone, locale)} · {serviceName(b.serviceId)} · {staffName(b.staffId)}{' '}
                <span className={`status-badge${statusClass(b.status) || ' is-confirmed'}`}>{t(statusLabelKey(b.status))}</span>
              </li>
            ))}
          </ul>
          {exported && <Notice kind="success">{t('customers.exported')}</Notice>}
          <div className="button-row">
            <button type="button" className="button" disabled={busy} onClick={exportData}>
              {t('customers.export')}
            </button>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => setConfirming(true)}>
              {t('customers.erase')}
            </button>
          </div>
          {confirming && <EraseDialog name={detail.customer.name} email={detail.customer.email} count={detail.bookings.length} busy={busy} onConfirm={erase} onClose={() => setConfirming(false)} />}
        </>
      )}
    </section>
  );
}

/** The erasure's confirmation: a modal dialog that says what happens, with "keep" focused first. */
function EraseDialog({ name, email, count, busy, onConfirm, onClose }: { name: string; email: string; count: number; busy: boolean; onConfirm: () => void; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" role="alertdialog" aria-labelledby="erase-title" aria-describedby="erase-text" onClose={onClose}>
      <h2 id="erase-title">{t('customers.eraseTitle', { name })}</h2>
      <p id="erase-text">{tn('customers.eraseText', count, { email })}</p>
      <div className="button-row">
        <button type="button" className="button" autoFocus onClick={() => dialog.current?.close()}>
          {t('dialog.keep')}
        </button>
        <button type="button" className="button button-danger" disabled={busy} onClick={onConfirm}>
          {t('customers.eraseConfirm')}
        </button>
      </div>
    </dialog>
  );
}
