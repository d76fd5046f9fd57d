import { Alert, Button, Spin } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { markSignedIn, useSession, wasSignedIn } from '../api/session';
import { useI18n } from '../i18n/i18n';
import type { AppRoute } from '../routes';
import { signInPath } from './next-path';

/** A page while it loads (its chunk or the session). */
export function Loading() {
  const { t } = useI18n();
  return (
    <div className="page-loading" role="status" aria-live="polite">
      <Spin />
      <span>{t.app.loading}</span>
    </div>
  );
}

/** Sends the reader to sign in, coming back here afterwards; says the session expired when this tab had one. */
function ToSignIn() {
  const location = useLocation();
  const navigate = useNavigate();
  // Read once: React may run the effect twice (StrictMode), and the first run forgets the mark.
  const [expired] = useState(wasSignedIn);
  useEffect(() => {
    markSignedIn(false);
    navigate(signInPath(`${location.pathname}${location.search}`, expired ? 'expired' : undefined), {
      replace: true,
    });
  }, [expired, location.pathname, location.search, navigate]);
  return <Loading />;
}

/**
 * Whether a route asks the server who is signed in: always where a session is needed; on a public page only when
 * this tab has held a session, so a visitor's public pages make no request that answers 401 (GET /session does).
 */
function asksForSession(route: AppRoute): boolean {
  return route.access !== 'public' || wasSignedIn();
}

/** One route of the table: its title, its access check, its page (loaded lazily). */
export function RoutePage({ route }: { route: AppRoute }) {
  const { t } = useI18n();
  const location = useLocation();
  const session = useSession(asksForSession(route));
  useEffect(() => {
    document.title = `${route.title(t)} — ${t.app.name}`;
  }, [route, t]);

  if (route.access !== 'public') {
    if (session.isPending) return <Loading />;
    if (session.isError) {
      return (
        <Alert
          type="error"
          showIcon
          title={t.errors.network}
          action={<Button onClick={() => void session.refetch()}>{t.app.retry}</Button>}
        />
      );
    }
    if (!session.data) return <ToSignIn />;
    if (route.access === 'signedIn' && session.data.mustChangePassword) {
      const next = encodeURIComponent(`${location.pathname}${location.search}`);
      return <Navigate to={`/change-password?next=${next}`} replace />;
    }
  }
  const Page = route.page;
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
