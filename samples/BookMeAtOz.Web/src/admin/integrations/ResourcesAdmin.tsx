// Rooms, chairs and equipment (docs/http-api.md, "Resources"): list, add, edit, deactivate and delete.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../../api/http';
import { InputField, Notice, Skeleton } from '../../components/ui';
import { integrationsApi, type Resource } from './api';
import { validateResource, type Errors } from './logic';
import { tx } from './messages';

type Field = 'name' | 'kind' | 'quantity';
const empty = { name: '', kind: '', quantity: '1', active: true };

export default function ResourcesAdmin() {
  const [items, setItems] = useState<Resource[] | null>(null);
  const [editing, setEditing] = useState<Resource | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const load = () =>
    integrationsApi
      .resources()
      .then(setItems)
      .catch((e: unknown) => setMessage({ kind: 'error', text: messageOf(e) }));
  useEffect(() => {
    void load();
  }, []);

  async function setActive(r: Resource, active: boolean) {
    try {
      await integrationsApi.updateResource(r.id, { active });
      setMessage({ kind: 'success', text: tx(active ? 'resources.activated' : 'resources.deactivated', { name: r.name }) });
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }

  async function remove(r: Resource) {
    try {
      await integrationsApi.deleteResource(r.id);
      setMessage({ kind: 'success', text: tx('resources.deleted', { name: r.name }) });
      if (editing?.id === r.id) setEditing(null);
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError && e.code === 'conflict' ? tx('resources.inUse') : messageOf(e) });
    }
  }

  return (
    <section aria-labelledby="resources-heading">
      <h1 id="resources-heading">{tx('nav.resources')}</h1>
      <p className="hint">{tx('resources.lead')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!items ? (
        <Skeleton lines={3} />
      ) : items.length === 0 ? (
        <p className="empty">{tx('resources.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table stack-table">
            <caption className="visually-hidden">{tx('resources.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{tx('resources.colName')}</th>
                <th scope="col">{tx('resources.colKind')}</th>
                <th scope="col">{tx('resources.colQuantity')}</th>
                <th scope="col">{tx('resources.colStatus')}</th>
                <th scope="col">{tx('resources.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <td data-label={tx('resources.colKind')}>{r.kind}</td>
                  <td data-label={tx('resources.colQuantity')}>{String(r.quantity)}</td>
                  <td data-label={tx('resources.colStatus')}>{r.active ? tx('resources.active') : tx('resources.inactive')}</td>
                  <td>
                    <div className="button-row">
                      <button type="button" className="button button-small" onClick={() => setEditing(r)} aria-label={tx('common.edit', { name: r.name })}>
                        {tx('common.editShort')}
                      </button>
                      <button type="button" className="button button-small" onClick={() => setActive(r, !r.active)}>
                        {r.active ? tx('resources.deactivate') : tx('resources.activate')}
                        <span className="visually-hidden"> {r.name}</span>
                      </button>
                      <button type="button" className="button button-small button-danger" onClick={() => remove(r)}>
                        {tx('resources.delete')}
                        <span className="visually-hidden"> {r.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ResourceForm
        key={editing?.id ?? 'new'}
        resource={editing}
        onDone={async (saved, created) => {
          setEditing(null);
          if (saved) {
            setMessage({ kind: 'success', text: tx(created ? 'resources.created' : 'resources.saved', { name: saved.name }) });
            await load();
          }
        }}
      />
    </section>
  );
}

function ResourceForm({ resource, onDone }: { resource: Resource | null; onDone: (saved: Resource | null, created: boolean) => void }) {
  const [v, setV] = useState(() => (resource ? { name: resource.name, kind: resource.kind, quantity: String(resource.quantity), active: resource.active } : empty));
  const [errors, setErrors] = useState<Errors<Field>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (resource) form.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, [resource]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateResource(v);
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    const body = { name: v.name.trim(), kind: v.kind.trim(), quantity: Number(v.quantity), active: v.active };
    try {
      const saved = resource ? await integrationsApi.updateResource(resource.id, body) : await integrationsApi.createResource(body);
      if (!resource) setV(empty);
      onDone(saved, !resource);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') setErrors({ quantity: 'resources.quantityInUse' });
      else if (err instanceof ApiError && err.code === 'validation_failed' && err.errors) setFailure(Object.values(err.errors).flat().join(' '));
      else setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const bind = (k: Field) => ({
    name: k,
    value: v[k],
    onChange: (e: { target: { value: string } }) => (setV((x) => ({ ...x, [k]: e.target.value })), setErrors((x) => ({ ...x, [k]: undefined }))),
    error: errors[k] ? tx(errors[k]!) : undefined,
  });
  return (
    <form ref={form} className="card form form-grid" onSubmit={submit} noValidate aria-labelledby="resource-form-heading">
      <h2 id="resource-form-heading" className="span-all">
        {resource ? tx('resources.editTitle', { name: resource.name }) : tx('resources.add')}
      </h2>
      <InputField label={tx('resources.name')} required maxLength={200} {...bind('name')} />
      <InputField label={tx('resources.kind')} required maxLength={50} hint={tx('resources.kindHint')} list="resource-kinds" {...bind('kind')} />
      <datalist id="resource-kinds">
        <option value="room" />
        <option value="chair" />
        <option value="equipment" />
      </datalist>
      <InputField label={tx('resources.quantity')} required type="number" inputMode="numeric" min={1} max={100} hint={tx('resources.quantityHint')} {...bind('quantity')} />
      <label className="checkbox span-all">
        <input type="checkbox" checked={v.active} onChange={(e) => setV((x) => ({ ...x, active: e.target.checked }))} /> {tx('resources.active')}
      </label>
      {failure && (
        <div className="span-all">
          <Notice kind="error">{failure}</Notice>
        </div>
      )}
      <div className="button-row span-all">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? tx('common.saving') : resource ? tx('common.save') : tx('resources.submit')}
        </button>
        {resource && (
          <button type="button" className="button" onClick={() => onDone(null, false)}>
            {tx('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
