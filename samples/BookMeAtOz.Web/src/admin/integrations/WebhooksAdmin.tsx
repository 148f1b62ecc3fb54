// Webhooks (docs/http-api.md, "Webhooks"): subscriptions with their events, the signing secret shown once (at
// creation and rotation), ping, the delivery log with replay, enable/disable and delete.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../../api/http';
import { InputField, Notice, Skeleton } from '../../components/ui';
import { locale } from '../../lib/prefs';
import { formatDateTime } from '../../lib/time';
import { useAdminData } from '../AdminApp';
import { integrationsApi, type Webhook, type WebhookDelivery } from './api';
import { deliveryAnswer, mergeDeliveries, validateWebhook, WEBHOOK_EVENTS, type Errors } from './logic';
import { tx, txn, type IntegrationKey } from './messages';
import { SecretOnce } from './ui';

export default function WebhooksAdmin() {
  const [items, setItems] = useState<Webhook[] | null>(null);
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const load = () =>
    integrationsApi
      .webhooks()
      .then(setItems)
      .catch((e: unknown) => setMessage({ kind: 'error', text: messageOf(e) }));
  useEffect(() => {
    void load();
  }, []);

  return (
    <section aria-labelledby="webhooks-heading">
      <h1 id="webhooks-heading">{tx('nav.webhooks')}</h1>
      <p className="hint">{tx('webhooks.lead')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {secret && <SecretOnce title={secret.title} label={tx('webhooks.secret')} value={secret.value} onDone={() => setSecret(null)} />}
      {!items ? (
        <Skeleton lines={2} />
      ) : items.length === 0 ? (
        <p className="empty">{tx('webhooks.none')}</p>
      ) : (
        <ul className="integration-list">
          {items.map((w) => (
            <WebhookCard
              key={w.id}
              webhook={w}
              onChanged={load}
              onSecret={(value) => setSecret({ title: tx('webhooks.rotated'), value })}
              onMessage={(kind, text) => setMessage({ kind, text })}
            />
          ))}
        </ul>
      )}
      <WebhookForm
        onCreated={async (value) => {
          setMessage(null);
          setSecret({ title: tx('webhooks.created'), value });
          await load();
        }}
      />
    </section>
  );
}

function WebhookForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['booking.created', 'booking.rescheduled', 'booking.cancelled']);
  const [errors, setErrors] = useState<Errors<'url' | 'events'>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const urlRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateWebhook({ url, events });
    setErrors(found);
    setFailure(null);
    if (found.url) urlRef.current?.focus();
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const created = await integrationsApi.createWebhook({ url: url.trim(), events });
      setUrl('');
      onCreated(created.secret);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed' && err.errors?.url) {
        setErrors({ url: 'webhooks.urlInvalid' });
        setFailure(err.errors.url.join(' '));
      } else setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="webhook-form-heading">
      <h2 id="webhook-form-heading">{tx('webhooks.add')}</h2>
      <InputField
        label={tx('webhooks.url')}
        name="url"
        type="url"
        inputMode="url"
        required
        placeholder="https://"
        hint={tx('webhooks.urlHint')}
        value={url}
        ref={urlRef}
        onChange={(e) => (setUrl(e.target.value), setErrors((x) => ({ ...x, url: undefined })))}
        error={errors.url ? tx(errors.url) : undefined}
      />
      <fieldset aria-describedby={errors.events ? 'webhook-events-error' : undefined}>
        <legend>{tx('webhooks.events')}</legend>
        <div className="checkbox-grid">
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} className="checkbox">
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) => (setEvents((x) => (e.target.checked ? [...x, name] : x.filter((n) => n !== name))), setErrors((x) => ({ ...x, events: undefined })))}
              />{' '}
              <code>{name}</code>
            </label>
          ))}
        </div>
        <div id="webhook-events-error" className="field-error" aria-live="polite">
          {errors.events ? tx(errors.events) : ''}
        </div>
      </fieldset>
      {failure && <Notice kind="error">{failure}</Notice>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? tx('webhooks.adding') : tx('webhooks.submit')}
        </button>
      </div>
    </form>
  );
}

