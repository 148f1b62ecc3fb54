// The booking page's repeat choice (weekly, fortnightly or monthly, N times) and the series' outcome: the
// appointments booked, each with its own manage link, and the dates skipped with why.
import { useEffect, useRef } from 'react';
import { t, tn } from '../i18n';
import type { SeriesBooked } from '../api/public';
import { locale } from '../lib/prefs';
import { formatDateTime } from '../lib/time';
import { skipReasonKey, type RepeatDraft } from '../lib/series';
import { InputField, Notice, SelectField } from '../components/ui';

export function RepeatFields({ value, error, onChange }: { value: RepeatDraft; error: string | undefined; onChange: (r: RepeatDraft) => void }) {
  return (
    <fieldset className="repeat-fields">
      <legend>{t('repeat.legend')}</legend>
      <SelectField label={t('repeat.frequency')} name="repeat" value={value.frequency} onChange={(e) => onChange({ ...value, frequency: e.target.value as RepeatDraft['frequency'] })}>
        <option value="">{t('repeat.none')}</option>
        <option value="weekly">{t('repeat.weekly')}</option>
        <option value="fortnightly">{t('repeat.fortnightly')}</option>
        <option value="monthly">{t('repeat.monthly')}</option>
      </SelectField>
      {value.frequency && (
        <>
          <InputField
            label={t('repeat.count')}
            name="repeatCount"
            type="number"
            inputMode="numeric"
            min={2}
            max={52}
            required
            value={value.count}
            hint={t('repeat.countHint')}
            error={error}
            onChange={(e) => onChange({ ...value, count: e.target.value })}
          />
          <fieldset>
            <legend>{t('repeat.mode')}</legend>
            <label className="checkbox">
              <input type="radio" name="repeatMode" checked={value.mode === 'available'} onChange={() => onChange({ ...value, mode: 'available' })} /> {t('repeat.available')}
            </label>
            <label className="checkbox">
              <input type="radio" name="repeatMode" checked={value.mode === 'allOrNothing'} onChange={() => onChange({ ...value, mode: 'allOrNothing' })} /> {t('repeat.allOrNothing')}
            </label>
          </fieldset>
        </>
      )}
    </fieldset>
  );
}

/** The dates not booked, with why. */
export function SkippedList({ skipped, zone }: { skipped: { start: string; code: string }[]; zone: string }) {
  return (
    <ul className="skipped-list" data-testid="skipped">
      {skipped.map((s) => (
        <li key={s.start}>
          <span className="status-badge is-cancelled">{t('repeat.notBooked')}</span> {formatDateTime(new Date(s.start), zone, locale)}: {t(skipReasonKey(s.code))}
        </li>
      ))}
    </ul>
  );
}

export function SeriesDone({ result, zone }: { result: SeriesBooked; zone: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="series-done-heading">
      <h1 id="series-done-heading" ref={heading} tabIndex={-1}>
        {t('repeat.doneTitle')}
      </h1>
      <Notice kind="success">{tn('repeat.booked', result.bookings.length)}</Notice>
      <p className="hint">{t('repeat.manageHint')}</p>
      <ul className="series-list" data-testid="series-booked">
        {result.bookings.map((b) => {
          const href = `/manage/${b.id}#token=${encodeURIComponent(b.manageToken ?? '')}`;
          const when = formatDateTime(new Date(b.start), zone, locale);
          return (
            <li key={b.id}>
              <span>{when}</span>{' '}
              <a href={href} aria-label={t('repeat.manageOne', { when })}>
                {t('repeat.manage')}
              </a>
            </li>
          );
        })}
      </ul>
      {result.skipped.length > 0 && (
        <section className="notice notice-warning" aria-labelledby="series-skipped-heading">
          <h2 id="series-skipped-heading" className="notice-title">
            {tn('repeat.skipped', result.skipped.length)}
          </h2>
          <SkippedList skipped={result.skipped} zone={zone} />
        </section>
      )}
      <p>
        <a href="/" className="button">
          {t('manage.bookAnother')}
        </a>
      </p>
    </section>
  );
}
