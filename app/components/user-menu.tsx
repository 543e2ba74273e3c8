import { Form, NavLink, useRouteLoaderData } from 'react-router';
import type { SignedInUser } from '#app/auth.server.ts';
import { CsrfInput } from './csrf-input.tsx';

/** The right end of the top bar: administration links for admins, who is signed in, and the sign-out button. */
export function UserMenu() {
  const root = useRouteLoaderData('root') as { user?: SignedInUser | null } | undefined;
  const user = root?.user;
  if (!user) return null;
  return (
    <div className="user-menu">
      {user.role === 'admin' ? (
        <nav aria-label="Administration">
          <NavLink to="/admin/users">Staff</NavLink>
          <NavLink to="/admin/tokens">API tokens</NavLink>
        </nav>
      ) : null}
      <span title={`Signed in as ${user.username}`}>
        {user.displayName} <span className="role">{user.role}</span>
      </span>
      <Form method="post" action="/sign-out">
        <CsrfInput />
        <button type="submit" className="link-button">
          Sign out
        </button>
      </Form>
    </div>
  );
}
