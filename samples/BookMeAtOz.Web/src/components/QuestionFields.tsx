// The fields of a service's booking questions, one per question in the order asked (the booking page and the
// admin's booking by phone).
import type { Question } from '../api/types';
import { t } from '../i18n';
import { TYPE_LIMITS, emptyAnswer, type AnswerValue } from '../lib/questions';
import { InputField, SelectField, TextAreaField } from './ui';

export function QuestionFields({ questions, answers, errors, onChange }: {
  questions: Question[];
  answers: Record<string, AnswerValue>;
  errors: Record<string, string>;
  onChange: (id: string, value: AnswerValue) => void;
}) {
  return (
    <>
      {questions.map((q) => {
        const value = answers[q.id] ?? emptyAnswer(q);
        const name = `answer-${q.id}`;
        const error = errors[q.id];
        const max = q.maxLength ?? TYPE_LIMITS[q.type];
        switch (q.type) {
          case 'longText':
            return <TextAreaField key={q.id} name={name} label={q.label} required={q.required} rows={3} maxLength={max} value={value as string} onChange={(e) => onChange(q.id, e.target.value)} error={error} />;
          case 'choice':
            return (
              <SelectField key={q.id} name={name} label={q.label} required={q.required} value={value as string} onChange={(e) => onChange(q.id, e.target.value)} error={error}>
                <option value="">{t('common.choose')}</option>
                {(q.choices ?? []).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </SelectField>
            );
          case 'multiChoice':
            return (
              <fieldset key={q.id} className={`field fieldset-plain${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${name}-error` : undefined}>
                <legend>
                  {q.label}
                  {q.required ? <span aria-hidden="true" className="required"> *</span> : <span className="optional"> {t('common.optional')}</span>}
                </legend>
                {(q.choices ?? []).map((c) => (
                  <label key={c} className="checkbox">
                    <input
                      type="checkbox"
                      name={name}
                      checked={(value as string[]).includes(c)}
                      onChange={(e) => onChange(q.id, e.target.checked ? [...(value as string[]), c] : (value as string[]).filter((x) => x !== c))}
                    />{' '}
                    {c}
                  </label>
                ))}
                <div id={`${name}-error`} className="field-error" aria-live="polite">
                  {error}
                </div>
              </fieldset>
            );
          case 'checkbox':
            return (
              <div key={q.id} className={`field${error ? ' field-invalid' : ''}`}>
                <label className="checkbox">
                  <input type="checkbox" name={name} checked={value as boolean} aria-invalid={Boolean(error)} aria-describedby={error ? `${name}-error` : undefined} onChange={(e) => onChange(q.id, e.target.checked)} />{' '}
                  {q.label}
                  {q.required ? <span aria-hidden="true" className="required"> *</span> : <span className="optional"> {t('common.optional')}</span>}
                </label>
                <div id={`${name}-error`} className="field-error" aria-live="polite">
                  {error}
                </div>
              </div>
            );
          default:
            return (
              <InputField
                key={q.id}
                name={name}
                label={q.label}
                required={q.required}
                type={q.type === 'email' ? 'email' : q.type === 'phone' ? 'tel' : 'text'}
                inputMode={q.type === 'number' ? 'decimal' : q.type === 'email' ? 'email' : q.type === 'phone' ? 'tel' : undefined}
                maxLength={max}
                value={value as string}
                onChange={(e) => onChange(q.id, e.target.value)}
                error={error}
              />
            );
        }
      })}
    </>
  );
}