function WebhookCard({
  webhook: w,
  onChanged,
  onSecret,
  onMessage,
}: {
  webhook: Webhook;
  onChanged: () => Promise<void>;
  onSecret: (secret: string) => void;
  onMessage: (kind: 'success' | 'error', text: string) => void;
}) {
  const { tenant } = useAdminData();
  const zone = tenant.timeZone;
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);

  async function run(action: () => Promise<unknown>, done?: string) {
    setBusy(true);
    try {
      await action();
      if (done) onMessage('success', done);
      await onChanged();
    } catch (e) {
      onMessage('error', messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const state = w.disabledAt
    ? tx('webhooks.disabled', { when: formatDateTime(new Date(w.disabledAt), zone, locale) })
    : w.failingSince
      ? tx('webhooks.failing', { when: formatDateTime(new Date(w.failingSince), zone, locale) })
      : tx('webhooks.enabled');
  const headingId = `webhook-${w.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title break-anywhere">
        {w.url}
      </h2>
      <p className={w.disabledAt || w.failingSince ? 'status-warning' : 'hint'}>{state}</p>
      <p className="hint">{tx('webhooks.eventsOf', { events: w.events.join(', ') })}</p>
      {confirming ? (
        <div className="confirm-bar" role="group" aria-label={tx('webhooks.delete')}>
          <p>{tx('webhooks.confirmDelete', { url: w.url })}</p>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => run(() => integrationsApi.deleteWebhook(w.id), tx('webhooks.deleted'))}>
            {tx('webhooks.yesDelete')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {tx('common.cancel')}
          </button>
        </div>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await integrationsApi.pingWebhook(w.id);
                setOpen(true);
                setReload((n) => n + 1);
              }, tx('webhooks.pinged'))
            }
          >
            {tx('webhooks.ping')}
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => run(async () => onSecret((await integrationsApi.rotateWebhookSecret(w.id)).secret))}>
            {tx('webhooks.rotate')}
          </button>
          <button type="button" className="button button-small" disabled={busy} onClick={() => run(() => integrationsApi.updateWebhook(w.id, { enabled: !!w.disabledAt }))}>
            {w.disabledAt ? tx('webhooks.enable') : tx('webhooks.disable')}
          </button>
          <button type="button" className="button button-small" aria-expanded={open} onClick={() => setOpen((x) => !x)}>
            {open ? tx('webhooks.hideDeliveries') : tx('webhooks.showDeliveries')}
          </button>
          <button type="button" className="button button-small button-danger" onClick={() => setConfirming(true)}>
            {tx('webhooks.delete')}
          </button>
        </div>
      )}
      {open && <Deliveries webhookId={w.id} zone={zone} reload={reload} onMessage={onMessage} />}
    </li>
  );
}

function Deliveries({ webhookId, zone, reload, onMessage }: { webhookId: string; zone: string; reload: number; onMessage: (kind: 'success' | 'error', text: string) => void }) {
  const [items, setItems] = useState<WebhookDelivery[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  async function page(older: boolean) {
    try {
      const p = await integrationsApi.deliveries(webhookId, older ? cursor : null);
      setItems((current) => mergeDeliveries(current ?? [], p.items, older));
      if (older || cursor === null) setCursor(p.nextCursor);
    } catch (e) {
      onMessage('error', messageOf(e));
    }
  }
  useEffect(() => {
    void page(false);
  }, [webhookId, reload, tick]);

  async function replay(d: WebhookDelivery) {
    try {
      await integrationsApi.replayDelivery(webhookId, d.id);
      onMessage('success', tx('webhooks.replayed'));
      setTick((n) => n + 1);
    } catch (e) {
      onMessage('error', messageOf(e));
    }
  }

  return (
    <section aria-label={tx('webhooks.deliveries')}>
      <h3>{tx('webhooks.deliveries')}</h3>
      {!items ? (
        <Skeleton lines={2} height="2rem" />
      ) : items.length === 0 ? (
        <p className="empty">{tx('webhooks.noDeliveries')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table stack-table">
            <caption className="visually-hidden">{tx('webhooks.deliveries')}</caption>
            <thead>
              <tr>
                <th scope="col">{tx('webhooks.colEvent')}</th>
                <th scope="col">{tx('webhooks.colStatus')}</th>
                <th scope="col">{tx('webhooks.colAnswer')}</th>
                <th scope="col">{tx('webhooks.colDuration')}</th>
                <th scope="col">{tx('webhooks.colWhen')}</th>
                <th scope="col">{tx('webhooks.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-testid="delivery">
                  <th scope="row">
                    <code>{d.eventType}</code>
                    {d.replayOf && <span className="hint"> ({tx('webhooks.replayOf')})</span>}
                  </th>
                  <td data-label={tx('webhooks.colStatus')}>
                    <span className={`status-pill status-${d.status}`}>{tx(`webhooks.status.${d.status}` as IntegrationKey) ?? d.status}</span>
                    <div className="hint">{txn('webhooks.attempts', Number(d.attempts))}</div>
                  </td>
                  <td data-label={tx('webhooks.colAnswer')}>
                    {deliveryAnswer(d) ?? tx('webhooks.noAnswer')}
                    {d.responseExcerpt && <div className="hint excerpt">{d.responseExcerpt}</div>}
                  </td>
                  <td data-label={tx('webhooks.colDuration')}>{d.durationMs == null ? '–' : tx('webhooks.durationMs', { ms: String(d.durationMs) })}</td>
                  <td data-label={tx('webhooks.colWhen')}>{formatDateTime(new Date(d.createdAt), zone, locale)}</td>
                  <td>
                    <button type="button" className="button button-small" onClick={() => replay(d)}>
                      {tx('webhooks.replay')}
                      <span className="visually-hidden"> {d.eventType}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button-small" onClick={() => setTick((n) => n + 1)}>
          {tx('webhooks.refresh')}
        </button>
        {cursor && (
          <button type="button" className="button button-small" onClick={() => page(true)}>
            {tx('webhooks.more')}
          </button>
        )}
      </div>
    </section>
  );
}
