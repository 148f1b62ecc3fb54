import { createContext, useCallback, useContext, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../api/http';
import { getTenant } from '../api/public';
import type { Service, Staff, Tenant } from '../api/types';
import { linkHandler, navigate, useLocation } from '../router';
import { InputField, Notice, Skeleton, Spinner } from '../components/ui';
import { SiteHeader } from '../components/SiteHeader';
import { adminApi } from './api';
import { adoptRefreshToken, signIn, signOut, signInNoteLeft, useSession } from './session';
import { requestPasswordReset } from '../api/accounts';
import { validateEmail } from '../lib/validation';
import { BookingsWeek } from './BookingsWeek';
import { ServicesAdmin } from './ServicesAdmin';
import { StaffAdmin, StaffDetail } from './StaffAdmin';
import { SettingsAdmin } from './SettingsAdmin';
import { UsersAdmin } from './UsersAdmin';
import { ClosuresAdmin } from './ClosuresAdmin';
import { AccountAdmin } from './AccountAdmin';

export interface AdminData {
  tenant: Tenant;
  services: Service[];
  staff: Staff[];
  reload: () => Promise<void>;
  setTenant: (tenant: Tenant) => void;
}

const Context = createContext<AdminData | null>(null);

export function useAdminData(): AdminData {
  const data = useContext(Context);
  if (!data) throw new Error('useAdminData outside AdminApp');
  return data;
}

const SECTIONS = [
  { path: '/admin', label: 'Bookings' },
  { path: '/admin/services', label: 'Services' },
  { path: '/admin/staff', label: 'Staff' },
  { path: '/admin/closures', label: 'Closed dates' },
  { path: '/admin/users', label: 'Users' },
  { path: '/admin/settings', label: 'Settings' },
];

/** Every signed-in user's own account page (password). */
const ACCOUNT = { path: '/admin/account', label: 'Your account' };

/** The admin console: sign in, then bookings, services, staff, users and settings, and one's own account. */
export default function AdminApp() {
  const session = useSession();
  const [handoff, setHandoff] = useState<'idle' | 'working' | 'failed'>(() => (window.location.hash.includes('handoff=') ? 'working' : 'idle'));

  useEffect(() => {
    // Sign-up on the apex page passes its refresh token in the fragment (never sent to a server).
    const token = new URLSearchParams(window.location.hash.slice(1)).get('handoff');
    if (!token) return;
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    adoptRefreshToken(token)
      .then(() => setHandoff('idle'))
      .catch(() => setHandoff('failed'));
  }, []);

  if (handoff === 'working') {
    return (
      <main className="page" id="main">
        <Spinner label="Signing you in" />
      </main>
    );
  }
  if (!session) return <SignIn note={handoff === 'failed' ? 'Your business is ready. Please sign in with the email and password you chose.' : undefined} />;
  return <SignedIn />;
}

function SignedIn() {
  const session = useSession()!;
  const { path } = useLocation();
  const [data, setData] = useState<{ tenant: Tenant; services: Service[]; staff: Staff[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [tenant, services, staff] = await Promise.all([adminApi.tenant(), adminApi.services(), adminApi.staff()]);
      setData({ tenant, services, staff });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const staffMatch = /^\/admin\/staff\/([0-9a-f-]{36})$/i.exec(path);
  // Owners and admins manage the business; a staff account sees its own bookings and hours (what the API lets it).
  const isAdmin = session.user.role === 'owner' || session.user.role === 'admin';
  const ownStaffId = session.user.staffId;
  const sections = isAdmin
    ? SECTIONS
    : [{ path: '/admin', label: 'My bookings' }, ...(ownStaffId ? [{ path: `/admin/staff/${ownStaffId}`, label: 'My hours' }] : [])];
  const section = [...sections, ACCOUNT]
    .reverse()
    .find((s) => path === s.path || path.startsWith(`${s.path}/`));
  const adminOnly = !isAdmin && path !== '/admin' && path !== '/admin/' && path !== ACCOUNT.path && !(staffMatch && staffMatch[1] === ownStaffId);

  useEffect(() => {
    if (data) document.title = `${section?.label ?? 'Admin'} · ${data.tenant.name}`;
  }, [data, section]);

  return (
    <>
      <SiteHeader name={data ? `${data.tenant.name}` : 'Admin'}>
        <div className="user-menu">
          <a className="user-name" href={ACCOUNT.path} onClick={linkHandler(ACCOUNT.path)} aria-current={section === ACCOUNT ? 'page' : undefined} aria-label={`${ACCOUNT.label}: ${session.user.name}`}>
            {session.user.name}
          </a>
          <button type="button" className="link-button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </SiteHeader>
      <nav className="admin-nav" aria-label="Admin">
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <a href={s.path} onClick={linkHandler(s.path)} aria-current={section?.path === s.path ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
          <li>
            <a href="/">Booking page</a>
          </li>
        </ul>
      </nav>
      <main className="page page-wide" id="main">
        {error && <Notice kind="error">{error}</Notice>}
        {!data ? (
          <>
            <h1 className="visually-hidden">Loading</h1>
            <Skeleton lines={4} />
          </>
        ) : (
          <Context.Provider value={{ ...data, reload, setTenant: (tenant) => setData((d) => (d ? { ...d, tenant } : d)) }}>
            {adminOnly ? (
              <>
                <h1>For owners and admins</h1>
                <p>Your account sees its own bookings and hours. Ask an owner or admin of {data.tenant.name} for anything else.</p>
                <button type="button" className="button" onClick={() => navigate('/admin')}>
                  Go to my bookings
                </button>
              </>
            ) : staffMatch ? (
              <StaffDetail staffId={staffMatch[1]!} own={!isAdmin} />
            ) : path === '/admin/services' ? (
              <ServicesAdmin />
            ) : path === '/admin/staff' ? (
              <StaffAdmin />
            ) : path === '/admin/closures' ? (
              <ClosuresAdmin />
            ) : path === '/admin/users' ? (
              <UsersAdmin />
            ) : path === ACCOUNT.path ? (
              <AccountAdmin />
            ) : path === '/admin/settings' ? (
              <SettingsAdmin />
            ) : path === '/admin' || path === '/admin/' ? (
              <BookingsWeek />
            ) : (
              <>
                <h1>Not found</h1>
                <button type="button" className="button" onClick={() => navigate('/admin')}>
                  Go to bookings
                </button>
              </>
            )}
          </Context.Provider>
        )}
      </main>
    </>
  );
}

function SignIn({ note: given }: { note?: string | undefined }) {
  const [note] = useState(() => given ?? signInNoteLeft() ?? undefined);
  const [forgot, setForgot] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    getTenant()
      .then((t) => {
        setName(t.name);
        document.title = `Sign in · ${t.name}`;
      })
      .catch(() => setName(''));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError('Please enter your email and password.');
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setBusy(false);
      setError(err instanceof ApiError && err.status === 401 ? 'That email and password do not match an account here.' : messageOf(err));
    }
  }

  if (forgot) {
    return (
      <>
        <SiteHeader name={name ?? '\u00a0'} />
        <ForgotPassword initialEmail={email.trim()} onBack={() => setForgot(false)} />
      </>
    );
  }

  return (
    <>
      <SiteHeader name={name ?? '\u00a0'} />
      <main className="page page-narrow" id="main">
        <h1>Sign in</h1>
        <p className="lead">{name ? `Manage ${name}’s bookings, services and hours.` : 'Manage bookings, services and hours.'}</p>
        {note && <Notice kind="info">{note}</Notice>}
        <form onSubmit={submit} noValidate className="form">
          <InputField label="Email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} ref={emailRef} />
          <InputField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          {error && <Notice kind="error">{error}</Notice>}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p>
          <button type="button" className="link-button" onClick={() => setForgot(true)}>
            Forgot password?
          </button>
        </p>
      </main>
    </>
  );
}

/** Asks for a reset link. The answer is the same whether or not an account has the address, and so is this page's. */
function ForgotPassword({ initialEmail, onBack }: { initialEmail: string; onBack: () => void }) {
  const [email, setEmail] = useState(initialEmail);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => emailRef.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = validateEmail(email);
    setError(problem);
    setFailure(null);
    if (problem) {
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation_failed' && err.errors?.email) setError(err.errors.email.join(' '));
      else setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page page-narrow" id="main">
      <h1>Reset your password</h1>
      {sentTo ? (
        <Notice kind="success" title="Check your email">
          If an account here has the address {sentTo}, we have sent it a link to choose a new password. The link works for one hour.
        </Notice>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <p className="lead">Enter the email address you sign in with, and we will send you a link to choose a new password.</p>
          <InputField label="Email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => (setEmail(e.target.value), setError(undefined))} error={error} ref={emailRef} />
          {failure && <Notice kind="error">{failure}</Notice>}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <p>
        <button type="button" className="link-button" onClick={onBack}>
          Back to sign in
        </button>
      </p>
    </main>
  );
}
