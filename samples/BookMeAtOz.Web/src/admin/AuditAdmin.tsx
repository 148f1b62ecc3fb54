import { useEffect, useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { messageOf } from '../api/http';
import type { AuditEntry, User } from '../api/types';
import { locale } from '../lib/prefs';
import { formatDateTime } from '../lib/time';
import { InputField, Notice, SelectField, Skeleton } from '../components/ui';
import { adminApi, type AuditFilter } from './api';
import { useAdminData } from './AdminApp';
import { auditChanges } from './lifecycle';

/** The audit log (owners): newest first, filtered by entity id, actor and dates, a page at a time, changes shown field by field. */
export function AuditAdmin() {
  const { tenant } = useAdminData();
  const zone = tenant.timeZone;
  const [draft, setDraft] = useState<AuditFilter>({});
  const [filter, setFilter] = useState<AuditFilter>({});
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    adminApi.users().then(setUsers, () => undefined);
  }, []);

  useEffect(() => {
    let stale = false;
    setItems(null);
    adminApi
      .audit(filter, null)
      .then((page) => !stale && (setItems(page.items), setNext(page.nextCursor), setError(null)))
      .catch((e: unknown) => !stale && (setItems([]), setError(messageOf(e))));
    return () => {
      stale = true;
    };
  }, [filter]);

  async function more() {
    setLoadingMore(true);
    try {
      const page = await adminApi.audit(filter, next);
      setItems((list) => [...(list ?? []), ...page.items]);
      setNext(page.nextCursor);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoadingMore(false);
    }
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    setFilter({ entity: draft.entity?.trim() || undefined, actor: draft.actor || undefined, from: draft.from || undefined, to: draft.to || undefined });
  }

  const actorName = (entry: AuditEntry) => {
    if (entry.actorType === 'user') return users.find((u) => u.id === entry.actorId)?.name ?? t('audit.actor.user');
    const key = `audit.actor.${entry.actorType}` as const;
    return key === 'audit.actor.customer' || key === 'audit.actor.anonymous' || key === 'audit.actor.system' || key === 'audit.actor.apiKey' ? t(key) : entry.actorType;
  };

  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">{t('admin.section.audit')}</h1>
      <p className="lead">{t('audit.lead')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <InputField label={t('audit.entity')} value={draft.entity ?? ''} onChange={(e) => setDraft({ ...draft, entity: e.target.value })} hint={t('audit.entityHint')} />
        <SelectField label={t('audit.actor')} value={draft.actor ?? ''} onChange={(e) => setDraft({ ...draft, actor: e.target.value })}>
          <option value="">{t('audit.anyone')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <InputField label={t('audit.from')} type="date" value={draft.from ?? ''} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <InputField label={t('audit.to')} type="date" value={draft.to ?? ''} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <button type="submit" className="button button-primary">
          {t('audit.apply')}
        </button>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      <p className="hint">{t('bookings.timesIn', { zone: zone.replace(/_/g, ' ') })}</p>
      {!items ? (
        <Skeleton lines={4} />
      ) : items.length === 0 ? (
        !error && <p className="empty">{t('audit.none')}</p>
      ) : (
        <>
          <h2 className="visually-hidden">{t('audit.entries')}</h2>
          <ol className="audit-list">
            {items.map((entry) => {
              const changes = auditChanges(entry.before, entry.after);
              return (
                <li key={entry.id} className="card audit-item">
                  <h3 className="audit-title">
                    <code>{entry.action}</code>
                  </h3>
                  <p className="hint">
                    {t('audit.byAt', { actor: actorName(entry), when: formatDateTime(new Date(entry.at), zone, locale) })} · <code>{entry.entity}</code>{' '}
                    <button type="button" className="link-button" onClick={() => (setDraft({ ...draft, entity: entry.entityId }), setFilter({ ...filter, entity: entry.entityId }))} aria-label={t('audit.onlyThis', { id: entry.entityId })}>
                      <code>{entry.entityId.slice(0, 8)}</code>
                    </button>
                  </p>
                  {changes.length > 0 && (
                    <table className="audit-changes">
                      <caption className="visually-hidden">{t('audit.changesOf', { action: entry.action })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('audit.field')}</th>
                          <th scope="col">{t('audit.before')}</th>
                          <th scope="col">{t('audit.after')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {changes.map((c) => (
                          <tr key={c.field}>
                            <th scope="row">
                              <code>{c.field}</code>
                            </th>
                            {/* The entity's stored values: data, not the app's words. */}
                            <td translate="no">{c.before === undefined ? '' : <del>{c.before}</del>}</td>
                            <td translate="no">{c.after === undefined ? '' : <ins>{c.after}</ins>}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </li>
              );
            })}
          </ol>
          {next && (
            <button type="button" className="button" disabled={loadingMore} onClick={more}>
              {t('audit.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
