import { lazy, Suspense, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../api/http';
import { QUESTION_TYPES, type QuestionType, type Service, type ServiceLocation, type ServiceRequest } from '../api/types';
import { locale } from '../lib/prefs';
import { formatDuration, formatMoney } from '../lib/time';
import { mapApiErrors, parseMoneyToCents, validateInt, validateName, validatePhone, type FieldErrors } from '../lib/validation';
import { InputField, Notice, SelectField, TextAreaField } from '../components/ui';
import { adminApi } from './api';
import { useAdminData } from './AdminApp';
import { resourcesDraft, resourcesRequest, type ResourceDraft } from './integrations/logic';

// The resources a service needs: loaded with the form (the integration screens' chunk and messages).
const ServiceResources = lazy(() => import('./integrations/ServiceResources'));

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
  questions: QuestionDraft[];
  locationKind: '' | ServiceLocation['kind'];
  locationValue: string;
  resources: ResourceDraft;
}

/** A question being edited: `key` tells rows apart before the server gives a new one its id. */
interface QuestionDraft {
  key: string;
  id?: string;
  label: string;
  type: QuestionType;
  required: boolean;
  /** One choice a line. */
  choices: string;
  maxLength: string;
}

type DraftField = Exclude<keyof Draft, 'staffIds' | 'active' | 'questions' | 'locationKind' | 'resources'> | 'staffIds' | 'questions';

const TYPE_NAMES: Record<QuestionType, string> = {
  text: 'Short answer',
  longText: 'Long answer',
  choice: 'One of a list',
  multiChoice: 'Any of a list',
  checkbox: 'Tick box',
  phone: 'Phone number',
  number: 'Number',
  email: 'Email address',
};
const hasChoices = (t: QuestionType) => t === 'choice' || t === 'multiChoice';
const hasLength = (t: QuestionType) => t === 'text' || t === 'longText';
let keys = 0;
const newKey = () => `q${++keys}`;

const LOCATION_FIELD: Record<ServiceLocation['kind'], 'address' | 'phone' | 'url'> = { inPerson: 'address', phone: 'phone', video: 'url' };

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
  questions: (s?.questions ?? []).map((q) => ({
    key: newKey(),
    id: q.id,
    label: q.label,
    type: q.type,
    required: q.required,
    choices: (q.choices ?? []).join('\n'),
    maxLength: q.maxLength == null ? '' : String(q.maxLength),
  })),
  locationKind: s?.location?.kind ?? '',
  locationValue: s?.location ? (s.location[LOCATION_FIELD[s.location.kind]] ?? '') : '',
  resources: resourcesDraft(s?.resources),
});

const choiceLines = (text: string) => text.split('\n').map((c) => c.trim()).filter(Boolean);

/** The questions' problems, as one message naming the question (the API's rules: label, choices, length). */
export function validateQuestions(questions: QuestionDraft[]): string | undefined {
  for (const [i, q] of questions.entries()) {
    const which = `Question ${i + 1}`;
    if (!q.label.trim()) return `${which}: enter the question.`;
    if (q.label.trim().length > 200) return `${which}: at most 200 characters.`;
    if (hasChoices(q.type)) {
      const c = choiceLines(q.choices);
      if (c.length === 0) return `${which}: add at least one answer to choose from, one a line.`;
      if (new Set(c).size !== c.length) return `${which}: each answer only once.`;
      if (c.length > 50) return `${which}: at most 50 answers.`;
    }
    if (hasLength(q.type) && q.maxLength.trim() !== '') {
      const e = validateInt(q.maxLength, 1, q.type === 'text' ? 200 : 2000, false);
      if (e) return `${which}, longest answer: ${e}`;
    }
  }
  return questions.length > 50 ? 'At most 50 questions.' : undefined;
}

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
  set('questions', validateQuestions(d.questions));
  if (d.locationKind) {
    const v = d.locationValue.trim();
    set(
      'locationValue',
      !v
        ? 'Please fill this in, or choose “Not said”.'
        : d.locationKind === 'video' && !/^https:\/\/\S+$/.test(v)
          ? 'Enter a link starting with https://'
          : d.locationKind === 'phone'
            ? validatePhone(v)
            : v.length > 500
              ? 'At most 500 characters.'
              : undefined,
    );
  }
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
  questions: d.questions.map((q) => ({
    ...(q.id ? { id: q.id } : {}),
    label: q.label.trim(),
    type: q.type,
    required: q.required,
    choices: hasChoices(q.type) ? choiceLines(q.choices) : null,
    maxLength: hasLength(q.type) && q.maxLength.trim() !== '' ? Number(q.maxLength) : null,
  })),
  // Only the kind's own field: the others are dropped by the server, and an explicit null is refused in a PATCH.
  location: d.locationKind ? { kind: d.locationKind, [LOCATION_FIELD[d.locationKind]]: d.locationValue.trim() } : null,
  resources: resourcesRequest(d.resources),
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
  'location.address': 'locationValue',
  'location.phone': 'locationValue',
  'location.url': 'locationValue',
  location: 'locationValue',
};

