import { useRef, useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import { confirmPasswordReset } from '../api/accounts';
import { linkHandler, navigate } from '../router';
import { InputField, Notice } from '../components/ui';
import { SiteHeader } from '../components/SiteHeader';
import { mapApiErrors, validateNewPassword, type FieldErrors } from '../lib/validation';
import { leaveSignInNote, signOut } from '../admin/session';
import { useLinkToken, useTenantName } from './useLinkToken';

type Field = 'password' | 'confirm' | 'token' | 'form';

/** `/reset-password#token=…` from the reset e-mail: choose a new password, then sign in with it. */
export default function ResetPasswordPage() {
  const token = useLinkToken();
  const name = useTenantName(t('reset.newTitle'));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!token) return;
    const found = validateNewPassword({ password, confirm });
    setErrors(found);
    if (Object.keys(found).length) {
      (found.password ? passwordRef : confirmRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      await confirmPasswordReset({ token, newPassword: password });
      // Every session of the account has ended; a stored one in this browser may be it.
      signOut();
      leaveSignInNote(t('reset.changed'));
      navigate('/admin', { replace: true });
    } catch (err) {
      setBusy(false);
      setErrors(
        err instanceof ApiError && err.code === 'validation_failed'
          ? mapApiErrors<Field>(err.errors, { newPassword: 'password', token: 'token' })
          : { form: messageOf(err) },
      );
    }
  }

  return (
    <>
      <SiteHeader name={name ?? '\u00a0'} />
      <main className="page page-narrow" id="main">
        <h1>{t('reset.newTitle')}</h1>
        {!token || errors.token ? (
          <LinkProblem />
        ) : (
          <form onSubmit={submit} noValidate className="form">
            <p className="lead">{t('reset.newLead')}</p>
            <InputField
              label={t('account.new')}
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              hint={t('reset.newHint')}
              value={password}
              onChange={(e) => (setPassword(e.target.value), setErrors((x) => ({ ...x, password: undefined })))}
              error={errors.password}
              ref={passwordRef}
            />
            <InputField
              label={t('account.again')}
              name="confirm-password"
              type="password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => (setConfirm(e.target.value), setErrors((x) => ({ ...x, confirm: undefined })))}
              error={errors.confirm}
              ref={confirmRef}
            />
            {errors.form && <Notice kind="error">{errors.form}</Notice>}
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('account.saving') : t('reset.set')}
            </button>
          </form>
        )}
      </main>
    </>
  );
}

function LinkProblem() {
  return (
    <>
      <Notice kind="error" title={t('reset.badLink')}>
        {t('reset.badLinkText')}
      </Notice>
      <p>
        <a href="/admin" onClick={linkHandler('/admin')}>
          {t('reset.askNew')}
        </a>{' '}
        {t('reset.askNewHow', { forgot: t('signIn.forgot') })}
      </p>
    </>
  );
}
