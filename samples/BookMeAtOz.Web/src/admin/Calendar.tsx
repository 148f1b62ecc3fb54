// The admin calendar's views: a time grid (columns are staff members for a day, or days for one staff member's
// week) where a booking is dragged, or moved with the arrow keys, to reschedule it and an empty time is clicked
// to book for a customer on the phone; and, on narrow screens, an agenda list of the same bookings.
import { useEffect, useRef, useState, useSyncExternalStore, type DragEvent, type FormEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { t } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import type { Booking, Service, Staff } from '../api/types';
import { statusLabelKey } from './lifecycle';
import { locale } from '../lib/prefs';
import { formatDuration, formatLongDate, formatShortDate, formatTime, localDateOf, localToInstant, toOffsetIso, type LocalDate } from '../lib/time';
import { newIdempotencyKey } from '../lib/ids';
import { customerPayload, mapApiErrors, validateCustomer, type CustomerField, type FieldErrors } from '../lib/validation';
import { InputField, Notice, SelectField, Spinner, TextAreaField } from '../components/ui';
import { QuestionFields } from '../components/QuestionFields';
import { answerErrors, answersPayload, validateAnswers, type AnswerValue } from '../lib/questions';
import { gridHours, minuteAt, minuteOfDay, moveBy, placeColumn, STEP_MINUTES, timeOfMinute } from './calendarLayout';
import { adminRequest } from './session';

/** Pixels per minute of the time grid. */
const PX = 1.1;

/** A time of day (minutes since midnight) as the locale writes it (9:00 am, 09:00…), like the bookings' times. */
const clockLabel = (minutes: number) =>
  new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, 0, minutes));

export interface Column {
  key: string;
  date: LocalDate;
  staffId: string;
  /** What the column header shows. */
  label: string;
  /** The column's name for assistive technology (day and staff member). */
  name: string;
  today: boolean;
}

/** True while the media query matches (the agenda list replaces the grid on narrow screens). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

interface Pending {
  id: string;
  column: number;
  minute: number;
}

interface GridProps {
  columns: Column[];
  bookings: Booking[] | null;
  zone: string;
  serviceName: (id: string) => string;
  staffName: (id: string) => string;
  /** The staff members' working intervals in view, so the grid covers them. */
  work: { start: string; end: string }[];
  onOpen: (b: Booking) => void;
  onEmpty: (column: Column, minute: number) => void;
  onMove: (b: Booking, column: Column, minute: number) => Promise<void>;
}

