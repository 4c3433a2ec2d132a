import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { LocaleProvider } from './locale.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { StaffLayout } from './StaffLayout.tsx';
import { Loading } from '../ui/Loading.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { staffRoutes } from './staff-routes.tsx';

// Pages other than the start page are loaded on demand, so a page opened directly (e.g. the
// screening workflow) loads the shell and itself only (docs/benchmarks.md). The start page stays
// in the shell: it is where sign-in lands, and loading it late would move focus under the user.
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx').then((module) => ({ default: module.LoginPage })));
const ChooseUnitPage = lazy(() => import('../features/auth/ChooseUnitPage.tsx').then((module) => ({ default: module.ChooseUnitPage })));

const PermissionsPage = lazy(() => import('../features/permissions/PermissionsPage.tsx'));
const EnrolmentPage = lazy(() => import('../features/account/EnrolmentPage.tsx'));
const PasswordSetupPage = lazy(() => import('../features/account/PasswordSetupPage.tsx'));

/** Pages behind sign-in: unknown sessions go to the login page and come back afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { session, signedOutReason } = useSession();
  const location = useLocation();
  if (session === undefined) return <Loading />;
  if (session === null) {
    // After a deliberate logout there is nothing to return to; otherwise come back here after sign-in.
    if (signedOutReason === 'logout') return <Navigate to="/logga-in" replace />;
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/logga-in?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  // A role that needs a second factor, and none yet: enrolling is the only way on (ADR 0005).
  if (session.stage !== 'full') return <Navigate to="/tvastegsverifiering" replace />;
  if (!session.actingUnitId && session.memberships.length > 1 && location.pathname !== '/valj-enhet') {
    return <Navigate to={`/valj-enhet?returnTo=${encodeURIComponent(location.pathname)}`} replace />;
  }
  return <>{children}</>;
}

const router = createBrowserRouter(
  [
    {
      element: <StaffLayout />,
      children: [
        {
          path: 'logga-in',
          element: (
            <Suspense fallback={<Loading />}>
              <LoginPage />
            </Suspense>
          ),
        },
        {
          path: 'tvastegsverifiering',
          element: (
            <Suspense fallback={<Loading />}>
              <EnrolmentPage />
            </Suspense>
          ),
        },
        {
          path: 'nytt-losenord',
          element: (
            <Suspense fallback={<Loading />}>
              <PasswordSetupPage />
            </Suspense>
          ),
        },
        {
          path: 'valj-enhet',
          element: (
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <ChooseUnitPage />
              </Suspense>
            </RequireSession>
          ),
        },
        {
          index: true,
          element: (
            <RequireSession>
              <HomePage />
            </RequireSession>
          ),
        },
        {
          path: 'behorigheter',
          element: (
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <PermissionsPage />
              </Suspense>
            </RequireSession>
          ),
        },
        ...staffRoutes.map((route) => ({
          path: route.path,
          element: (
            <RequireSession>
              <Suspense fallback={<Loading />}>{route.element}</Suspense>
            </RequireSession>
          ),
        })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/personal' },
);

export function App() {
  return (
    <LocaleProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </LocaleProvider>
  );
}
