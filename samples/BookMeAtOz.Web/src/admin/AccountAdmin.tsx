import { useRef, useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import { mapApiErrors, validateChangePassword, type FieldErrors } from '../lib/validation';
import { InputField, Notice } from '../components/ui';
import { changePassword, useSession } from './session';
import { ROLE_LABELS } from './UsersAdmin';

type Field = 'current' | 'password' | 'confirm' | 'form';

/** The signed-in user's own account: who they are, and changing their password. */
export function AccountAdmin() {
  const session = useSession()!;
  const user = session.user;
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const found = validateChangePassword({ current, password, confirm }, user.email);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      // The API answers a fresh token pair for this session (the old one stops working); changePassword stores it.
      await changePassword(current, password);
      setCurrent('');
      setPassword('');
      setConfirm('');
      setDone(true);
    } catch (err) {
      setErrors(
        err instanceof ApiError && err.code === 'validation_failed'
          ? mapApiErrors<Field>(err.errors, { currentPassword: 'current', newPassword: 'password' })
          : { form: messageOf(err) },
      );
      currentRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const clear = (field: Field) => {
    setErrors((x) => ({ ...x, [field]: undefined, form: undefined }));
    setDone(false);
  };

  return (
    <section aria-labelledby="account-heading">
      <h1 id="account-heading">{t('admin.section.account')}</h1>
      <dl className="summary">
        <div>
          <dt>{t('manage.name')}</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>{t('signIn.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('account.role')}</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
        </div>
      </dl>
      <form className="card form" onSubmit={submit} noValidate aria-labelledby="password-heading">
        <h2 id="password-heading">{t('account.changePassword')}</h2>
        <InputField label={t('account.current')} name="current-password" type="password" autoComplete="current-password" required value={current} onChange={(e) => (setCurrent(e.target.value), clear('current'))} error={errors.current} ref={currentRef} />
        <InputField label={t('account.new')} name="new-password" type="password" autoComplete="new-password" required hint={t('account.newHint')} value={password} onChange={(e) => (setPassword(e.target.value), clear('password'))} error={errors.password} />
        <InputField label={t('account.again')} name="confirm-password" type="password" autoComplete="new-password" required value={confirm} onChange={(e) => (setConfirm(e.target.value), clear('confirm'))} error={errors.confirm} />
        {errors.form && <Notice kind="error">{errors.form}</Notice>}
        {done && <Notice kind="success">{t('account.changed')}</Notice>}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('account.saving') : t('account.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
