import { useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import { Notice, TextAreaField } from '../components/ui';
import { adminApi } from './api';
import { useAdminData } from './AdminApp';
import { embedOriginsOf } from '../embed/embedding';

/** A line of the list as an origin (https://acme.example), or null when it is not one (a path, another scheme, …). */
export function originOf(line: string): string | null {
  const text = line.trim();
  if (!/^https?:\/\/[^/?#\s*]+\/?$/i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.username || url.password ? null : url.origin;
  } catch {
    return null;
  }
}

/** Settings → the booking widget: the sites that may show the booking page (embedOrigins), and the snippet to paste. */
export function EmbedSettings() {
  const { tenant, setTenant } = useAdminData();
  const [text, setText] = useState(embedOriginsOf(tenant).join('\n'));
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const snippet = `<script src="${window.location.origin}/embed.js" data-tenant="${tenant.slug}" async></script>`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const bad = lines.find((l) => originOf(l) === null);
    if (bad !== undefined) return setError(t('embed.notOrigin', { value: bad }));
    setError(undefined);
    setBusy(true);
    try {
      const next = await adminApi.updateTenant({ embedOrigins: [...new Set(lines.map((l) => originOf(l)!))] });
      setTenant(next);
      setText(embedOriginsOf(next).join('\n'));
      setSaved(true);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'validation_failed' ? Object.values(err.errors ?? {}).flat()[0] ?? messageOf(err) : messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="embed-heading">
      <h2 id="embed-heading">{t('embed.heading')}</h2>
      <fieldset className="card form-grid">
        <legend>{t('embed.sites')}</legend>
        <TextAreaField
          label={t('embed.origins')}
          name="embedOrigins"
          rows={3}
          value={text}
          spellCheck={false}
          hint={t('embed.originsHint')}
          error={error}
          onChange={(e) => {
            setSaved(false);
            setText(e.target.value);
          }}
        />
        <div>
          <p>{t('embed.snippet')}</p>
          <pre className="snippet" translate="no" data-testid="embed-snippet">
            <code>{snippet}</code>
          </pre>
        </div>
      </fieldset>
      {saved && <Notice kind="success">{t('settings.saved')}</Notice>}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('account.saving') : t('embed.save')}
      </button>
    </form>
  );
}
