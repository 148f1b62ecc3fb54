import { useRef, useState, type FormEvent } from 'react';
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
  const business = useTenantName('Accept your invitation');
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
        <h1>Accept your invitation</h1>
        {!token || errors.token ? (
          <Notice kind="error" title="This invitation link does not work">
            It may be incomplete, already used, or more than 7 days old. Please ask whoever invited you for a new one.
          </Notice>
        ) : (
          <form onSubmit={submit} noValidate className="form">
            <p className="lead">{business ? `Choose your name and password to join ${business}.` : 'Choose your name and password to join.'}</p>
            <InputField
              label="Your name"
              name="name"
              autoComplete="name"
              required
              value={name}
              onChange={(e) => (setName(e.target.value), setErrors((x) => ({ ...x, name: undefined })))}
              error={errors.name}
              ref={nameRef}
            />
            <InputField
              label="Password"
              name="new-password"
              type="password"
              autoComplete="new-password"
              required
              hint="8 to 128 characters, not your email address."
              value={password}
              onChange={(e) => (setPassword(e.target.value), setErrors((x) => ({ ...x, password: undefined })))}
              error={errors.password}
              ref={passwordRef}
            />
            <InputField
              label="Password again"
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
              {busy ? 'Joining…' : 'Join'}
            </button>
          </form>
        )}
      </main>
    </>
  );
}
