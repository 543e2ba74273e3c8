import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS_CSRF_COOKIE,
  crossSiteReason,
  csrfTokenForPage,
  verifyCsrf,
  verifyCsrfOfRequest,
} from './csrf.server.ts';

const SITE = 'http://switchboard.test';
const session = { csrfToken: 'k'.repeat(43) };

function post(headers: Record<string, string>, body?: BodyInit): Request {
  return new Request(`${SITE}/admin/users`, { method: 'POST', headers, body });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** The status of the data(..., { status }) that `run` throws, or 'passed'. */
async function outcome(run: () => unknown): Promise<number | 'passed'> {
  try {
    await run();
    return 'passed';
  } catch (error) {
    if (error && typeof error === 'object' && 'init' in error)
      return (error as { init: { status: number } }).init.status;
    throw error;
  }
}

describe('crossSiteReason', () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it('lets same-origin requests and header-less clients through', () => {
    expect(crossSiteReason('POST', headers({ 'Sec-Fetch-Site': 'same-origin', Origin: SITE }), `${SITE}/x`)).toBeNull();
    expect(crossSiteReason('POST', headers({}), `${SITE}/x`)).toBeNull();
    // Behind a TLS proxy the page is https while the server sees http: same host, same site.
    expect(crossSiteReason('POST', headers({ Origin: 'https://switchboard.test' }), `${SITE}/x`)).toBeNull();
  });

  it('refuses what the browser marks as coming from another site', () => {
    expect(crossSiteReason('POST', headers({ 'Sec-Fetch-Site': 'cross-site' }), `${SITE}/x`)).toMatch(/another site/);
    expect(crossSiteReason('POST', headers({ 'Sec-Fetch-Site': 'same-site' }), `${SITE}/x`)).toMatch(/same-site/);
    expect(crossSiteReason('PUT', headers({ Origin: 'http://evil.test' }), `${SITE}/x`)).toMatch(/evil\.test/);
    expect(crossSiteReason('DELETE', headers({ Origin: 'null' }), `${SITE}/x`)).not.toBeNull();
  });

  it('never judges safe methods', () => {
    expect(crossSiteReason('GET', headers({ 'Sec-Fetch-Site': 'cross-site' }), `${SITE}/x`)).toBeNull();
  });
});

describe('verifyCsrf', () => {
  it('accepts the session token in the form field', async () => {
    const request = post({ Origin: SITE });
    expect(await outcome(() => verifyCsrf(request, form({ csrf: session.csrfToken }), session))).toBe('passed');
  });

  it('refuses a missing, wrong or other-session token with 403', async () => {
    expect(await outcome(() => verifyCsrf(post({}), form({}), session))).toBe(403);
    expect(await outcome(() => verifyCsrf(post({}), form({ csrf: 'x'.repeat(43) }), session))).toBe(403);
    expect(
      await outcome(() => verifyCsrf(post({}), form({ csrf: session.csrfToken }), { csrfToken: 'y'.repeat(43) })),
    ).toBe(403);
  });

  it('refuses a cross-site request even with the right token', async () => {
    const request = post({ 'Sec-Fetch-Site': 'cross-site' });
    expect(await outcome(() => verifyCsrf(request, form({ csrf: session.csrfToken }), session))).toBe(403);
  });

  it('checks signed-out forms against the token in the visitor cookie', async () => {
    const token = 'a'.repeat(43);
    const withCookie = post({ Cookie: `${ANONYMOUS_CSRF_COOKIE}=${token}` });
    expect(await outcome(() => verifyCsrf(withCookie, form({ csrf: token })))).toBe('passed');
    expect(await outcome(() => verifyCsrf(withCookie, form({ csrf: 'b'.repeat(43) })))).toBe(403);
    // Without the cookie there is nothing to match, whatever the form says.
    expect(await outcome(() => verifyCsrf(post({}), form({ csrf: token })))).toBe(403);
  });

  it('finds the token in a header, a form body or a JSON body, and leaves the body readable', async () => {
    expect(await outcome(() => verifyCsrfOfRequest(post({ 'X-CSRF-Token': session.csrfToken }), session))).toBe(
      'passed',
    );

    const formRequest = post({}, new URLSearchParams({ csrf: session.csrfToken, name: 'kept' }));
    expect(await outcome(() => verifyCsrfOfRequest(formRequest, session))).toBe('passed');
    expect((await formRequest.formData()).get('name')).toBe('kept');

    const jsonRequest = post({ 'Content-Type': 'application/json' }, JSON.stringify({ csrf: session.csrfToken }));
    expect(await outcome(() => verifyCsrfOfRequest(jsonRequest, session))).toBe('passed');

    const noToken = post({ 'Content-Type': 'application/json' }, JSON.stringify({ document: {} }));
    expect(await outcome(() => verifyCsrfOfRequest(noToken, session))).toBe(403);
  });
});

describe('csrfTokenForPage', () => {
  it('gives signed-in pages their session token and signed-out visitors a cookie token', () => {
    const get = (cookie?: string) => new Request(`${SITE}/sign-in`, { headers: cookie ? { Cookie: cookie } : {} });
    expect(csrfTokenForPage(get(), session)).toEqual({ token: session.csrfToken, setCookie: null });

    const fresh = csrfTokenForPage(get(), null);
    expect(fresh.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh.setCookie).toMatch(
      new RegExp(`^${ANONYMOUS_CSRF_COOKIE}=${fresh.token}; Path=/; HttpOnly; SameSite=Lax$`),
    );

    expect(csrfTokenForPage(get(`${ANONYMOUS_CSRF_COOKIE}=${fresh.token}`), null)).toEqual({
      token: fresh.token,
      setCookie: null,
    });
  });
});
