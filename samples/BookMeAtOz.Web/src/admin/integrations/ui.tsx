// Pieces the integration screens share: a read-only value with a copy button, and a secret shown once.
import { useEffect, useId, useRef, useState } from 'react';
import { Notice } from '../../components/ui';
import { tx } from './messages';

/** A read-only text with a Copy button (the text is selected when the clipboard refuses). */
export function CopyField({ label, value, autoFocus = false }: { label: string; value: string; autoFocus?: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      input.current?.select();
      setState('failed');
    }
  }
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.target.select()} className="mono" spellCheck={false} aria-describedby={`${id}-note`} />
        <button type="button" className="button" onClick={copy}>
          {state === 'copied' ? tx('common.copied') : tx('common.copy')}
          <span className="visually-hidden"> {label}</span>
        </button>
      </div>
      <div id={`${id}-note`} className="hint" aria-live="polite">
        {state === 'failed' ? tx('common.copyFailed') : ''}
      </div>
    </div>
  );
}

/** A secret the server shows only once: the value, a copy button, the warning, and a button to put it away. */
export function SecretOnce({ title, label, value, onDone }: { title: string; label: string; value: string; onDone: () => void }) {
  return (
    <div className="secret-once" data-testid="secret-once">
      <Notice kind="warning" title={title}>
        {tx('common.shownOnce')}
      </Notice>
      <CopyField label={label} value={value} autoFocus />
      <button type="button" className="button" onClick={onDone}>
        {tx('common.done')}
      </button>
    </div>
  );
}
