import { useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../api/http';
import type { Service, ServiceRequest } from '../api/types';
import { locale } from '../lib/prefs';
import { formatDuration, formatMoney } from '../lib/time';
import { mapApiErrors, parseMoneyToCents, validateInt, validateName, type FieldErrors } from '../lib/validation';
import { InputField, Notice } from '../components/ui';
import { adminApi } from './api';
import { useAdminData } from './AdminApp';

interface Draft {
  name: string;
  durationMinutes: string;
  price: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  capacity: string;
  slotIntervalMinutes: string;
  staffIds: string[];
  active: boolean;
}

type DraftField = Exclude<keyof Draft, 'staffIds' | 'active'> | 'staffIds';

const toDraft = (s?: Service): Draft => ({
  name: s?.name ?? '',
  durationMinutes: String(s?.durationMinutes ?? 60),
  price: s ? (s.priceCents / 100).toFixed(2) : '0.00',
  bufferBeforeMinutes: String(s?.bufferBeforeMinutes ?? 0),
  bufferAfterMinutes: String(s?.bufferAfterMinutes ?? 0),
  capacity: String(s?.capacity ?? 1),
  slotIntervalMinutes: s?.slotIntervalMinutes == null ? '' : String(s.slotIntervalMinutes),
  staffIds: s?.staffIds ?? [],
  active: s?.active ?? true,
});

/** The service's rules, as the API checks them (SPEC §2). */
export function validateService(d: Draft): FieldErrors<DraftField> {
  const e: FieldErrors<DraftField> = {};
  const set = (k: DraftField, m: string | undefined) => m && (e[k] = m);
  set('name', validateName(d.name));
  set('durationMinutes', validateInt(d.durationMinutes, 5, 1440));
  set('price', parseMoneyToCents(d.price) === undefined ? 'Enter an amount such as 45 or 45.50.' : undefined);
  set('bufferBeforeMinutes', validateInt(d.bufferBeforeMinutes, 0, 240));
  set('bufferAfterMinutes', validateInt(d.bufferAfterMinutes, 0, 240));
  set('capacity', validateInt(d.capacity, 1, 500));
  set('slotIntervalMinutes', validateInt(d.slotIntervalMinutes, 5, 1440, false));
  return e;
}

const toRequest = (d: Draft): ServiceRequest => ({
  name: d.name.trim(),
  durationMinutes: Number(d.durationMinutes),
  priceCents: parseMoneyToCents(d.price) ?? 0,
  bufferBeforeMinutes: Number(d.bufferBeforeMinutes),
  bufferAfterMinutes: Number(d.bufferAfterMinutes),
  capacity: Number(d.capacity),
  slotIntervalMinutes: d.slotIntervalMinutes.trim() === '' ? null : Number(d.slotIntervalMinutes),
  staffIds: d.staffIds,
  active: d.active,
});

const API_FIELDS: Record<string, DraftField> = {
  name: 'name',
  durationMinutes: 'durationMinutes',
  priceCents: 'price',
  bufferBeforeMinutes: 'bufferBeforeMinutes',
  bufferAfterMinutes: 'bufferAfterMinutes',
  capacity: 'capacity',
  slotIntervalMinutes: 'slotIntervalMinutes',
  staffIds: 'staffIds',
};

/** Services: list, create, edit, deactivate and reactivate. */
export function ServicesAdmin() {
  const { tenant, services, reload } = useAdminData();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function toggle(s: Service) {
    try {
      await adminApi.updateService(s.id, { active: !s.active });
      await reload();
      setMessage({ kind: 'success', text: `${s.name} is ${s.active ? 'no longer offered' : 'offered again'}.` });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }

  return (
    <section aria-labelledby="services-heading">
      <div className="toolbar">
        <h1 id="services-heading">Services</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')} disabled={editing !== null}>
          Add service
        </button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {editing && (
        <ServiceForm
          service={editing === 'new' ? undefined : editing}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) {
              await reload();
              setMessage({ kind: 'success', text: `Saved ${saved.name}.` });
            }
          }}
        />
      )}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Length</th>
              <th scope="col">Price</th>
              <th scope="col">Seats</th>
              <th scope="col">Staff</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{formatDuration(s.durationMinutes, locale)}</td>
                <td>{formatMoney(s.priceCents, tenant.currency, locale)}</td>
                <td>{s.capacity}</td>
                <td>{s.staffIds.length}</td>
                <td>{s.active ? 'Offered' : 'Inactive'}</td>
                <td className="row-actions">
                  <button type="button" className="button button-small" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                    Edit
                  </button>
                  <button type="button" className="button button-small" onClick={() => toggle(s)} aria-label={`${s.active ? 'Deactivate' : 'Activate'} ${s.name}`}>
                    {s.active ? 'Deactivate' : 'Activate'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {services.length === 0 && (
        <p className="empty">
          No services yet. Add the first one with <strong>Add service</strong>: its name, length, price and who performs it. Customers pick a service
          when they book, so the booking page stays empty until there is one.
        </p>
      )}
    </section>
  );
}