/** The API's errors on fields, with every `questions[i].…` one under the questions. */
const apiErrors = (errors: Record<string, string[]> | undefined) =>
  mapApiErrors(
    Object.fromEntries(
      Object.entries(errors ?? {}).map(([k, v]) => {
        const m = /^questions\[(\d+)\]/.exec(k);
        return m ? ['questions', v.map((x) => `Question ${Number(m[1]) + 1}: ${x}`)] : [k, v];
      }),
    ),
    { ...API_FIELDS, questions: 'questions' },
  );

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
  const bind = (k: Exclude<DraftField, 'staffIds' | 'questions'>) => ({
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
      setErrors(err instanceof ApiError && err.code === 'validation_failed' ? apiErrors(err.errors) : { form: messageOf(err) });
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
      <fieldset className="span-all">
        <legend>Where</legend>
        <div className="field-row">
          <SelectField
            label="Kind"
            value={draft.locationKind}
            onChange={(e) => setDraft((d) => ({ ...d, locationKind: e.target.value as Draft['locationKind'] }))}
            hint="Shown on the booking page, in the e-mails and in the calendar file."
          >
            <option value="">Not said</option>
            <option value="inPerson">In person (an address)</option>
            <option value="phone">By phone</option>
            <option value="video">Video call (a link)</option>
          </SelectField>
          {draft.locationKind === 'inPerson' && <TextAreaField label="Address" required rows={2} {...bind('locationValue')} />}
          {draft.locationKind === 'phone' && <InputField label="Phone number" required type="tel" {...bind('locationValue')} />}
          {draft.locationKind === 'video' && <InputField label="Video link" required type="url" placeholder="https://" {...bind('locationValue')} />}
        </div>
      </fieldset>
      <Suspense fallback={null}>
        <ServiceResources value={draft.resources} onChange={(resources) => setDraft((d) => ({ ...d, resources }))} />
      </Suspense>
      <QuestionsEditor
        questions={draft.questions}
        error={errors.questions}
        onChange={(questions) => {
          setDraft((d) => ({ ...d, questions }));
          if (errors.questions) setErrors((x) => ({ ...x, questions: undefined }));
        }}
      />
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

/** The form builder for a service's booking questions: add, edit, reorder and remove. */
function QuestionsEditor({ questions, error, onChange }: { questions: QuestionDraft[]; error: string | undefined; onChange: (q: QuestionDraft[]) => void }) {
  const update = (i: number, change: Partial<QuestionDraft>) => onChange(questions.map((q, j) => (j === i ? { ...q, ...change } : q)));
  const move = (i: number, by: number) => {
    const next = [...questions];
    const [q] = next.splice(i, 1);
    next.splice(i + by, 0, q!);
    onChange(next);
  };
  return (
    <fieldset className="span-all questions-editor">
      <legend>Questions for customers</legend>
      <p className="hint">Asked on the booking page after their name and email, in this order; the answers show on the booking and in the e-mails.</p>
      {questions.length === 0 && <p className="empty">No questions: customers give their name, email, phone and notes only.</p>}
      <ol className="question-list">
        {questions.map((q, i) => (
          <li key={q.key} className="question-row">
            <div className="field-row">
              <InputField label={`Question ${i + 1}`} required value={q.label} maxLength={200} onChange={(e) => update(i, { label: e.target.value })} />
              <SelectField label={`Answer type ${i + 1}`} value={q.type} onChange={(e) => update(i, { type: e.target.value as QuestionType })}>
                {QUESTION_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_NAMES[t]}
                  </option>
                ))}
              </SelectField>
            </div>
            {hasChoices(q.type) && (
              <TextAreaField label={`Answers to choose from ${i + 1}`} required rows={3} hint="One a line." value={q.choices} onChange={(e) => update(i, { choices: e.target.value })} />
            )}
            {hasLength(q.type) && (
              <InputField
                label={`Longest answer ${i + 1} (characters)`}
                type="number"
                inputMode="numeric"
                min={1}
                max={q.type === 'text' ? 200 : 2000}
                hint={`Empty = ${q.type === 'text' ? 200 : 2000}`}
                value={q.maxLength}
                onChange={(e) => update(i, { maxLength: e.target.value })}
              />
            )}
            <div className="button-row">
              <label className="checkbox">
                <input type="checkbox" checked={q.required} onChange={(e) => update(i, { required: e.target.checked })} /> Required
                <span className="visually-hidden"> (question {i + 1})</span>
              </label>
              <button type="button" className="button button-small" disabled={i === 0} onClick={() => move(i, -1)}>
                Move up<span className="visually-hidden"> question {i + 1}</span>
              </button>
              <button type="button" className="button button-small" disabled={i === questions.length - 1} onClick={() => move(i, 1)}>
                Move down<span className="visually-hidden"> question {i + 1}</span>
              </button>
              <button type="button" className="button button-small" onClick={() => onChange(questions.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> question {i + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      {error && <div className="field-error">{error}</div>}
      <button
        type="button"
        className="button"
        disabled={questions.length >= 50}
        onClick={() => onChange([...questions, { key: newKey(), label: '', type: 'text', required: false, choices: '', maxLength: '' }])}
      >
        Add question
      </button>
    </fieldset>
  );
}
