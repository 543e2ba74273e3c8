import { useTranslation } from 'react-i18next';
import { Form, NavLink, useRouteLoaderData } from 'react-router';
import type { SignedInUser } from '#app/auth.server.ts';
import { CsrfInput } from './csrf-input.tsx';

/** The right end of the top bar: administration links for admins, who is signed in, settings and sign-out. */
export function UserMenu() {
  const { t } = useTranslation(['layout', 'common']);
  const root = useRouteLoaderData('root') as { user?: SignedInUser | null } | undefined;
  const user = root?.user;
  if (!user) return null;
  return (
    <div className="user-menu">
      {user.role === 'admin' ? (
        <nav aria-label={t('userMenu.administration')}>
          <NavLink to="/admin/users">{t('userMenu.staff')}</NavLink>
          <NavLink to="/admin/tokens">{t('userMenu.apiTokens')}</NavLink>
        </nav>
      ) : null}
      <NavLink
        to="/settings"
        className="user-name"
        title={t('userMenu.signedInAs', { username: user.username })}
        data-testid="signed-in-user"
        data-username={user.username}
      >
        {user.displayName} <span className="role">{t(`common:roles.${user.role}`)}</span>
      </NavLink>
      <Form method="post" action="/sign-out">
        <CsrfInput />
        <button type="submit" className="link-button">
          {t('userMenu.signOut')}
        </button>
      </Form>
    </div>
  );
}