function ServiceForm({ service, onDone }: { service: Service | undefined; onDone: (saved: Service | null) => void }) {
  const { tenant, staff } = useAdminData();
  const [draft, setDraft] = useState<Draft>(() => toDraft(service));
  const [errors, setErrors] = useState<FieldErrors<DraftField | 'form'>>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const bind = (k: Exclude<DraftField, 'staffIds'>) => ({
    name: k,
    value: draft[k],
    onChange: (e: { target: { value: string } }) => {
      setDraft((d) => ({ ...d, [k]: e.target.value }));
      if (errors[k]) setErrors((x) => ({ ...x, [k]: undefined }));
    },
    error: errors[k],
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateService(draft);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      onDone(service ? await adminApi.updateService(service.id, toRequest(draft)) : await adminApi.createService(toRequest(draft)));
    } catch (err) {
      setBusy(false);
      setErrors(err instanceof ApiError && err.code === 'validation_failed' ? mapApiErrors(err.errors, API_FIELDS) : { form: messageOf(err) });
    }
  }

  return (
    <form ref={form} className="card form form-grid" onSubmit={submit} noValidate aria-labelledby="service-form-heading">
      <h2 id="service-form-heading">{service ? `Edit ${service.name}` : 'New service'}</h2>
      <InputField label="Name" required {...bind('name')} />
      <InputField label="Length (minutes)" required type="number" inputMode="numeric" min={5} max={1440} step={5} {...bind('durationMinutes')} />
      <InputField label={`Price (${tenant.currency})`} required inputMode="decimal" {...bind('price')} />
      <InputField label="Seats per session" required type="number" inputMode="numeric" min={1} max={500} hint="1 = one customer at a time" {...bind('capacity')} />
      <InputField label="Break before (minutes)" required type="number" inputMode="numeric" min={0} max={240} {...bind('bufferBeforeMinutes')} />
      <InputField label="Break after (minutes)" required type="number" inputMode="numeric" min={0} max={240} {...bind('bufferAfterMinutes')} />
      <InputField label="Start times every (minutes)" type="number" inputMode="numeric" min={5} max={1440} hint="Empty = the booking policy’s, else the length" {...bind('slotIntervalMinutes')} />
      <fieldset className="span-all">
        <legend>Who performs it</legend>
        {staff.length === 0 && <p className="hint">Add staff first, on the Staff page.</p>}
        {staff.map((m) => (
          <label key={m.id} className="checkbox">
            <input
              type="checkbox"
              checked={draft.staffIds.includes(m.id)}
              onChange={(e) =>
                setDraft((d) => ({ ...d, staffIds: e.target.checked ? [...d.staffIds, m.id] : d.staffIds.filter((id) => id !== m.id) }))
              }
            />{' '}
            {m.name}
            {!m.active && ' (inactive)'}
          </label>
        ))}
        {errors.staffIds && <div className="field-error">{errors.staffIds}</div>}
      </fieldset>
      <label className="checkbox span-all">
        <input type="checkbox" checked={draft.active} onChange={(e) => setDraft((d) => ({ ...d, active: e.target.checked }))} /> Offered to customers
      </label>
      {errors.form && (
        <div className="span-all">
          <Notice kind="error">{errors.form}</Notice>
        </div>
      )}
      <div className="button-row span-all">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save service'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
