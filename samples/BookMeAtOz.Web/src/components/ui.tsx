import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { t } from '../i18n';

/** A small spinner with a text alternative. */
export function Spinner({ label }: { label?: string }) {
  return (
    <span className="spinner" role="status">
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </span>
  );
}

/** Grey placeholder blocks in the shape of what is loading, so nothing jumps when it arrives. */
export function Skeleton({ lines = 3, height = '3.25rem' }: { lines?: number; height?: string }) {
  return (
    <div aria-hidden="true" className="skeleton-stack">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" style={{ height }} />
      ))}
    </div>
  );
}

/** A message box: 'error' and 'warning' are announced at once, 'info' and 'success' politely. */
export function Notice({ kind = 'info', children, title }: { kind?: 'info' | 'success' | 'warning' | 'error'; children: ReactNode; title?: string }) {
  const urgent = kind === 'error' || kind === 'warning';
  return (
    <div className={`notice notice-${kind}`} role={urgent ? 'alert' : 'status'}>
      {title && <strong className="notice-title">{title}</strong>}
      <div>{children}</div>
    </div>
  );
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined; required?: boolean }) => ReactNode;
}

/** A labelled form control with its hint and inline error, wired for screen readers. */
export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true" className="required"> *</span> : <span className="optional"> {t('common.optional')}</span>}
      </label>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy, ...(required ? { required: true } : {}) })}
      <div id={errorId} className="field-error" aria-live="polite">
        {error}
      </div>
    </div>
  );
}

type InputFieldProps = Omit<ComponentPropsWithRef<'input'>, 'id'> & { label: string; error?: string | undefined; hint?: ReactNode };

export function InputField({ label, error, hint, required, ...input }: InputFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(a11y) => <input {...input} {...a11y} />}
    </Field>
  );
}

type TextAreaFieldProps = Omit<ComponentPropsWithRef<'textarea'>, 'id'> & { label: string; error?: string | undefined; hint?: ReactNode };

export function TextAreaField({ label, error, hint, required, ...input }: TextAreaFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(a11y) => <textarea {...input} {...a11y} />}
    </Field>
  );
}

type SelectFieldProps = Omit<ComponentPropsWithRef<'select'>, 'id'> & { label: string; error?: string | undefined; hint?: ReactNode };

export function SelectField({ label, error, hint, required, children, ...input }: SelectFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(a11y) => (
        <select {...input} {...a11y}>
          {children}
        </select>
      )}
    </Field>
  );
}