/** The time grid. */
export function TimeGrid({ columns, bookings, zone, serviceName, staffName, work, onOpen, onEmpty, onMove }: GridProps) {
  const items = bookings ?? [];
  const { first, last } = gridHours(items, zone, work);
  const [pending, setPending] = useState<Pending | null>(null);
  const grab = useRef(0);
  const hours = Array.from({ length: (last - first) / 60 }, (_, i) => first + i * 60);
  const inColumn = (c: Column) => items.filter((b) => b.staffId === c.staffId && localDateOf(new Date(b.start), zone) === c.date);
  const length = (b: Booking) => Math.round((Date.parse(b.end) - Date.parse(b.start)) / 60_000);
  const pendingBooking = pending && items.find((b) => b.id === pending.id);

  function offsetMinutes(e: { clientY: number; currentTarget: HTMLElement }, less = 0) {
    return (e.clientY - e.currentTarget.getBoundingClientRect().top - less) / PX;
  }

  function clickEmpty(e: MouseEvent<HTMLDivElement>, column: Column) {
    if (e.target !== e.currentTarget) return;
    onEmpty(column, minuteAt(offsetMinutes(e), first, last, 30));
  }

  function drop(e: DragEvent<HTMLDivElement>, column: Column) {
    e.preventDefault();
    const booking = items.find((b) => b.id === e.dataTransfer.getData('text/plain'));
    if (!booking) return;
    void onMove(booking, column, minuteAt(offsetMinutes(e, grab.current), first, last, length(booking)));
  }

  function keyDown(e: KeyboardEvent<HTMLButtonElement>, b: Booking, column: number) {
    if (b.status !== 'confirmed') return;
    const current = pending?.id === b.id ? pending : { id: b.id, column, minute: minuteOfDay(new Date(b.start), zone) };
    if (e.key === 'Escape' && pending) {
      e.preventDefault();
      e.stopPropagation();
      setPending(null);
      return;
    }
    if (e.key === 'Enter' && pending?.id === b.id) {
      e.preventDefault();
      setPending(null);
      void onMove(b, columns[pending.column]!, pending.minute);
      return;
    }
    const next = moveBy(current, e.key, columns.length, first, last);
    if (next) {
      e.preventDefault();
      setPending({ id: b.id, ...next });
    }
  }

  return (
    <div className="tgrid-wrap">
      <p className="visually-hidden" id="tgrid-help">
        {t('grid.help')}
      </p>
      <p className="visually-hidden" aria-live="assertive">
        {pending && pendingBooking
          ? t('grid.pending', { customer: pendingBooking.customer.name, column: columns[pending.column]!.name, time: clockLabel(pending.minute) })
          : ''}
      </p>
      <div className="tgrid" data-first={first} data-px={PX} style={{ gridTemplateColumns: `4.5rem repeat(${columns.length}, minmax(0, 1fr))` }} aria-busy={!bookings}>
        <div className="tgrid-corner" />
        {columns.map((c) => (
          <div key={c.key} className={`tgrid-head${c.today ? ' today' : ''}`}>
            {c.label}
          </div>
        ))}
        <div className="tgrid-hours" style={{ height: `${(last - first) * PX}px` }} aria-hidden="true">
          {hours.map((h) => (
            <span key={h} style={{ top: `${(h - first) * PX}px` }}>
              {clockLabel(h)}
            </span>
          ))}
        </div>
        {columns.map((c, ci) => (
          <div
            key={c.key}
            role="group"
            aria-label={c.name}
            className="tgrid-col"
            data-date={c.date}
            data-staff={c.staffId}
            style={{ height: `${(last - first) * PX}px`, backgroundSize: `100% ${60 * PX}px` }}
            onClick={(e) => clickEmpty(e, c)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => drop(e, c)}
          >
            {placeColumn(inColumn(c), zone, first, last).map(({ item: b, top, height, lane, lanes }) => (
              <button
                key={b.id}
                type="button"
                className={`tgrid-event${statusClass(b.status)}${pending?.id === b.id ? ' is-moving' : ''}`}
                data-booking={b.id}
                style={{ top: `${top * PX}px`, height: `${height * PX}px`, left: `${(lane * 100) / lanes}%`, width: `${100 / lanes}%` }}
                draggable={b.status === 'confirmed'}
                aria-describedby="tgrid-help"
                onDragStart={(e) => {
                  e.dataTransfer.setData('text/plain', b.id);
                  e.dataTransfer.effectAllowed = 'move';
                  grab.current = e.clientY - e.currentTarget.getBoundingClientRect().top;
                }}
                onKeyDown={(e) => keyDown(e, b, ci)}
                onBlur={() => setPending((p) => (p?.id === b.id ? null : p))}
                onClick={() => onOpen(b)}
              >
                <span className="tgrid-time">{formatTime(new Date(b.start), zone, locale)}</span> {b.customer.name}
                <span className="tgrid-sub">
                  {serviceName(b.serviceId)}
                  {statusMark(b.status)}
                </span>
              </button>
            ))}
            {pending && pendingBooking && pending.column === ci && (
              <div
                className="tgrid-ghost"
                aria-hidden="true"
                style={{ top: `${(pending.minute - first) * PX}px`, height: `${Math.max(STEP_MINUTES, length(pendingBooking)) * PX}px` }}
              >
                {clockLabel(pending.minute)} {pendingBooking.customer.name} · {staffName(c.staffId)}
              </div>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A booking block's look by status: struck through once its time is free, dashed while pending, hatched while held. */
export function statusClass(status: string): string {
  if (status === 'cancelled' || status === 'declined' || status === 'expired') return ' is-cancelled';
  if (status === 'pending') return ' is-pending';
  if (status === 'held') return ' is-held';
  if (status === 'no_show') return ' is-no-show';
  return '';
}

/** The words after a booking that is not simply confirmed (a screen reader hears them; colour is not enough). */
export function statusMark(status: string): string {
  if (status === 'confirmed') return '';
  if (status === 'cancelled') return t('bookings.cancelledMark');
  return t('bookings.statusMark', { status: t(statusLabelKey(status)) });
}

/** The agenda list for narrow screens: each day's bookings in order, every one a button that opens it. */
export function Agenda({ days, bookings, zone, serviceName, staffName, onOpen }: {
  days: LocalDate[];
  bookings: Booking[] | null;
  zone: string;
  serviceName: (id: string) => string;
  staffName: (id: string) => string;
  onOpen: (b: Booking) => void;
}) {
  if (!bookings) return <div className="skeleton" style={{ height: '6rem' }} aria-hidden="true" />;
  return (
    <div className="agenda">
      {days.map((d) => {
        const items = bookings.filter((b) => localDateOf(new Date(b.start), zone) === d).sort((a, b) => a.start.localeCompare(b.start));
        return (
          <section key={d} aria-label={formatLongDate(d, locale)}>
            <h3 className="agenda-day">{formatLongDate(d, locale)}</h3>
            {items.length === 0 ? (
              <p className="agenda-empty">{t('grid.none')}</p>
            ) : (
              <ul className="agenda-list">
                {items.map((b) => (
                  <li key={b.id}>
                    <button type="button" className={`agenda-item${statusClass(b.status)}`} onClick={() => onOpen(b)}>
                      <span className="tgrid-time">
                        {formatTime(new Date(b.start), zone, locale)}–{formatTime(new Date(b.end), zone, locale)}
                      </span>{' '}
                      {b.customer.name}
                      <span className="tgrid-sub">
                        {serviceName(b.serviceId)} · {staffName(b.staffId)}
                        {statusMark(b.status)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

export interface NewBookingStart {
  date: LocalDate;
  time: string;
  staffId: string;
}

const FIELD_PATHS: Record<string, CustomerField | 'start' | 'serviceId'> = {
  'customer.name': 'name',
  'customer.email': 'email',
  'customer.phone': 'phone',
  notes: 'notes',
  start: 'start',
  serviceId: 'serviceId',
};

/**
 * Booking for a customer on the phone: `POST /bookings` as the signed-in admin, so the same rules (hours,
 * closures, limits) and the same confirmation e-mail as an online booking.
 */
export function NewBookingDialog({ initial, services, staff, zone, onClose, onBooked }: {
  initial: NewBookingStart;
  services: Service[];
  staff: Staff[];
  zone: string;
  onClose: () => void;
  onBooked: (b: Booking) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [staffId, setStaffId] = useState(initial.staffId);
  const offered = services.filter((s) => s.active && s.staffIds.includes(staffId));
  const [serviceId, setServiceId] = useState(offered[0]?.id ?? '');
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [form, setForm] = useState({ name: '', email: '', phone: '', notes: '' });
  const [errors, setErrors] = useState<FieldErrors<CustomerField | 'start' | 'serviceId' | 'form'>>({});
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [answerErrs, setAnswerErrs] = useState<Record<string, string>>({});
  const questions = services.find((s) => s.id === serviceId)?.questions ?? [];
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(() => {
    if (!offered.some((s) => s.id === serviceId)) setServiceId(offered[0]?.id ?? '');
  }, [staffId]); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldErrors<CustomerField | 'start' | 'serviceId' | 'form'> = validateCustomer(form);
    if (!serviceId) found.form = t('newBooking.pickService');
    setErrors(found);
    const foundAnswers = validateAnswers(questions, answers);
    setAnswerErrs(foundAnswers);
    if (Object.keys(found).length > 0 || Object.keys(foundAnswers).length > 0) return;
    setBusy(true);
    try {
      const start = toOffsetIso(localToInstant(date, time, zone), zone);
      const booking = await adminRequest<Booking>('/bookings', {
        body: { serviceId, staffId, start, ...customerPayload(form), ...(questions.length > 0 ? { answers: answersPayload(questions, answers) } : {}) },
        headers: { 'Idempotency-Key': key.current },
      });
      onBooked(booking);
      dialog.current?.close();
    } catch (err) {
      key.current = newIdempotencyKey();
      if (err instanceof ApiError && err.errors) {
        setErrors(mapApiErrors(Object.fromEntries(Object.entries(err.errors).filter(([k]) => !k.startsWith('answers.'))), FIELD_PATHS));
        setAnswerErrs(answerErrors(err.errors));
      }
      else if (err instanceof ApiError && err.code === 'slot_unavailable')
        setErrors({ form: t('newBooking.cannot', { staff: staff.find((m) => m.id === staffId)?.name ?? t('newBooking.they'), time: clockLabel(Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))), date: formatShortDate(date, locale) }) });
      else setErrors({ form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  }

  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="new-booking-title" onClose={onClose}>
      <div className="dialog-header">
        <h2 id="new-booking-title">{t('bookings.new')}</h2>
        <button type="button" className="icon-button" aria-label={t('dialog.close')} onClick={() => dialog.current?.close()}>
          ×
        </button>
      </div>
      <form onSubmit={submit} noValidate>
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        <SelectField label={t('booking.summary.with')} required value={staffId} onChange={(e) => setStaffId(e.target.value)}>
          {staff.filter((m) => m.active).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('newBooking.service')} required value={serviceId} onChange={(e) => setServiceId(e.target.value)} error={errors.serviceId}>
          {offered.length === 0 && <option value="">{t('newBooking.noService')}</option>}
          {offered.map((s) => (
            <option key={s.id} value={s.id}>
              {t('newBooking.serviceOption', { service: s.name, duration: formatDuration(s.durationMinutes, locale) })}
            </option>
          ))}
        </SelectField>
        <div className="field-row">
          <InputField label={t('newBooking.date')} type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} required />
          <InputField label={t('newBooking.time')} type="time" step={STEP_MINUTES * 60} value={time} onChange={(e) => e.target.value && setTime(e.target.value)} error={errors.start} required />
        </div>
        <InputField label={t('newBooking.customerName')} value={form.name} onChange={set('name')} error={errors.name} autoComplete="off" required />
        <InputField label={t('newBooking.customerEmail')} type="email" value={form.email} onChange={set('email')} error={errors.email} autoComplete="off" required
          hint={t('newBooking.emailHint')} />
        <InputField label={t('booking.field.phone')} type="tel" value={form.phone} onChange={set('phone')} error={errors.phone} autoComplete="off" />
        <QuestionFields questions={questions} answers={answers} errors={answerErrs} onChange={(id, value) => setAnswers((a) => ({ ...a, [id]: value }))} />
        <TextAreaField label={t('booking.field.notes')} rows={2} value={form.notes} onChange={set('notes')} error={errors.notes} />
        <p className="hint">
          {t('bookings.timesIn', { zone: zone.replace(/_/g, ' ') })} {t('newBooking.rules')}
        </p>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? <Spinner label={t('newBooking.booking')} /> : t('newBooking.book')}
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t('newBooking.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The next step-aligned time of day from now, in 'HH:mm' (for the New booking button's default). */
export function nextStepTime(zone: string, now = new Date()): string {
  const m = Math.min(23 * 60 + 45, Math.ceil((minuteOfDay(now, zone) + 1) / STEP_MINUTES) * STEP_MINUTES);
  return timeOfMinute(m);
}
