import { lazy, Suspense, type ReactNode } from 'react';
import { currentTenant } from './api/tenant';
import { useLocation } from './router';
import { TenantProvider } from './TenantContext';
import { BookingPage } from './booking/BookingPage';
import { ManagePage } from './booking/ManagePage';
import { Notice, Skeleton, Spinner } from './components/ui';

// The admin console, the sign-up page and the account pages are loaded only by those who open them.
const AdminApp = lazy(() => import('./admin/AdminApp'));
const SignUpPage = lazy(() => import('./apex/SignUpPage'));
// The pages of the account e-mails' links (docs/http-api.md, "Account links").
const ResetPasswordPage = lazy(() => import('./account/ResetPasswordPage'));
const AcceptInvitationPage = lazy(() => import('./account/AcceptInvitationPage'));

export function App() {
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
      {manage ? <ManagePage bookingId={manage[1]!} /> : path === '/' ? <BookingPage /> : <NotFound />}
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
        <h1 className="visually-hidden">Loading</h1>
        <Spinner label="Loading the booking page" />
        <Skeleton lines={3} height="4.5rem" />
      </Shell>
    );
  }
  if (state.status === 'missing') {
    return (
      <Shell>
        <h1>There is no business at this address</h1>
        <p>Please check the link you were given.</p>
      </Shell>
    );
  }
  return (
    <Shell>
      <h1>We could not load this page</h1>
      <Notice kind="error">{state.message}</Notice>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Try again
      </button>
    </Shell>
  );
}

function NotFound() {
  return (
    <main className="page" id="main">
      <h1>Page not found</h1>
      <p>
        <a href="/">Go to the booking page</a>
      </p>
    </main>
  );
}
