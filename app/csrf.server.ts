// Protection of the forms against cross-site submission, in two layers:
// 1. the browser's own word: a non-GET request whose Sec-Fetch-Site or Origin says it comes from another site is
//    refused before anything else;
// 2. a secret the attacker's page cannot read: signed-in people get a token per session (stored with the session),
//    signed-out visitors (sign-in, setup) a random token in a cookie; forms send it back in a hidden field
//    (<CsrfInput/>), scripts in the X-CSRF-Token header.
// The JSON API under /api takes bearer tokens and ignores cookies, so none of this applies to it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { data } from 'react-router';
import { CSRF_FIELD, CSRF_HEADER } from './components/csrf-input.tsx';
import { readCookie, serializeCookie } from './cookies.server.ts';
import { crossSiteReason, isMutation } from './same-origin.ts';
import { chooseUiLanguage } from '#i18n/languages.ts';
import { log } from '#runtime/log.ts';
import { translatorFor } from '#i18n/translator.ts';

export { CSRF_FIELD, CSRF_HEADER, crossSiteReason, isMutation };

/** Holds the signed-out visitor's token (double-submit: the page gets the same value to put in its forms). */
export const ANONYMOUS_CSRF_COOKIE = 'sb_csrf';

/**
 * The refusal shown on the error page, in the language of the browser (the session is not trusted yet here); the
 * technical reason goes to the server's log line for the 403, not to the page.
 */
function forbidden(request: Request, why: 'crossSite' | 'notOurForm', detail: string): never {
  log.info(`CSRF refusal of ${request.method} ${new URL(request.url).pathname}: ${detail}`);
  const t = translatorFor(chooseUiLanguage(null, request.headers.get('accept-language')));
  throw data(t(`layout:refusals.${why}`), { status: 403, statusText: 'Forbidden' });
}

function sameSecret(submitted: string, expected: string): boolean {
  const a = Buffer.from(submitted);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The session's token, or for a signed-out visitor the one in their cookie. */
function expectedToken(request: Request, session: { csrfToken: string } | null): string | null {
  return session ? session.csrfToken : readCookie(request, ANONYMOUS_CSRF_COOKIE);
}

/**
 * Throws a 403 unless this request comes from one of our own pages. `formData` is the parsed body (null for JSON
 * bodies, which must carry the X-CSRF-Token header); `session` is the signed-in session, or null on the sign-in and
 * setup forms. Safe methods pass without a token: they must not change anything anyway.
 */
export function verifyCsrf(
  request: Request,
  formData: FormData | null,
  session: { csrfToken: string } | null = null,
): void {
  const fromForm = formData?.get(CSRF_FIELD);
  checkCsrf(request, typeof fromForm === 'string' ? fromForm : request.headers.get(CSRF_HEADER), session);
}

/**
 * verifyCsrf for code that has not read the body (requireUser): finds the token in the X-CSRF-Token header, the
 * form field, or a top-level "csrf" property of a JSON body (fetcher.submit cannot set headers), reading a copy of
 * the body so the action can still read the original.
 */
export async function verifyCsrfOfRequest(request: Request, session: { csrfToken: string } | null): Promise<void> {
  if (!isMutation(request)) return;
  checkCsrf(request, request.headers.get(CSRF_HEADER) ?? (await tokenInBody(request)), session);
}

function checkCsrf(request: Request, submitted: string | null, session: { csrfToken: string } | null): void {
  if (!isMutation(request)) return;
  const reason = crossSiteReason(request.method, request.headers, request.url);
  if (reason) forbidden(request, 'crossSite', reason);
  const expected = expectedToken(request, session);
  if (!expected || !submitted || !sameSecret(submitted, expected)) {
    forbidden(request, 'notOurForm', "no token, or not the session's");
  }
}

async function tokenInBody(request: Request): Promise<string | null> {
  const type = request.headers.get('Content-Type') ?? '';
  try {
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const value = (await request.clone().formData()).get(CSRF_FIELD);
      return typeof value === 'string' ? value : null;
    }
    if (type.startsWith('application/json')) {
      const body: unknown = await request.clone().json();
      const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[CSRF_FIELD] : null;
      return typeof value === 'string' ? value : null;
    }
  } catch {
    // An unreadable body carries no token; the check below refuses it.
  }
  return null;
}

/**
 * The token the page should put in its forms, and the cookie to set when a signed-out visitor has none yet.
 * Called by the root loader, so every page has it.
 */
export function csrfTokenForPage(
  request: Request,
  session: { csrfToken: string } | null,
): { token: string; setCookie: string | null } {
  if (session) return { token: session.csrfToken, setCookie: null };
  const existing = readCookie(request, ANONYMOUS_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { token: existing, setCookie: null };
  const token = randomBytes(32).toString('base64url');
  return { token, setCookie: serializeCookie(request, ANONYMOUS_CSRF_COOKIE, token) };
}
