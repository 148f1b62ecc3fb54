import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { currentLocale, PSEUDO, t, type MessageKey } from '../i18n';
import { createBooking, createHold, createSeries, releaseHold, type SeriesBooked } from '../api/public';
import { ApiError, messageOf } from '../api/http';
import type { Hold, Service, Slot, Staff } from '../api/types';
import { useTenantData } from '../TenantContext';
import { navigate, useLocation, withParams } from '../router';
import { locale, useDisplayTimeZone } from '../lib/prefs';
import { formatDateTime, formatDuration, formatMoney, localDateOf } from '../lib/time';
import {
  NOTES_MAX,
  customerPayload,
  mapApiErrors,
  validateCustomer,
  validateEmail,
  validateName,
  validateNotes,
  validatePhone,
  type CustomerField,
  type CustomerForm,
  type FieldErrors,
} from '../lib/validation';
import { newIdempotencyKey } from '../lib/ids';
import { formatCountdown, holdDeadline, secondsLeft } from '../lib/hold';
import { SiteHeader } from '../components/SiteHeader';
import { announceBooked } from '../embed/embedding';
import { WhenPicker } from '../components/WhenPicker';
import { InputField, Notice, TextAreaField } from '../components/ui';
import { QuestionFields } from '../components/QuestionFields';
import { locationText } from '../lib/location';
import { answerErrors, answersPayload, validateAnswer, validateAnswers, type AnswerValue } from '../lib/questions';
import { NO_REPEAT, seriesFields, skippedOf, validateRepeat, type RepeatDraft } from '../lib/series';
import { RepeatFields, SeriesDone, SkippedList } from './Series';

type Step = 'service' | 'staff' | 'when' | 'details';
const STEPS: { step: Step; label: MessageKey }[] = [
  { step: 'service', label: 'booking.step.service' },
  { step: 'staff', label: 'booking.step.staff' },
  { step: 'when', label: 'booking.step.when' },
  { step: 'details', label: 'booking.step.details' },
];

const API_FIELDS: Record<string, CustomerField> = {
  'customer.name': 'name',
  'customer.email': 'email',
  'customer.phone': 'phone',
  notes: 'notes',
};

