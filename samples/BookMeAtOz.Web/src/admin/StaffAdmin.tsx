import { lazy, Suspense, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../api/http';
import { WEEKDAYS, type Interval, type Schedule, type Staff, type TimeOff, type Weekday } from '../api/types';
import { linkHandler } from '../router';
import { locale } from '../lib/prefs';
import { addDays, formatDateTime, formatLongDate, localToInstant, supportedTimeZones, toOffsetIso, todayIn, weekdayNames } from '../lib/time';
import { isEmail, mapApiErrors, validateInt, validateIntervals, validateName, validateNotes, type FieldErrors } from '../lib/validation';
import { InputField, Notice, SelectField, Skeleton } from '../components/ui';
import { adminApi } from './api';
import { useAdminData } from './AdminApp';

// The calendar subscription link and CalDAV connection load when a staff member's page opens.
const StaffCalendars = lazy(() => import('./integrations/StaffCalendars'));

/** Staff: list, add, edit, deactivate; each links to their hours and time off. */
export function StaffAdmin() {
  const { staff, reload } = useAdminData();
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function toggle(m: Staff) {
    try {
      await adminApi.updateStaff(m.id, { active: !m.active });
      await reload();
      setMessage({ kind: 'success', text: `${m.name} ${m.active ? 'no longer takes' : 'takes'} bookings.` });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }

  return (
    <section aria-labelledby="staff-heading">
      <div className="toolbar">
        <h1 id="staff-heading">Staff</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')} disabled={editing !== null}>
          Add staff member
        </button>
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {editing && (
        <StaffForm
          member={editing === 'new' ? undefined : editing}
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
              <th scope="col">Email</th>
              <th scope="col">Time zone</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>{m.email ?? '—'}</td>
                <td>{m.timeZone.replace(/_/g, ' ')}</td>
                <td>{m.active ? 'Takes bookings' : 'Inactive'}</td>
                <td className="row-actions">
                  <a className="button button-small" href={`/admin/staff/${m.id}`} onClick={linkHandler(`/admin/staff/${m.id}`)}>
                    Hours and time off<span className="visually-hidden"> for {m.name}</span>
                  </a>
                  <button type="button" className="button button-small" onClick={() => setEditing(m)} aria-label={`Edit ${m.name}`}>
                    Edit
                  </button>
                  <button type="button" className="button button-small" onClick={() => toggle(m)} aria-label={`${m.active ? 'Deactivate' : 'Activate'} ${m.name}`}>
                    {m.active ? 'Deactivate' : 'Activate'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {staff.length === 0 && (
        <p className="empty">
          No staff yet. Add the people who take bookings (yourself too, if you do) with <strong>Add staff member</strong>, then set their
          working hours: customers can only book times when someone works.
        </p>
      )}
    </section>
  );
}

type StaffField = 'name' | 'email' | 'timeZone' | 'maxBookingsPerDay' | 'form';

function StaffForm({ member, onDone }: { member: Staff | undefined; onDone: (saved: Staff | null) => void }) {
  const { tenant } = useAdminData();
  const [name, setName] = useState(member?.name ?? '');
  const [email, setEmail] = useState(member?.email ?? '');
  const [timeZone, setTimeZone] = useState(member?.timeZone ?? tenant.timeZone);
  const [perDay, setPerDay] = useState(member?.maxBookingsPerDay == null ? '' : String(member.maxBookingsPerDay));
  const [errors, setErrors] = useState<FieldErrors<StaffField>>({});
  const [busy, setBusy] = useState(false);
  const zones = useMemo(supportedTimeZones, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldErrors<StaffField> = {};
    const n = validateName(name);
    if (n) found.name = n;
    if (email.trim() && !isEmail(email.trim())) found.email = 'Must be a valid email address.';
    const limit = validateInt(perDay, 1, 1000, false);
    if (limit) found.maxBookingsPerDay = limit;
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const body = { name: name.trim(), email: email.trim() || null, timeZone, maxBookingsPerDay: perDay.trim() === '' ? null : Number(perDay) };
    try {
      onDone(member ? await adminApi.updateStaff(member.id, body) : await adminApi.createStaff(body));
    } catch (err) {
      setBusy(false);
      setErrors(
        err instanceof ApiError && err.code === 'validation_failed'
          ? mapApiErrors<StaffField>(err.errors, { name: 'name', email: 'email', timeZone: 'timeZone', maxBookingsPerDay: 'maxBookingsPerDay' })
          : { form: messageOf(err) },
      );
    }
  }

  return (
    <form className="card form form-grid" onSubmit={submit} noValidate aria-labelledby="staff-form-heading">
      <h2 id="staff-form-heading">{member ? `Edit ${member.name}` : 'New staff member'}</h2>
      <InputField label="Name" name="name" required value={name} onChange={(e) => (setName(e.target.value), setErrors((x) => ({ ...x, name: undefined })))} error={errors.name} />
      <InputField label="Email" name="email" type="email" value={email} onChange={(e) => (setEmail(e.target.value), setErrors((x) => ({ ...x, email: undefined })))} error={errors.email} />
      <SelectField label="Time zone" name="timeZone" required value={timeZone} onChange={(e) => setTimeZone(e.target.value)} error={errors.timeZone} hint="Their hours are in this zone.">
        {(zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </SelectField>
      <InputField
        label="Bookings per day"
        name="maxBookingsPerDay"
        type="number"
        inputMode="numeric"
        min={1}
        max={1000}
        hint="The most they take on one of their days; empty = no limit"
        value={perDay}
        onChange={(e) => (setPerDay(e.target.value), setErrors((x) => ({ ...x, maxBookingsPerDay: undefined })))}
        error={errors.maxBookingsPerDay}
      />
      {errors.form && (
        <div className="span-all">
          <Notice kind="error">{errors.form}</Notice>
        </div>
      )}
      <div className="button-row span-all">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save staff member'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// <input type="time"> cannot hold 24:00: midnight at the end of a day is shown as 00:00 and sent as 24:00.
const fromApi = (i: Interval): Interval => ({ start: i.start, end: i.end === '24:00' ? '00:00' : i.end });
const toApi = (i: Interval): Interval => ({ start: i.start, end: i.end === '00:00' ? '24:00' : i.end });

/** One staff member's weekly hours, date overrides and time off. */
/** A staff member's hours and time off; `own` when a staff account looks at its own (no way back to the staff list). */
export function StaffDetail({ staffId, own = false }: { staffId: string; own?: boolean }) {
  const { staff } = useAdminData();
  const member = staff.find((m) => m.id === staffId);
  if (!member) {
    return (
      <>
        <h1>Staff member not found</h1>
        <a href="/admin/staff" onClick={linkHandler('/admin/staff')}>
          Back to staff
        </a>
      </>
    );
  }
  return (
    <section aria-labelledby="staff-detail-heading">
      {!own && (
        <a className="back-link" href="/admin/staff" onClick={linkHandler('/admin/staff')}>
          <span aria-hidden="true">← </span>All staff
        </a>
      )}
      <h1 id="staff-detail-heading">{own ? 'My hours' : member.name}</h1>
      <p className="hint">Hours are in {member.timeZone.replace(/_/g, ' ')}.</p>
      <ScheduleEditor member={member} />
      <TimeOffEditor member={member} />
      <Suspense fallback={<Skeleton lines={2} />}>
        <StaffCalendars member={member} />
      </Suspense>
    </section>
  );
}

function ScheduleEditor({ member }: { member: Staff }) {
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const dayNames = weekdayNames(locale, 'long');

  useEffect(() => {
    adminApi
      .schedule(member.id)
      .then((s) =>
        setSchedule({
          weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, (s.weekly[d] ?? []).map(fromApi)])) as Record<Weekday, Interval[]>,
          overrides: s.overrides.map((o) => ({ date: o.date, intervals: o.intervals.map(fromApi) })),
        }),
      )
      .catch((e: unknown) => setMessage({ kind: 'error', text: messageOf(e) }));
  }, [member.id]);

  if (!schedule) return message ? <Notice kind="error">{message.text}</Notice> : <Skeleton lines={7} height="2.5rem" />;

  const setDay = (day: Weekday, intervals: Interval[]) => setSchedule({ ...schedule, weekly: { ...schedule.weekly, [day]: intervals } });
  const setOverride = (i: number, next: { date: string; intervals: Interval[] } | null) =>
    setSchedule({ ...schedule, overrides: next ? schedule.overrides.map((o, j) => (j === i ? next : o)) : schedule.overrides.filter((_, j) => j !== i) });

  const dayErrors = WEEKDAYS.map((d) => validateIntervals(schedule.weekly[d].map(toApi)));
  const overrideErrors = schedule.overrides.map((o) => validateIntervals(o.intervals.map(toApi)));
  const dates = schedule.overrides.map((o) => o.date);
  const duplicate = dates.find((d, i) => dates.indexOf(d) !== i);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!schedule || dayErrors.some(Boolean) || overrideErrors.some(Boolean) || duplicate) {
      setMessage({ kind: 'error', text: duplicate ? `There are two overrides for ${duplicate}.` : 'Please fix the hours marked below.' });
      return;
    }
    setBusy(true);
    try {
      await adminApi.setSchedule(member.id, {
        weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, schedule.weekly[d].map(toApi)])) as Record<Weekday, Interval[]>,
        overrides: schedule.overrides.map((o) => ({ date: o.date, intervals: o.intervals.map(toApi) })),
      });
      setMessage({ kind: 'success', text: `Saved ${member.name}’s hours.` });
    } catch (err) {
      const detail = err instanceof ApiError && err.errors ? Object.entries(err.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : messageOf(err);
      setMessage({ kind: 'error', text: detail });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={save} aria-labelledby="hours-heading" noValidate>
      <h2 id="hours-heading">Weekly hours</h2>
      <div className="week-hours">
        {WEEKDAYS.map((day, i) => (
          <fieldset key={day} className="day-hours">
            <legend>{dayNames[i]}</legend>
            <IntervalsEditor label={dayNames[i]!} intervals={schedule.weekly[day]} onChange={(next) => setDay(day, next)} error={dayErrors[i]} />
          </fieldset>
        ))}
      </div>
      <button
        type="button"
        className="link-button"
        onClick={() =>
          setSchedule({
            ...schedule,
            weekly: { ...schedule.weekly, tuesday: schedule.weekly.monday, wednesday: schedule.weekly.monday, thursday: schedule.weekly.monday, friday: schedule.weekly.monday },
          })
        }
      >
        Copy Monday’s hours to Tuesday–Friday
      </button>

      <h3>Date overrides</h3>
      <p className="hint">A date here replaces its weekly hours; with no hours it is a day off.</p>
      {schedule.overrides.length === 0 && <p className="empty">No overrides.</p>}
      <ul className="override-list">
        {schedule.overrides.map((o, i) => (
          <li key={i}>
            <fieldset className="day-hours">
              <legend>{o.date ? formatLongDate(o.date, locale) : 'New override'}</legend>
              <label className="inline-field">
                Date <input type="date" value={o.date} required onChange={(e) => setOverride(i, { ...o, date: e.target.value })} />
              </label>
              <IntervalsEditor label={o.date} intervals={o.intervals} onChange={(intervals) => setOverride(i, { ...o, intervals })} error={overrideErrors[i]} closedText="Day off" />
              <button type="button" className="link-button" onClick={() => setOverride(i, null)}>
                Remove override
              </button>
            </fieldset>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button"
        onClick={() => setSchedule({ ...schedule, overrides: [...schedule.overrides, { date: addDays(todayIn(member.timeZone), 1), intervals: [] }] })}
      >
        Add date override
      </button>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save hours'}
        </button>
      </div>
    </form>
  );
}

function IntervalsEditor({
  label,
  intervals,
  onChange,
  error,
  closedText = 'Closed',
}: {
  label: string;
  intervals: Interval[];
  onChange: (next: Interval[]) => void;
  error: string | undefined;
  closedText?: string;
}) {
  const set = (i: number, patch: Partial<Interval>) => onChange(intervals.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const last = intervals[intervals.length - 1];
  return (
    <div className={error ? 'field-invalid' : undefined}>
      {intervals.length === 0 && <p className="closed">{closedText}</p>}
      <ul className="intervals">
        {intervals.map((x, i) => (
          <li key={i}>
            <input type="time" step={300} aria-label={`${label} from (${i + 1})`} value={x.start} onChange={(e) => set(i, { start: e.target.value })} />
            <span aria-hidden="true">–</span>
            <input type="time" step={300} aria-label={`${label} until (${i + 1})`} value={x.end} onChange={(e) => set(i, { end: e.target.value })} />
            <button type="button" className="icon-button" aria-label={`Remove ${label} ${x.start}–${x.end}`} onClick={() => onChange(intervals.filter((_, j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="link-button"
        aria-label={`Add hours to ${label}`}
        onClick={() => onChange([...intervals, last ? { start: last.end === '00:00' ? '23:00' : last.end, end: '00:00' } : { start: '09:00', end: '17:00' }])}
      >
        + Add hours
      </button>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

function TimeOffEditor({ member }: { member: Staff }) {
  const zone = member.timeZone;
  const [items, setItems] = useState<TimeOff[] | null>(null);
  const tomorrow = addDays(todayIn(zone), 1);
  const [start, setStart] = useState(`${tomorrow}T09:00`);
  const [end, setEnd] = useState(`${tomorrow}T17:00`);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    adminApi
      .timeOff(member.id)
      .then((list) => setItems(list.sort((a, b) => a.start.localeCompare(b.start))))
      .catch((e: unknown) => setMessage({ kind: 'error', text: messageOf(e) }));
  useEffect(() => {
    void load();
  }, [member.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const toIso = (local: string) => {
    const [d, t] = local.split('T');
    return d && t ? toOffsetIso(localToInstant(d, t.slice(0, 5), zone), zone) : null;
  };

  async function add(e: FormEvent) {
    e.preventDefault();
    const s = toIso(start);
    const en = toIso(end);
    if (!s || !en) return setMessage({ kind: 'error', text: 'Please enter a start and an end.' });
    if (new Date(en) <= new Date(s)) return setMessage({ kind: 'error', text: 'The end must be after the start.' });
    const r = validateNotes(reason);
    if (r) return setMessage({ kind: 'error', text: `Reason: ${r}` });
    setBusy(true);
    try {
      await adminApi.addTimeOff(member.id, { start: s, end: en, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setReason('');
      setMessage({ kind: 'success', text: 'Time off added.' });
      await load();
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  }

  async function remove(t: TimeOff) {
    try {
      await adminApi.deleteTimeOff(member.id, t.id);
      await load();
      setMessage({ kind: 'success', text: 'Time off removed.' });
    } catch (err) {
      setMessage({ kind: 'error', text: messageOf(err) });
    }
  }

  return (
    <section className="card" aria-labelledby="timeoff-heading">
      <h2 id="timeoff-heading">Time off</h2>
      {!items ? (
        <Skeleton lines={1} height="2rem" />
      ) : items.length === 0 ? (
        <p className="empty">No time off booked.</p>
      ) : (
        <ul className="result-list">
          {items.map((t) => (
            <li key={t.id}>
              {formatDateTime(new Date(t.start), zone, locale)} – {formatDateTime(new Date(t.end), zone, locale)}
              {t.reason && ` · ${t.reason}`}{' '}
              <button type="button" className="link-button" onClick={() => remove(t)} aria-label={`Remove time off from ${formatDateTime(new Date(t.start), zone, locale)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form form-grid" onSubmit={add} noValidate>
        <InputField label={`From (${zone.replace(/_/g, ' ')} time)`} type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} />
        <InputField label={`Until (${zone.replace(/_/g, ' ')} time)`} type="datetime-local" required value={end} onChange={(e) => setEnd(e.target.value)} />
        <InputField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        {message && (
          <div className="span-all">
            <Notice kind={message.kind}>{message.text}</Notice>
          </div>
        )}
        <div className="button-row span-all">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Adding…' : 'Add time off'}
          </button>
        </div>
      </form>
    </section>
  );
}
