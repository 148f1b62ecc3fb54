import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { t, tn, useLocale, type MessageKey } from '../i18n';
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
import { EmbedSettings } from './EmbedSettings';
import { UsersAdmin } from './UsersAdmin';
import { ClosuresAdmin } from './ClosuresAdmin';
import { AccountAdmin } from './AccountAdmin';
import { ApprovalsAdmin } from './ApprovalsAdmin';
import { CustomersAdmin } from './CustomersAdmin';
import { AuditAdmin } from './AuditAdmin';

// The integration screens load when opened (their messages with them).
const ResourcesAdmin = lazy(() => import('./integrations/ResourcesAdmin'));
const WebhooksAdmin = lazy(() => import('./integrations/WebhooksAdmin'));
const ApiKeysAdmin = lazy(() => import('./integrations/ApiKeysAdmin'));
const screen = (node: ReactNode) => <Suspense fallback={<Skeleton lines={3} />}>{node}</Suspense>;

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

const SECTIONS: { path: string; label: MessageKey; ownerOnly?: boolean }[] = [
  { path: '/admin', label: 'admin.section.bookings' },
  { path: '/admin/approvals', label: 'admin.section.approvals' },
  { path: '/admin/customers', label: 'admin.section.customers' },
  { path: '/admin/services', label: 'admin.section.services' },
  { path: '/admin/staff', label: 'admin.section.staff' },
  { path: '/admin/closures', label: 'admin.section.closures' },
  { path: '/admin/users', label: 'admin.section.users' },
  { path: '/admin/settings', label: 'admin.section.settings' },
  { path: '/admin/audit', label: 'admin.section.audit', ownerOnly: true },
  { path: '/admin/resources', label: 'admin.section.resources' },
  { path: '/admin/webhooks', label: 'admin.section.webhooks' },
  { path: '/admin/api-keys', label: 'admin.section.apiKeys', ownerOnly: true },
];

/** Every signed-in user's own account page (password). */
const ACCOUNT: { path: string; label: MessageKey } = { path: '/admin/account', label: 'admin.section.account' };

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
        <Spinner label={t('admin.signingYouIn')} />
      </main>
    );
  }
  if (!session) return <SignIn note={handoff === 'failed' ? t('admin.handoffFailed') : undefined} />;
  return <SignedIn />;
}

