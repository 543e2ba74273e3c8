import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import {
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  data,
  isRouteErrorResponse,
  useRouteLoaderData,
} from 'react-router';
import type { Route } from './+types/root';
import { rootAuthData, type SignedInUser } from './auth.server.ts';
import { UserMenu } from './components/user-menu.tsx';
import { THEME_COLOUR } from './web-app-manifest.ts';
import { requestLanguage } from './i18n/language.server.ts';
import { usePageLanguage } from './i18n/use-language.ts';
import { SoftphoneToggle } from './softphone/softphone-panel.tsx';
import { SoftphoneProvider } from './softphone/softphone-provider.tsx';
import { i18nFor } from '#i18n/translator.ts';
import { Callout, Heading, Theme } from '@radix-ui/themes';
// Radix Themes (docs/decisions/009-radix-themes.md): its components and colour/space tokens, then our own CSS,
// which builds on those tokens.
import '@radix-ui/themes/styles.css';
import './styles/app.css';
import './styles/softphone.css';

// The provider sits in the Layout, not in the entry files: the language comes with the root loader's data, so a
// person who changes it in their settings sees every page in the new language at the next navigation, on the
// server's render and in the browser alike (docs/decisions/017-i18next.md).
export function Layout({ children }: { children: ReactNode }) {
  const language = usePageLanguage();
  const user = (useRouteLoaderData('root') as { user?: SignedInUser | null } | undefined)?.user ?? null;
  const page = (
    <>
      <TopBar />
      <main className="page">{children}</main>
    </>
  );
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        {/* Installable on a phone (app/web-app-manifest.ts); the status bar takes the top bar's colour. */}
        <link rel="manifest" href="/manifest.webmanifest" />
        <meta name="theme-color" content={THEME_COLOUR} />
        <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18nFor(language)}>
          <Theme accentColor="indigo" grayColor="slate" radius="medium" scaling="100%" panelBackground="solid">
            {/* The browser's phone lives here, above the pages: navigating between them never drops a call. */}
            {user ? (
              <SoftphoneProvider key={user.username} username={user.username}>
                {page}
              </SoftphoneProvider>
            ) : (
              page
            )}
          </Theme>
        </I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function TopBar() {
  const { t } = useTranslation(['layout', 'common']);
  return (
    <header className="topbar">
      <span className="brand">{t('common:appName')}</span>
      <nav aria-label={t('nav.label')}>
        <NavLink to="/" end>
          {t('nav.flows')}
        </NavLink>
        <NavLink to="/calls">{t('nav.calls')}</NavLink>
        <NavLink to="/people">{t('nav.people')}</NavLink>
        <NavLink to="/calendars">{t('nav.calendars')}</NavLink>
        <NavLink to="/voicemail">{t('nav.voicemail')}</NavLink>
        <NavLink to="/conferences">{t('nav.conferences')}</NavLink>
        <NavLink to="/departments">{t('nav.departments')}</NavLink>
        <NavLink to="/queues">{t('nav.queues')}</NavLink>
      </nav>
      <SoftphoneToggle />
      <UserMenu />
    </header>
  );
}

// Who is signed in, the CSRF token for every form and the interface language; it never redirects (the sign-in page
// renders under it too): each route checks access itself.
export function loader({ request, context }: Route.LoaderArgs) {
  const { user, csrfToken, setCookie } = rootAuthData(request, context);
  const language = requestLanguage(request, context);
  return data(
    { user, csrfToken, language },
    {
      headers: {
        // The same address answers in French or English depending on the browser's languages.
        Vary: 'Accept-Language, Cookie',
        'Content-Language': language,
        ...(setCookie ? { 'Set-Cookie': setCookie } : {}),
      },
    },
  );
}

// The page's language travels with it (Content-Language), and caches learn that it depends on the browser's
// languages and on who is signed in (Vary).
export function headers({ loaderHeaders }: Route.HeadersArgs) {
  const headers = new Headers();
  for (const name of ['Vary', 'Content-Language']) {
    const value = loaderHeaders.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation(['layout', 'common']);
  const title = isRouteErrorResponse(error) ? t('errorPage.status', { status: error.status }) : t('errorPage.title');
  const detail = isRouteErrorResponse(error) ? String(error.data ?? '') : error instanceof Error ? error.message : '';
  return (
    <section className="panel">
      <Heading as="h1" size="6" mb="3">
        {title}
      </Heading>
      {detail ? (
        <Callout.Root color="red" role="alert">
          <Callout.Text>{detail}</Callout.Text>
        </Callout.Root>
      ) : null}
    </section>
  );
}
