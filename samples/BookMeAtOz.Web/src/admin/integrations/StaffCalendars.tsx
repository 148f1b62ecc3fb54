// A staff member's calendars (docs/http-api.md, "Calendar feed" and "CalDAV sync"): the secret subscription link
// (issue/rotate, shown once with a copy button; revoke) and the CalDAV connection (connect, status, last sync,
// conflicts, disconnect).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../../api/http';
import type { Staff } from '../../api/types';
import { InputField, Notice, Skeleton } from '../../components/ui';
import { locale } from '../../lib/prefs';
import { formatDateTime } from '../../lib/time';
import { useAdminData } from '../AdminApp';
import { integrationsApi, type CalDavStatus } from './api';
import { validateCalDav, type Errors } from './logic';
import { tx, type IntegrationKey } from './messages';
import { CopyField } from './ui';

export default function StaffCalendars({ member }: { member: Staff }) {
  return (
    <>
      <FeedCard member={member} />
      <CalDavCard member={member} />
    </>
  );
}

function FeedCard({ member }: { member: Staff }) {
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="feed-heading">
      <h2 id="feed-heading">{tx('feed.title')}</h2>
      <p className="hint">{tx('feed.lead', { name: member.name })}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {url && (
        <>
          <Notice kind="warning">{tx('feed.issued')}</Notice>
          <CopyField label={tx('feed.url')} value={url} autoFocus />
        </>
      )}
      <p className="hint">{tx('feed.issueHint')}</p>
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => run(async () => setUrl((await integrationsApi.issueFeed(member.id)).url))}>
          {tx('feed.issue')}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() =>
            run(async () => {
              await integrationsApi.revokeFeed(member.id);
              setUrl(null);
              setMessage({ kind: 'success', text: tx('feed.revoked') });
            })
          }
        >
          {tx('feed.revoke')}
        </button>
      </div>
    </section>
  );
}

function CalDavCard({ member }: { member: Staff }) {
  const { tenant } = useAdminData();
  const zone = tenant.timeZone;
  const [status, setStatus] = useState<CalDavStatus | null | 'loading'>('loading');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [replacing, setReplacing] = useState(false);

  const load = () =>
    integrationsApi
      .calDav(member.id)
      .then(setStatus)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) setStatus(null);
        else setMessage({ kind: 'error', text: messageOf(e) });
      });
  useEffect(() => {
    void load();
  }, [member.id]);

  async function disconnect() {
    try {
      await integrationsApi.disconnectCalDav(member.id);
      setStatus(null);
      setMessage({ kind: 'success', text: tx('caldav.disconnected') });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }

  const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso), zone, locale) : tx('common.never'));
  return (
    <section className="card" aria-labelledby="caldav-heading">
      <h2 id="caldav-heading">{tx('caldav.title')}</h2>
      <p className="hint">{tx('caldav.lead', { name: member.name })}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {status === 'loading' ? (
        <Skeleton lines={2} height="2rem" />
      ) : status === null ? (
        <>
          <p className="empty">{tx('caldav.none')}</p>
          <CalDavForm
            staffId={member.id}
            onConnected={(s) => {
              setStatus(s);
              setMessage({ kind: 'success', text: tx('caldav.connected') });
            }}
          />
        </>
      ) : (
        <>
          <dl className="summary" data-testid="caldav-status">
            <div>
              <dt>{tx('caldav.url')}</dt>
              <dd className="break-anywhere">{status.url}</dd>
            </div>
            <div>
              <dt>{tx('caldav.username')}</dt>
              <dd>{status.username}</dd>
            </div>
            <div>
              <dt>{tx('caldav.status')}</dt>
              <dd className={status.status === 'error' ? 'status-warning' : undefined}>{tx(`caldav.status.${status.status}` as IntegrationKey) ?? status.status}</dd>
            </div>
            <div>
              <dt>{tx('caldav.lastSync')}</dt>
              <dd>{when(status.lastSyncAt)}</dd>
            </div>
            <div>
              <dt>{tx('caldav.events')}</dt>
              <dd>{String(status.eventCount)}</dd>
            </div>
            {status.lastError && (
              <div>
                <dt>{tx('caldav.error')}</dt>
                <dd className="break-anywhere">{status.lastError}</dd>
              </div>
            )}
            <div>
              <dt>{tx('caldav.conflicts')}</dt>
              <dd>
                {status.conflicts.length === 0 ? (
                  tx('caldav.noConflicts')
                ) : (
                  <ul>
                    {status.conflicts.map((c) => (
                      <li key={`${c.bookingId}-${c.busyStart}`}>
                        {tx('caldav.conflict', {
                          booking: formatDateTime(new Date(c.bookingStart), zone, locale),
                          busy: `${formatDateTime(new Date(c.busyStart), zone, locale)} – ${formatDateTime(new Date(c.busyEnd), zone, locale)}`,
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
          <div className="button-row">
            <button type="button" className="button" onClick={() => (setMessage(null), load())}>
              {tx('caldav.refresh')}
            </button>
            <button type="button" className="button" aria-expanded={replacing} onClick={() => setReplacing((x) => !x)}>
              {tx('caldav.replace')}
            </button>
            <button type="button" className="button button-danger" onClick={disconnect}>
              {tx('caldav.disconnect')}
            </button>
          </div>
          {replacing && (
            <CalDavForm
              staffId={member.id}
              initial={{ url: status.url, username: status.username }}
              onConnected={(s) => {
                setStatus(s);
                setReplacing(false);
                setMessage({ kind: 'success', text: tx('caldav.connected') });
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function CalDavForm({ staffId, initial, onConnected }: { staffId: string; initial?: { url: string; username: string }; onConnected: (s: CalDavStatus) => void }) {
  const [v, setV] = useState({ url: initial?.url ?? '', username: initial?.username ?? '', password: '' });
  const [errors, setErrors] = useState<Errors<'url' | 'username' | 'password'>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateCalDav(v);
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      onConnected(await integrationsApi.connectCalDav(staffId, { url: v.url.trim(), username: v.username, password: v.password }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed' && err.errors) setFailure(Object.values(err.errors).flat().join(' '));
      else if (err instanceof ApiError && err.status === 503) setFailure(tx('caldav.unavailable'));
      else setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const bind = (k: 'url' | 'username' | 'password') => ({
    name: k,
    value: v[k],
    onChange: (e: { target: { value: string } }) => (setV((x) => ({ ...x, [k]: e.target.value })), setErrors((x) => ({ ...x, [k]: undefined }))),
    error: errors[k] ? tx(errors[k]!) : undefined,
  });
  return (
    <form ref={form} className="form" onSubmit={submit} noValidate aria-label={tx('caldav.title')}>
      <InputField label={tx('caldav.url')} required type="url" inputMode="url" placeholder="https://" hint={tx('caldav.urlHint')} {...bind('url')} />
      <InputField label={tx('caldav.username')} required autoComplete="off" {...bind('username')} />
      <InputField label={tx('caldav.password')} required type="password" autoComplete="new-password" hint={tx('caldav.passwordHint')} {...bind('password')} />
      {failure && <Notice kind="error">{failure}</Notice>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? tx('caldav.connecting') : tx('caldav.connect')}
        </button>
      </div>
    </form>
  );
}