/** The customer's booking flow: service → staff (or anyone) → day and time → details → confirmation. */
export function BookingPage() {
  const { tenant, services, staff } = useTenantData();
  const { search } = useLocation();
  const [zone, setZone] = useDisplayTimeZone();
  const [form, setForm] = useState<CustomerForm>({ name: '', email: '', phone: '', notes: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  const active = services.filter((s) => s.active);
  const service = active.find((s) => s.id === search.get('service'));
  const eligible = service ? staff.filter((m) => m.active && service.staffIds.includes(m.id)) : [];
  const staffParam = search.get('staff');
  const chosenStaff = staffParam === 'any' ? 'any' : eligible.find((m) => m.id === staffParam);
  const time = search.get('time');
  const date = search.get('date');
  const step: Step = !service ? 'service' : !chosenStaff ? 'staff' : !time ? 'when' : 'details';

  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // Moving to another step moves focus to its heading, so screen readers announce where they are.
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [step]);

  const onDate = useCallback((d: string, options?: { replace?: boolean }) => navigate(withParams({ date: d, time: null }), options), []);
  const onPick = useCallback(
    (slot: Slot) => {
      setNotice(null);
      navigate(withParams({ time: slot.start, date: localDateOf(new Date(slot.start), zone) }));
    },
    [zone],
  );

  const stepIndex = STEPS.findIndex((s) => s.step === step);
  return (
    <>
      <SiteHeader name={tenant.name} />
      <main className="page" id="main">
        <nav aria-label={t('booking.steps')}>
          <ol className="steps">
            {STEPS.map((s, i) => (
              <li key={s.step} className={i < stepIndex ? 'done' : i === stepIndex ? 'current' : ''} aria-current={i === stepIndex ? 'step' : undefined}>
                <span className="step-number" aria-hidden="true">
                  {i + 1}
                </span>{' '}
                {t(s.label)}
              </li>
            ))}
          </ol>
        </nav>

        {step === 'service' && (
          <section aria-labelledby="step-heading">
            <h1 id="step-heading" ref={heading} tabIndex={-1}>
              {t('booking.chooseService')}
            </h1>
            {active.length === 0 ? (
              <p className="empty">{t('booking.noServices', { business: tenant.name })}</p>
            ) : (
              <ul className="choice-list">
                {active.map((s) => (
                  <li key={s.id}>
                    <button type="button" className="choice" onClick={() => navigate(withParams({ service: s.id, staff: null, date: null, time: null }))}>
                      <span className="choice-title">{s.name}</span>
                      <span className="choice-meta">
                        {formatDuration(s.durationMinutes, locale)} · {formatMoney(s.priceCents, tenant.currency, locale)}
                        {s.capacity > 1 && ` · ${t('booking.groupOf', { count: s.capacity })}`}
                      </span>
                      {locationText(s.location) && <span className="choice-meta choice-location">{locationText(s.location)}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        {step === 'staff' && service && (
          <section aria-labelledby="step-heading">
            <BackLink to={withParams({ service: null, staff: null, date: null, time: null })}>{t('booking.changeService')}</BackLink>
            <h1 id="step-heading" ref={heading} tabIndex={-1}>
              {t('booking.whoWouldYouLike')}
            </h1>
            <p className="lead">{service.name}</p>
            <ul className="choice-list">
              <li>
                <button type="button" className="choice" onClick={() => navigate(withParams({ staff: 'any' }))}>
                  <span className="choice-title">{t('booking.anyone')}</span>
                  <span className="choice-meta">{t('booking.anyoneHint')}</span>
                </button>
              </li>
              {eligible.map((m) => (
                <li key={m.id}>
                  <button type="button" className="choice" onClick={() => navigate(withParams({ staff: m.id }))}>
                    <span className="choice-title">{m.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}

        {step === 'when' && service && chosenStaff && (
          <section aria-labelledby="step-heading">
            <BackLink to={withParams({ staff: null, date: null, time: null })}>{t('booking.changeStaff')}</BackLink>
            <h1 id="step-heading" ref={heading} tabIndex={-1}>
              {t('booking.chooseTime')}
            </h1>
            <p className="lead">
              {t('booking.serviceWith', { service: service.name, staff: chosenStaff === 'any' ? t('booking.anyoneLower') : chosenStaff.name })}
            </p>
            {notice && <Notice kind="warning">{notice}</Notice>}
            <WhenPicker
              serviceId={service.id}
              staffId={chosenStaff === 'any' ? undefined : chosenStaff.id}
              capacity={service.capacity}
              policy={tenant.policy}
              zone={zone}
              onZoneChange={setZone}
              date={date}
              onDate={onDate}
              selectedStart={null}
              onPick={onPick}
              refreshKey={refreshKey}
            />
          </section>
        )}

        {step === 'details' && service && chosenStaff && time && (
          <DetailsStep
            headingRef={heading}
            service={service}
            staff={chosenStaff}
            start={time}
            zone={zone}
            currency={tenant.currency}
            holdMinutes={tenant.policy.holdMinutes}
            form={form}
            onForm={setForm}
            onTaken={(message) => {
              setNotice(message);
              setRefreshKey((k) => k + 1);
              navigate(withParams({ time: null }));
            }}
          />
        )}
      </main>
    </>
  );
}

function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <a
      className="back-link"
      href={to}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      <span aria-hidden="true">← </span>
      {children}
    </a>
  );
}

interface DetailsProps {
  headingRef: RefObject<HTMLHeadingElement | null>;
  service: Service;
  staff: Staff | 'any';
  start: string;
  zone: string;
  currency: string;
  holdMinutes: number | undefined;
  form: CustomerForm;
  onForm: (form: CustomerForm) => void;
  onTaken: (message: string) => void;
}

const FIELD_RULES: Record<CustomerField, (v: string) => string | undefined> = {
  name: validateName,
  email: validateEmail,
  phone: (v) => validatePhone(v.trim()),
  notes: validateNotes,
};

/** The checkout hold on the chosen time: being taken, kept until a deadline, lapsed, or none (booked without). */
type HoldState = { kind: 'taking' } | { kind: 'held'; hold: Hold; deadline: number } | { kind: 'lapsed' } | { kind: 'none' };

/**
 * Holds the chosen time while the details step is open (again after `attempt` changes), and releases it when the
 * guest goes back or leaves, unless it was booked.
 */
function useHold(service: Service, staff: Staff | 'any', start: string, holdMinutes: number | undefined, onTaken: (message: string) => void) {
  const [state, setState] = useState<HoldState>({ kind: 'taking' });
  const [attempt, setAttempt] = useState(0);
  const booked = useRef(false);
  const staffId = staff === 'any' ? undefined : staff.id;
  useEffect(() => {
    let live = true;
    let taken: string | null = null;
    setState({ kind: 'taking' });
    createHold({ serviceId: service.id, start, ...(staffId ? { staffId } : {}) })
      .then((hold) => {
        taken = hold.id;
        if (!live) {
          releaseHold(hold.id).catch(() => undefined);
          return;
        }
        setState({ kind: 'held', hold, deadline: holdDeadline(hold.expiresAt, Date.now(), holdMinutes) });
      })
      .catch((err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.code === 'slot_unavailable') onTaken(t('booking.taken'));
        else if (err instanceof ApiError && err.code === 'booking_limit_reached') onTaken(messageOf(err));
        // Anything else (a rate limit, a network hiccup): the guest can still book the time without a hold.
        else setState({ kind: 'none' });
      });
    return () => {
      live = false;
      if (taken && !booked.current) releaseHold(taken).catch(() => undefined);
    };
  }, [service.id, staffId, start, attempt]); // eslint-disable-line react-hooks/exhaustive-deps
  return {
    state,
    lapse: () => setState({ kind: 'lapsed' }),
    again: () => setAttempt((a) => a + 1),
    markBooked: () => {
      booked.current = true;
    },
  };
}

/** The hold's countdown; tells its owner once when it reaches zero. */
function HoldTimer({ deadline, onLapse }: { deadline: number; onLapse: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  const left = secondsLeft(deadline, now);
  useEffect(() => {
    if (left === 0) {
      onLapse();
      return;
    }
    const timer = setTimeout(() => setNow(Date.now()), Math.min(1000, Math.max(50, deadline - Date.now() - (left - 1) * 1000)));
    return () => clearTimeout(timer);
  }, [left, deadline]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <p className="hold-timer">
      {t('hold.keeping')}{' '}
      <span role="timer" aria-label={t('hold.timeLeft')} className="hold-time">
        {formatCountdown(left)}
      </span>
    </p>
  );
}

function DetailsStep({ headingRef, service, staff, start, zone, currency, holdMinutes, form, onForm, onTaken }: DetailsProps) {
  const hold = useHold(service, staff, start, holdMinutes, onTaken);
  const heldId = hold.state.kind === 'held' ? hold.state.hold.id : null;
  const [errors, setErrors] = useState<FieldErrors<CustomerField | 'form'>>({});
  const [touched, setTouched] = useState<Partial<Record<CustomerField, boolean>>>({});
  const [sending, setSending] = useState(false);
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [answerErrs, setAnswerErrs] = useState<Record<string, string>>({});
  const questions = service.questions ?? [];
  const [repeat, setRepeat] = useState<RepeatDraft>(NO_REPEAT);
  const [series, setSeries] = useState<SeriesBooked | null>(null);
  const [seriesSkipped, setSeriesSkipped] = useState<{ start: string; code: string }[]>([]);
  const idempotencyKey = useRef(newIdempotencyKey());
  const formRef = useRef<HTMLFormElement>(null);
  // Another hold is another body: it needs a new key.
  useEffect(() => {
    idempotencyKey.current = newIdempotencyKey();
  }, [heldId]);

  const set = (field: CustomerField) => (e: { target: { value: string } }) => {
    const next = { ...form, [field]: e.target.value };
    onForm(next);
    // A new body needs a new key: the same key with another body is refused (422).
    idempotencyKey.current = newIdempotencyKey();
    if (touched[field] || errors[field]) setErrors((prev) => ({ ...prev, [field]: FIELD_RULES[field](e.target.value) }));
  };
  const blur = (field: CustomerField) => () => {
    setTouched((t) => ({ ...t, [field]: true }));
    setErrors((prev) => ({ ...prev, [field]: FIELD_RULES[field](form[field]) }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateCustomer(form);
    setErrors(found);
    setTouched({ name: true, email: true, phone: true, notes: true });
    const foundAnswers = validateAnswers(questions, answers);
    setAnswerErrs(foundAnswers);
    const repeatError = validateRepeat(repeat);
    const first =
      (['name', 'email', 'phone'] as const).find((f) => found[f]) ?? questions.find((q) => foundAnswers[q.id]) ?? (found.notes ? 'notes' : repeatError ? 'repeatCount' : undefined);
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[name="${typeof first === 'string' ? first : `answer-${first.id}`}"]`)?.focus();
      return;
    }
    if (hold.state.kind === 'taking') return;
    setSending(true);
    const repeating = seriesFields(repeat);
    if (repeating) {
      // The series books its first occurrence itself: the guest's own hold on that time must go first.
      setSeriesSkipped([]);
      try {
        if (hold.state.kind === 'held') await releaseHold(hold.state.hold.id).catch(() => undefined);
        const result = await createSeries(
          {
            serviceId: service.id,
            start,
            ...(staff === 'any' ? {} : { staffId: staff.id }),
            ...customerPayload(form),
            ...(questions.length > 0 ? { answers: answersPayload(questions, answers) } : {}),
            ...repeating,
          },
          idempotencyKey.current,
        );
        hold.markBooked();
        setSeries(result);
      } catch (err) {
        setSending(false);
        idempotencyKey.current = newIdempotencyKey();
        if (err instanceof ApiError && err.code === 'slot_unavailable' && skippedOf(err.body).length > 0) {
          setSeriesSkipped(skippedOf(err.body));
          setErrors({ form: t(repeating.mode === 'allOrNothing' ? 'repeat.nothingBooked' : 'repeat.noneFree') });
        } else if (err instanceof ApiError && err.code === 'validation_failed') {
          setErrors({ form: Object.values(err.errors ?? {}).flat().join(' ') || messageOf(err) });
        } else setErrors({ form: messageOf(err) });
        if (hold.state.kind === 'held') hold.again();
      }
      return;
    }
    try {
      const booking = await createBooking(
        {
          serviceId: service.id,
          start,
          ...(staff === 'any' ? {} : { staffId: staff.id }),
          ...(hold.state.kind === 'held' ? { holdId: hold.state.hold.id } : {}),
          ...customerPayload(form),
          ...(questions.length > 0 ? { answers: answersPayload(questions, answers) } : {}),
          ...(currentLocale() === PSEUDO ? {} : { locale: currentLocale() }),
        },
        idempotencyKey.current,
      );
      hold.markBooked();
      announceBooked(booking);
      navigate(`/manage/${booking.id}?new=1#token=${encodeURIComponent(booking.manageToken ?? '')}`);
    } catch (err) {
      setSending(false);
      if (err instanceof ApiError && err.code === 'hold_expired') {
        hold.lapse();
        return;
      }
      if (err instanceof ApiError && err.code === 'slot_unavailable') {
        onTaken(t('booking.taken'));
        return;
      }
      if (err instanceof ApiError && err.code === 'validation_failed') {
        const mapped = mapApiErrors(Object.fromEntries(Object.entries(err.errors ?? {}).filter(([k]) => !k.startsWith('answers.'))), API_FIELDS);
        setErrors(mapped);
        setAnswerErrs(answerErrors(err.errors));
        const field = (['name', 'email', 'phone', 'notes'] as const).find((f) => mapped[f]);
        if (field) formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
        return;
      }
      setErrors({ form: messageOf(err) });
    }
  }

  const when = formatDateTime(new Date(start), zone, locale);
  if (series) return <SeriesDone result={series} zone={zone} />;
  return (
    <section aria-labelledby="step-heading">
      <a
        className="back-link"
        href={withParams({ time: null })}
        onClick={(e) => {
          e.preventDefault();
          navigate(withParams({ time: null }));
        }}
      >
        <span aria-hidden="true">← </span>
        {t('booking.changeTime')}
      </a>
      <h1 id="step-heading" ref={headingRef} tabIndex={-1}>
        {t('booking.yourDetails')}
      </h1>
      <dl className="summary" aria-label={t('booking.yourBooking')}>
        <div>
          <dt>{t('booking.summary.service')}</dt>
          <dd>
            {service.name} · {formatDuration(service.durationMinutes, locale)} · {formatMoney(service.priceCents, currency, locale)}
          </dd>
        </div>
        <div>
          <dt>{t('booking.summary.with')}</dt>
          <dd>{staff === 'any' ? t('booking.anyone') : staff.name}</dd>
        </div>
        <div>
          <dt>{t('booking.summary.when')}</dt>
          <dd data-testid="chosen-time">{when}</dd>
        </div>
        {locationText(service.location) && (
          <div>
            <dt>{t('booking.summary.where')}</dt>
            <dd className="pre-line">{locationText(service.location)}</dd>
          </div>
        )}
      </dl>
      {hold.state.kind === 'held' && <HoldTimer key={hold.state.hold.id} deadline={hold.state.deadline} onLapse={hold.lapse} />}
      {hold.state.kind === 'taking' && <p className="hold-timer">{t('hold.taking')}</p>}
      {hold.state.kind === 'lapsed' && (
        <Notice kind="warning" title={t('hold.lapsedTitle')}>
          {t('hold.lapsed')}{' '}
          <button type="button" className="link-button" onClick={hold.again}>
            {t('hold.again')}
          </button>
        </Notice>
      )}
      <form ref={formRef} onSubmit={submit} noValidate className="form" aria-describedby={errors.form ? 'form-error' : undefined}>
        <InputField label={t('booking.field.name')} name="name" autoComplete="name" required value={form.name} onChange={set('name')} onBlur={blur('name')} error={errors.name} />
        <InputField
          label={t('booking.field.email')}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          value={form.email}
          onChange={set('email')}
          onBlur={blur('email')}
          error={errors.email}
          hint={t('booking.field.emailHint')}
        />
        <InputField label={t('booking.field.phone')} name="phone" type="tel" autoComplete="tel" inputMode="tel" value={form.phone} onChange={set('phone')} onBlur={blur('phone')} error={errors.phone} />
        <QuestionFields
          questions={questions}
          answers={answers}
          errors={answerErrs}
          onChange={(id, value) => {
            setAnswers((a) => ({ ...a, [id]: value }));
            idempotencyKey.current = newIdempotencyKey();
            if (answerErrs[id]) setAnswerErrs((x) => ({ ...x, [id]: validateAnswer(questions.find((q) => q.id === id)!, value) ?? '' }));
          }}
        />
        <TextAreaField
          label={t('booking.field.notes')}
          name="notes"
          rows={3}
          value={form.notes}
          onChange={set('notes')}
          onBlur={blur('notes')}
          error={errors.notes}
          hint={t('booking.field.notesCount', { count: form.notes.length, max: NOTES_MAX })}
        />
        <RepeatFields
          value={repeat}
          error={touched.notes || errors.form ? (validateRepeat(repeat) ? t(validateRepeat(repeat)!) : undefined) : undefined}
          onChange={(r) => {
            setRepeat(r);
            idempotencyKey.current = newIdempotencyKey();
          }}
        />
        {errors.form && (
          <div id="form-error">
            <Notice kind="error">{errors.form}</Notice>
            {seriesSkipped.length > 0 && <SkippedList skipped={seriesSkipped} zone={zone} />}
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={sending || hold.state.kind === 'taking' || hold.state.kind === 'lapsed'} aria-disabled={sending}>
          {sending ? t('booking.booking') : repeat.frequency ? t('repeat.confirm') : t('booking.confirm')}
        </button>
      </form>
    </section>
  );
}
