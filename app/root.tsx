import type { ReactNode } from 'react';
import { Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, data, isRouteErrorResponse } from 'react-router';
import type { Route } from './+types/root';
import { rootAuthData } from './auth.server.ts';
import { UserMenu } from './components/user-menu.tsx';
import { Callout, Heading, Theme } from '@radix-ui/themes';
// Radix Themes (docs/decisions/009-radix-themes.md): its components and colour/space tokens, then our own CSS,
// which builds on those tokens.
import '@radix-ui/themes/styles.css';
import './styles/app.css';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        <Theme accentColor="indigo" grayColor="slate" radius="medium" scaling="100%" panelBackground="solid">
          <header className="topbar">
            <span className="brand">Switchboard</span>
            <nav>
              <NavLink to="/" end>
                Flows
              </NavLink>
              <NavLink to="/calls">Calls</NavLink>
              <NavLink to="/people">People</NavLink>
              <NavLink to="/calendars">Calendars</NavLink>
              <NavLink to="/voicemail">Voicemail</NavLink>
              <NavLink to="/conferences">Conferences</NavLink>
              <NavLink to="/departments">Departments</NavLink>
              <NavLink to="/queues">Queues</NavLink>
            </nav>
            <UserMenu />
          </header>
          <main className="page">{children}</main>
        </Theme>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

// Who is signed in and the CSRF token for every form; it never redirects (the sign-in page renders under it too):
// each route checks access itself.
export function loader({ request, context }: Route.LoaderArgs) {
  const { user, csrfToken, setCookie } = rootAuthData(request, context);
  return data({ user, csrfToken }, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined);
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const title = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : 'Something went wrong';
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
