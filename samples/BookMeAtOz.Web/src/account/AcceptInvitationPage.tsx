import { useRef, useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import { acceptInvitation } from '../api/accounts';
import { navigate } from '../router';
import { InputField, Notice } from '../components/ui';
import { SiteHeader } from '../components/SiteHeader';
import { mapApiErrors, validateAcceptInvitation, type FieldErrors } from '../lib/validation';
import { setSession } from '../admin/session';
import { useLinkToken, useTenantName } from './useLinkToken';

type Field = 'name' | 'password' | 'confirm' | 'token' | 'form';

/** `/accept-invitation#token=…` from the invitation e-mail: a name and a password, then the admin console. */
export default function AcceptInvitationPage() {
  const token = useLinkToken();
  const business = useTenantName(t('invite.title'));
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!token) return;
    const found = validateAcceptInvitation({ name, password, confirm });
    setErrors(found);
    if (Object.keys(found).length) {
      (found.name ? nameRef : found.password ? passwordRef : confirmRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      const auth = await acceptInvitation({ token, name: name.trim(), password });
      setSession(auth);
      navigate('/admin', { replace: true });
    } catch (err) {
      setBusy(false);
      setErrors(
        err instanceof ApiError && err.code === 'validation_failed'
          ? mapApiErrors<Field>(err.errors, { name: 'name', password: 'password', token: 'token' })
          : { form: messageOf(err) },
      );
    }
  }

  return (
    <>
      <SiteHeader name={business ?? '\u00a0'} />
      <main className="page page-narrow" id="main">
        <h1>{t('invite.title')}</h1>
        {!token || errors.token ? (
          <Notice kind="error" title={t('invite.badLink')}>
            {t('invite.badLinkText')}
          </Notice>
        ) : (
          <form onSubmit={submit} noValidate className="form">
            <p className="lead">{business ? t('invite.leadFor', { business }) : t('invite.lead')}</p>
            <InputField
              label={t('invite.name')}
              name="name"
              autoComplete="name"
              required
              value={name}
              onChange={(e) => (setName(e.target.value), setErrors((x) => ({ ...x, name: undefined })))}
              error={errors.name}
              ref={nameRef}
            />
            <InputField
              label={t('signIn.password')}
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              hint={t('account.newHint')}
              value={password}
              onChange={(e) => (setPassword(e.target.value), setErrors((x) => ({ ...x, password: undefined })))}
              error={errors.password}
              ref={passwordRef}
            />
            <InputField
              label={t('invite.passwordAgain')}
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
              {busy ? t('invite.joining') : t('invite.join')}
            </button>
          </form>
        )}
      </main>
    </>
  );
}
