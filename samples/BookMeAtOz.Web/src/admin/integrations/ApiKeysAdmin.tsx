// API keys (docs/http-api.md, "API keys"; owners only): create with scopes (the key shown once), list with prefix,
// scopes and last use, revoke after a confirmation.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../../api/http';
import { InputField, Notice, Skeleton } from '../../components/ui';
import { locale } from '../../lib/prefs';
import { formatDateTime } from '../../lib/time';
import { useAdminData } from '../AdminApp';
import { integrationsApi, type ApiKey } from './api';
import { API_KEY_SCOPES, validateApiKey, type Errors } from './logic';
import { tx, type IntegrationKey } from './messages';
import { SecretOnce } from './ui';

export default function ApiKeysAdmin() {
  const { tenant } = useAdminData();
  const zone = tenant.timeZone;
  const [items, setItems] = useState<ApiKey[] | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<ApiKey | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const load = () =>
    integrationsApi
      .apiKeys()
      .then(setItems)
      .catch((e: unknown) => setMessage({ kind: 'error', text: messageOf(e) }));
  useEffect(() => {
    void load();
  }, []);

  async function revoke(k: ApiKey) {
    try {
      await integrationsApi.revokeApiKey(k.id);
      setConfirming(null);
      setMessage({ kind: 'success', text: tx('apiKeys.revoked', { name: k.name }) });
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }

  return (
    <section aria-labelledby="api-keys-heading">
      <h1 id="api-keys-heading">{tx('nav.apiKeys')}</h1>
      <p className="hint">{tx('apiKeys.lead')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {created && <SecretOnce title={tx('apiKeys.created', { name: created.name })} label={tx('apiKeys.key')} value={created.key} onDone={() => setCreated(null)} />}
      {confirming && (
        <div className="confirm-bar card" role="group" aria-label={tx('apiKeys.revoke')}>
          <p>{tx('apiKeys.confirmRevoke', { name: confirming.name })}</p>
          <button type="button" className="button button-danger" onClick={() => revoke(confirming)} autoFocus>
            {tx('apiKeys.yesRevoke')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(null)}>
            {tx('common.cancel')}
          </button>
        </div>
      )}
      {!items ? (
        <Skeleton lines={2} />
      ) : items.length === 0 ? (
        <p className="empty">{tx('apiKeys.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table stack-table">
            <caption className="visually-hidden">{tx('apiKeys.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{tx('apiKeys.colName')}</th>
                <th scope="col">{tx('apiKeys.colPrefix')}</th>
                <th scope="col">{tx('apiKeys.colScopes')}</th>
                <th scope="col">{tx('apiKeys.colCreated')}</th>
                <th scope="col">{tx('apiKeys.colLastUsed')}</th>
                <th scope="col">{tx('apiKeys.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td data-label={tx('apiKeys.colPrefix')}>
                    <code>{k.prefix}</code>
                  </td>
                  <td data-label={tx('apiKeys.colScopes')}>{k.scopes.join(', ')}</td>
                  <td data-label={tx('apiKeys.colCreated')}>{formatDateTime(new Date(k.createdAt), zone, locale)}</td>
                  <td data-label={tx('apiKeys.colLastUsed')}>{k.lastUsedAt ? formatDateTime(new Date(k.lastUsedAt), zone, locale) : tx('common.never')}</td>
                  <td>
                    <button type="button" className="button button-small button-danger" onClick={() => setConfirming(k)}>
                      {tx('apiKeys.revoke')}
                      <span className="visually-hidden"> {k.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ApiKeyForm
        onCreated={async (name, key) => {
          setMessage(null);
          setCreated({ name, key });
          await load();
        }}
      />
    </section>
  );
}

function ApiKeyForm({ onCreated }: { onCreated: (name: string, key: string) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [errors, setErrors] = useState<Errors<'name' | 'scopes'>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateApiKey({ name, scopes });
    setErrors(found);
    setFailure(null);
    if (found.name) nameRef.current?.focus();
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const created = await integrationsApi.createApiKey({ name: name.trim(), scopes });
      setName('');
      onCreated(created.name, created.key);
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="api-key-form-heading">
      <h2 id="api-key-form-heading">{tx('apiKeys.create')}</h2>
      <InputField
        label={tx('apiKeys.name')}
        name="name"
        required
        maxLength={200}
        hint={tx('apiKeys.nameHint')}
        value={name}
        ref={nameRef}
        onChange={(e) => (setName(e.target.value), setErrors((x) => ({ ...x, name: undefined })))}
        error={errors.name ? tx(errors.name) : undefined}
      />
      <fieldset aria-describedby={errors.scopes ? 'api-key-scopes-error' : undefined}>
        <legend>{tx('apiKeys.scopes')}</legend>
        {API_KEY_SCOPES.map((s) => (
          <label key={s} className="checkbox">
            <input
              type="checkbox"
              checked={scopes.includes(s)}
              onChange={(e) => (setScopes((x) => (e.target.checked ? [...x, s] : x.filter((n) => n !== s))), setErrors((x) => ({ ...x, scopes: undefined })))}
            />{' '}
            {tx(`apiKeys.scope.${s}` as IntegrationKey)}
          </label>
        ))}
        <div id="api-key-scopes-error" className="field-error" aria-live="polite">
          {errors.scopes ? tx(errors.scopes) : ''}
        </div>
      </fieldset>
      {failure && <Notice kind="error">{failure}</Notice>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? tx('apiKeys.creating') : tx('apiKeys.submit')}
        </button>
      </div>
    </form>
  );
}