function SignedIn() {
  const session = useSession()!;
  const locale = useLocale();
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
  const isOwner = session.user.role === 'owner';
  const sections = isAdmin
    ? SECTIONS.filter((s) => isOwner || !s.ownerOnly)
    : [{ path: '/admin', label: 'admin.section.myBookings' as MessageKey }, ...(ownStaffId ? [{ path: `/admin/staff/${ownStaffId}`, label: 'admin.section.myHours' as MessageKey }] : [])];
  const section = [...sections, ACCOUNT]
    .reverse()
    .find((s) => path === s.path || path.startsWith(`${s.path}/`));
  const adminOnly = (!isOwner && (path === '/admin/audit' || path === '/admin/api-keys')) || (!isAdmin && path !== '/admin' && path !== '/admin/' && path !== ACCOUNT.path && !(staffMatch && staffMatch[1] === ownStaffId));

  // The approvals badge: how many bookings await a decision, fetched on each page change (and told by the queue).
  const [pendingCount, setPendingCount] = useState<number | null>(null);
  useEffect(() => {
    if (!isAdmin) return;
    let stale = false;
    adminApi.pendingBookings().then((list) => !stale && setPendingCount(list.length), () => undefined);
    return () => {
      stale = true;
    };
  }, [isAdmin, path]);

  useEffect(() => {
    if (data) document.title = `${section ? t(section.label) : t('admin.title')} · ${data.tenant.name}`;
  }, [data, section, locale]);

  return (
    <>
      <SiteHeader name={data ? `${data.tenant.name}` : t('admin.title')}>
        <div className="user-menu">
          <a className="user-name" href={ACCOUNT.path} onClick={linkHandler(ACCOUNT.path)} aria-current={section === ACCOUNT ? 'page' : undefined} aria-label={t('admin.accountOf', { label: t(ACCOUNT.label), name: session.user.name })}>
            {session.user.name}
          </a>
          <button type="button" className="link-button" onClick={signOut}>
            {t('admin.signOut')}
          </button>
        </div>
      </SiteHeader>
      <nav className="admin-nav" aria-label={t('admin.nav')}>
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <a href={s.path} onClick={linkHandler(s.path)} aria-current={section?.path === s.path ? 'page' : undefined}>
                {t(s.label)}
                {s.path === '/admin/approvals' && pendingCount ? (
                  <>
                    <span className="nav-count" aria-hidden="true">
                      {pendingCount}
                    </span>
                    <span className="visually-hidden"> {tn('approvals.waiting', pendingCount)}</span>
                  </>
                ) : null}
              </a>
            </li>
          ))}
          <li>
            <a href="/">{t('admin.bookingPage')}</a>
          </li>
        </ul>
      </nav>
      <main className="page page-wide" id="main">
        {error && <Notice kind="error">{error}</Notice>}
        {!data ? (
          <>
            <h1 className="visually-hidden">{t('common.loading')}</h1>
            <Skeleton lines={4} />
          </>
        ) : (
          <Context.Provider value={{ ...data, reload, setTenant: (tenant) => setData((d) => (d ? { ...d, tenant } : d)) }}>
            {adminOnly ? (
              <>
                <h1>{t('admin.ownersOnly')}</h1>
                <p>{t('admin.ownersOnlyText', { business: data.tenant.name })}</p>
                <button type="button" className="button" onClick={() => navigate('/admin')}>
                  {t('admin.goToMyBookings')}
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
            ) : path === '/admin/approvals' ? (
              <ApprovalsAdmin onCount={setPendingCount} />
            ) : path === '/admin/customers' ? (
              <CustomersAdmin />
            ) : path === '/admin/audit' ? (
              <AuditAdmin />
            ) : path === '/admin/resources' ? (
              screen(<ResourcesAdmin />)
            ) : path === '/admin/webhooks' ? (
              screen(<WebhooksAdmin />)
            ) : path === '/admin/api-keys' ? (
              screen(<ApiKeysAdmin />)
            ) : path === '/admin/users' ? (
              <UsersAdmin />
            ) : path === ACCOUNT.path ? (
              <AccountAdmin />
            ) : path === '/admin/settings' ? (
              <>
                <SettingsAdmin />
                <EmbedSettings />
              </>
            ) : path === '/admin' || path === '/admin/' ? (
              <BookingsWeek />
            ) : (
              <>
                <h1>{t('admin.notFound')}</h1>
                <button type="button" className="button" onClick={() => navigate('/admin')}>
                  {t('admin.goToBookings')}
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
      .then((tenant) => {
        setName(tenant.name);
        document.title = t('signIn.docTitle', { business: tenant.name });
      })
      .catch(() => setName(''));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t('signIn.missing'));
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setBusy(false);
      setError(err instanceof ApiError && err.status === 401 ? t('signIn.wrong') : messageOf(err));
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
        <h1>{t('signIn.title')}</h1>
        <p className="lead">{name ? t('signIn.leadFor', { business: name }) : t('signIn.lead')}</p>
        {note && <Notice kind="info">{note}</Notice>}
        <form onSubmit={submit} noValidate className="form">
          <InputField label={t('signIn.email')} name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} ref={emailRef} />
          <InputField label={t('signIn.password')} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          {error && <Notice kind="error">{error}</Notice>}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('signIn.signingIn') : t('signIn.title')}
          </button>
        </form>
        <p>
          <button type="button" className="link-button" onClick={() => setForgot(true)}>
            {t('signIn.forgot')}
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
      <h1>{t('reset.title')}</h1>
      {sentTo ? (
        <Notice kind="success" title={t('reset.checkEmail')}>
          {t('reset.sent', { email: sentTo })}
        </Notice>
      ) : (
        <form onSubmit={submit} noValidate className="form">
          <p className="lead">{t('reset.lead')}</p>
          <InputField label={t('signIn.email')} name="email" type="email" autoComplete="username" required value={email} onChange={(e) => (setEmail(e.target.value), setError(undefined))} error={error} ref={emailRef} />
          {failure && <Notice kind="error">{failure}</Notice>}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('reset.sending') : t('reset.send')}
          </button>
        </form>
      )}
      <p>
        <button type="button" className="link-button" onClick={onBack}>
          {t('reset.back')}
        </button>
      </p>
    </main>
  );
}
