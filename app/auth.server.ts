// Who is asking, and may they? Every loader and action starts with requireUser or requireRole: the browser hides
// buttons for convenience, the server refuses for safety.
import { data, redirect, type AppLoadContext } from 'react-router';
import {
  authenticateStaff,
  countStaffAccounts,
  createStaffSession,
  deleteStaffSession,
  findStaffSession,
  purgeExpiredSessions,
  roleAtLeast,
  type StaffAccount,
  type StaffRole,
  type StaffSession,
} from '#db/auth.ts';
import { chooseUiLanguage } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';
import { readCookie, SESSION_COOKIE, serializeCookie } from './cookies.server.ts';
import { csrfTokenForPage, verifyCsrfOfRequest } from './csrf.server.ts';
import { sameOriginPath } from './same-origin.ts';

export { SESSION_COOKIE };

type ServicesContext = Pick<AppLoadContext, 'services'>;

export interface StaffAuth {
  account: StaffAccount;
  session: StaffSession;
}

/** What pages may know about the signed-in person (root loader data, the top bar). */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
}

/** Whether the account may do what `role` may: pages show or hide buttons with it (requireRole still refuses). */
export function hasRole(account: { role: StaffRole }, role: StaffRole): boolean {
  return roleAtLeast(account.role, role);
}

export function toSignedInUser(account: StaffAccount): SignedInUser {
  return { id: account.id, username: account.username, displayName: account.displayName, role: account.role };
}

/** The account whose user name and password these are, or null (wrong, or the account is disabled). */
export function checkStaffPassword(
  context: ServicesContext,
  username: string,
  password: string,
): Promise<StaffAccount | null> {
  return authenticateStaff(context.services.db, username, password);
}

/** The signed-in person and their session, or null. Never throws: for pages that signed-out visitors may see. */
export function getStaffAuth(request: Request, context: ServicesContext): StaffAuth | null {
  const sessionId = readCookie(request, SESSION_COOKIE);
  if (!sessionId) return null;
  return findStaffSession(context.services.db, sessionId);
}

/**
 * Only a local path may be a redirect target: "/flows/x?tab=1" yes, "//evil.example", "/\t/evil.example" or "https://..." no, so the
 * sign-in form cannot be used to send people elsewhere.
 */
export function safeRedirect(to: unknown, fallback = '/'): string {
  return sameOriginPath(to) ?? fallback;
}

/** Where a signed-out visitor goes: the sign-in form, remembering the page; /setup while no account exists. */
function signInRedirect(request: Request, context: ServicesContext): Response {
  if (countStaffAccounts(context.services.db) === 0) return redirect('/setup');
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  return redirect(here === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ redirectTo: here })}`);
}

/**
 * The signed-in person, or a thrown redirect to the sign-in form. For requests that may change something (any
 * method but GET/HEAD/OPTIONS) it also checks the CSRF token and the request's origin, so an action that starts
 * with requireUser/requireRole is protected without more code. Call it before reading the body.
 */
export async function requireUser(request: Request, context: ServicesContext): Promise<StaffAuth> {
  const auth = getStaffAuth(request, context);
  if (!auth) throw signInRedirect(request, context);
  await verifyCsrfOfRequest(request, auth.session);
  return auth;
}

/** requireUser, then a thrown 403 when the person's role is below `role` (admin > editor > viewer). */
export async function requireRole(request: Request, context: ServicesContext, role: StaffRole): Promise<StaffAuth> {
  const auth = await requireUser(request, context);
  if (!roleAtLeast(auth.account.role, role)) {
    // The error page shows this sentence: in the person's language, with role names as the staff page writes them.
    const t = translatorFor(chooseUiLanguage(auth.account.language, request.headers.get('accept-language')));
    const roleName = (name: StaffRole) => t(`common:roles.${name}`).toLowerCase();
    throw data(
      t('auth:errors.forbiddenRole', {
        role: roleName(role),
        username: auth.account.username,
        current: roleName(auth.account.role),
      }),
      { status: 403, statusText: 'Forbidden' },
    );
  }
  return auth;
}

/** Starts a session for someone who just proved who they are, and sends them on with its cookie. */
export function signInAndRedirect(
  request: Request,
  context: ServicesContext,
  account: StaffAccount,
  redirectTo: string,
): Response {
  // A fresh session id on every sign-in: a session id planted in the browser before sign-in is worth nothing.
  const previous = readCookie(request, SESSION_COOKIE);
  if (previous) deleteStaffSession(context.services.db, previous);
  // Sessions abandoned without signing out would otherwise stay forever; sign-ins are rare enough to sweep then.
  purgeExpiredSessions(context.services.db);
  const session = createStaffSession(context.services.db, account.id);
  // The cookie lives until the session's absolute end; the idle limit is enforced by the server on each request.
  const maxAge = (session.expiresAt - Date.now()) / 1000;
  return redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': serializeCookie(request, SESSION_COOKIE, session.id, { maxAge }) },
  });
}

export function signOutAndRedirect(request: Request, context: ServicesContext, to = '/sign-in'): Response {
  const sessionId = readCookie(request, SESSION_COOKIE);
  if (sessionId) deleteStaffSession(context.services.db, sessionId);
  return redirect(to, { headers: { 'Set-Cookie': serializeCookie(request, SESSION_COOKIE, '', { maxAge: 0 }) } });
}

/**
 * What the root loader gives every page: the signed-in person (or null) and the CSRF token its forms send back,
 * plus the cookie to set when a signed-out visitor gets their first token.
 */
export function rootAuthData(
  request: Request,
  context: ServicesContext,
): { user: SignedInUser | null; csrfToken: string; setCookie: string | null } {
  const auth = getStaffAuth(request, context);
  const { token, setCookie } = csrfTokenForPage(request, auth?.session ?? null);
  return { user: auth ? toSignedInUser(auth.account) : null, csrfToken: token, setCookie };
}
