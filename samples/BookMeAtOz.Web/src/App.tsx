import { lazy, Suspense, type ReactNode } from 'react';
import { t, useLocale } from './i18n';
import { currentTenant } from './api/tenant';
import { useLocation } from './router';
import { TenantProvider } from './TenantContext';
import { BookingPage } from './booking/BookingPage';
import { ManagePage } from './booking/ManagePage';
import { EmbedBridge } from './embed/EmbedPage';
import { Notice, Skeleton, Spinner } from './components/ui';

// The admin console, the sign-up page and the account pages are loaded only by those who open them.
const AdminApp = lazy(() => import('./admin/AdminApp'));
const SignUpPage = lazy(() => import('./apex/SignUpPage'));
// The pages of the account e-mails' links (docs/http-api.md, "Account links").
const ResetPasswordPage = lazy(() => import('./account/ResetPasswordPage'));
const AcceptInvitationPage = lazy(() => import('./account/AcceptInvitationPage'));

export function App() {
  // Every page re-renders in a newly chosen language.
  useLocale();
  const { path } = useLocation();
  const tenant = currentTenant();

  if (!tenant.slug) {
    return (
      <Suspense fallback={<PageLoading />}>
        <SignUpPage />
      </Suspense>
    );
  }
  if (path === '/admin' || path.startsWith('/admin/')) {
    return (
      <Suspense fallback={<PageLoading />}>
        <AdminApp />
      </Suspense>
    );
  }
  if (path === '/reset-password' || path === '/accept-invitation') {
    return <Suspense fallback={<PageLoading />}>{path === '/reset-password' ? <ResetPasswordPage /> : <AcceptInvitationPage />}</Suspense>;
  }
  const manage = /^\/manage\/([0-9a-f-]{36})\/?$/i.exec(path);
  return (
    <TenantProvider fallback={(state) => <TenantFallback state={state} />}>
      <EmbedBridge />
      {manage ? <ManagePage bookingId={manage[1]!} /> : path === '/' || path === '/embed' ? <BookingPage /> : <NotFound />}
    </TenantProvider>
  );
}

function PageLoading() {
  return (
    <main className="page" id="main">
      <Spinner />
    </main>
  );
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <div className="site-header-inner">
          <span className="brand skeleton-text" aria-hidden="true" />
        </div>
      </header>
      <main className="page" id="main">
        {children}
      </main>
    </>
  );
}

function TenantFallback({ state }: { state: { status: 'loading' } | { status: 'missing' } | { status: 'error'; message: string } }) {
  if (state.status === 'loading') {
    return (
      <Shell>
        <h1 className="visually-hidden">{t('common.loading')}</h1>
        <Spinner label={t('app.loadingBookingPage')} />
        <Skeleton lines={3} height="4.5rem" />
      </Shell>
    );
  }
  if (state.status === 'missing') {
    return (
      <Shell>
        <h1>{t('app.noBusiness')}</h1>
        <p>{t('app.checkLink')}</p>
      </Shell>
    );
  }
  return (
    <Shell>
      <h1>{t('app.loadFailed')}</h1>
      <Notice kind="error">{state.message}</Notice>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('common.tryAgain')}
      </button>
    </Shell>
  );
}

function NotFound() {
  return (
    <main className="page" id="main">
      <h1>{t('app.notFound')}</h1>
      <p>
        <a href="/">{t('app.goToBooking')}</a>
      </p>
    </main>
  );
}
