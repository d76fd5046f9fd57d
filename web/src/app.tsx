import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useEffect, useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, onUnauthorized, setCsrfToken } from './api/client';
import { SESSION_KEY } from './api/session';
import { I18nProvider, useI18n } from './i18n/i18n';
import { forgetSession } from './offline/offline-store';
import { ROUTES } from './routes';
import { AppLayout } from './shell/app-layout';
import { useReducedMotion } from './shell/reduced-motion';
import { RoutePage } from './shell/route-page';

/** Every route of the table inside the shell's layout. */
const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: ROUTES.map((route) => ({ path: route.path, element: <RoutePage route={route} /> })),
  },
]);

/**
 * The theme: the component library's look with darker blues and greys, so text and buttons keep a contrast of at
 * least 4.5:1 (docs/web.md, "Accessibility").
 */
const THEME = {
  token: {
    colorPrimary: '#0b57d0',
    colorLink: '#0b57d0',
    // Hovered links and buttons go darker, not lighter, so they keep their contrast under the pointer.
    colorLinkHover: '#0842a0',
    colorPrimaryHover: '#0842a0',
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Field errors and danger buttons in a red dark enough for 4.5:1 on white.
    colorError: '#c0141c',
    colorErrorHover: '#a8071a',
    borderRadius: 6,
  },
};
/** The theme for a reader who asked for less motion: the same, without the component library's animations. */
const STILL_THEME = { token: { ...THEME.token, motion: false } };

/**
 * Retries what may pass on a later try, never a refusal: a network failure a few times; a server still preparing its
 * workspace (503, a first start may take half a minute) for up to a minute.
 */
function retry(failures: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 503) return failures < 30;
  return error.status === 0 && failures < 3;
}

function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry, retryDelay: 2000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

function Localised() {
  const { lang } = useI18n();
  const still = useReducedMotion();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : viVN} theme={still ? STILL_THEME : THEME}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

/** The app: server state, language, the component library's locale and theme, the routes. */
export function App() {
  const [queryClient] = useState(newQueryClient);
  // Any 401 of a signed-in page: the session is gone (expired or revoked); the route guard sends the user to sign in.
  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        forgetSession();
        queryClient.setQueryData(SESSION_KEY, null);
      }),
    [queryClient],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
