import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStaffAccount, createStaffSession, type StaffRole } from '#db/auth.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import type { SwitchboardServices } from '#server/services.ts';
import {
  requireRole,
  requireUser,
  safeRedirect,
  SESSION_COOKIE,
  signInAndRedirect,
  signOutAndRedirect,
} from './auth.server.ts';

let temp: TempDatabase;
let context: { services: SwitchboardServices };
beforeEach(() => {
  temp = openTempDatabase();
  // These functions only use the database; the prompt store and Asterisk status are never touched.
  context = { services: { db: temp.db } as SwitchboardServices };
});
afterEach(() => {
  temp.dispose();
  vi.unstubAllEnvs();
});

const SITE = 'http://switchboard.test';

async function signedInAs(role: StaffRole) {
  const account = await createStaffAccount(temp.db, { username: role, password: 'long enough password', role });
  const session = createStaffSession(temp.db, account.id);
  return { account, session, cookie: `${SESSION_COOKIE}=${session.id}` };
}

/** What `run` throws: a redirect Response, or the status of a data(..., { status }) refusal. */
async function thrown(run: () => Promise<unknown>): Promise<{ redirect?: string; status: number }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, redirect: error.headers.get('Location') ?? undefined };
    if (error && typeof error === 'object' && 'init' in error)
      return { status: (error as { init: { status: number } }).init.status };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('requireUser', () => {
  it('sends signed-out visitors to /setup while no staff account exists', async () => {
    expect(await thrown(() => requireUser(new Request(`${SITE}/`), context))).toEqual({
      status: 302,
      redirect: '/setup',
    });
  });

  it('sends signed-out visitors to the sign-in form, remembering the page', async () => {
    await signedInAs('admin');
    const outcome = await thrown(() => requireUser(new Request(`${SITE}/flows/flw_1?tab=versions`), context));
    expect(outcome).toEqual({ status: 302, redirect: '/sign-in?redirectTo=%2Fflows%2Fflw_1%3Ftab%3Dversions' });
  });

  it('returns the account behind a valid session cookie, and refuses an unknown one', async () => {
    const { account, cookie } = await signedInAs('viewer');
    const auth = await requireUser(new Request(`${SITE}/`, { headers: { Cookie: cookie } }), context);
    expect(auth.account.id).toBe(account.id);
    const forged = new Request(`${SITE}/`, { headers: { Cookie: `${SESSION_COOKIE}=forged` } });
    expect((await thrown(() => requireUser(forged, context))).redirect).toBe('/sign-in');
  });

  it('refuses a signed-in POST without the CSRF token of its session', async () => {
    const { session, cookie } = await signedInAs('editor');
    const withoutToken = new Request(`${SITE}/admin/users`, { method: 'POST', headers: { Cookie: cookie } });
    expect(await thrown(() => requireUser(withoutToken, context))).toEqual({ status: 403 });
    const withToken = new Request(`${SITE}/x`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: session.csrfToken }),
    });
    expect((await requireUser(withToken, context)).session.id).toBe(session.id);
  });
});

describe('requireRole', () => {
  it('lets higher roles do what lower roles may, and refuses lower roles with 403', async () => {
    const viewer = await signedInAs('viewer');
    const editor = await signedInAs('editor');
    const admin = await signedInAs('admin');
    const get = (cookie: string) => new Request(`${SITE}/`, { headers: { Cookie: cookie } });

    expect((await requireRole(get(admin.cookie), context, 'editor')).account.role).toBe('admin');
    expect((await requireRole(get(editor.cookie), context, 'editor')).account.role).toBe('editor');
    expect(await thrown(() => requireRole(get(viewer.cookie), context, 'editor'))).toEqual({ status: 403 });
    expect(await thrown(() => requireRole(get(editor.cookie), context, 'admin'))).toEqual({ status: 403 });
  });

  it('says why in the reader’s language: French by default, else what the browser asks for', async () => {
    const viewer = await signedInAs('viewer');
    const refusal = async (headers: Record<string, string>) => {
      const request = new Request(`${SITE}/`, { headers: { Cookie: viewer.cookie, ...headers } });
      try {
        await requireRole(request, context, 'editor');
      } catch (error) {
        return (error as { data: unknown }).data;
      }
      throw new Error('expected a refusal');
    };
    expect(await refusal({})).toBe(
      'Il faut le rôle éditeur pour cela ; vous êtes connecté en tant que viewer (lecteur).',
    );
    expect(await refusal({ 'Accept-Language': 'en-GB' })).toBe(
      'This needs the editor role; you are signed in as viewer (viewer).',
    );
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and lasts until the absolute expiry; Secure only over https', async () => {
    const { account } = await signedInAs('editor');
    const overHttp = signInAndRedirect(new Request(`${SITE}/sign-in`), context, account, '/flows/x');
    expect(overHttp.headers.get('Location')).toBe('/flows/x');
    const cookie = overHttp.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(
      new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+$`),
    );
    expect(Number(/Max-Age=(\d+)/.exec(cookie)![1])).toBeGreaterThan(13 * 24 * 3600);

    const overHttps = signInAndRedirect(new Request('https://switchboard.test/sign-in'), context, account, '/');
    expect(overHttps.headers.get('Set-Cookie')).toMatch(/; Secure$/);

    vi.stubEnv('COOKIE_SECURE', '1');
    expect(signInAndRedirect(new Request(`${SITE}/sign-in`), context, account, '/').headers.get('Set-Cookie')).toMatch(
      /; Secure$/,
    );
  });

  it('signing in replaces the previous session; signing out deletes the session and the cookie', async () => {
    const { account, cookie } = await signedInAs('editor');
    const response = signInAndRedirect(
      new Request(`${SITE}/sign-in`, { headers: { Cookie: cookie } }),
      context,
      account,
      '/',
    );
    const fresh = /sb_session=([^;]+)/.exec(response.headers.get('Set-Cookie')!)![1]!;
    const old = new Request(`${SITE}/`, { headers: { Cookie: cookie } });
    expect((await thrown(() => requireUser(old, context))).redirect).toBe('/sign-in');

    const out = signOutAndRedirect(
      new Request(`${SITE}/sign-out`, { headers: { Cookie: `${SESSION_COOKIE}=${fresh}` } }),
      context,
    );
    expect(out.headers.get('Set-Cookie')).toMatch(/^sb_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    const after = new Request(`${SITE}/`, { headers: { Cookie: `${SESSION_COOKIE}=${fresh}` } });
    expect((await thrown(() => requireUser(after, context))).redirect).toBe('/sign-in');
  });
});

describe('safeRedirect', () => {
  it('keeps local paths and replaces anything that could leave the site', () => {
    expect(safeRedirect('/flows/x?y=1')).toBe('/flows/x?y=1');
    expect(safeRedirect('//evil.test/')).toBe('/');
    expect(safeRedirect('/\\evil.test')).toBe('/');
    expect(safeRedirect('https://evil.test/')).toBe('/');
    expect(safeRedirect(null)).toBe('/');
  });

  it('refuses what browsers fold into another site: tabs, line breaks, full-width dots, encoded tricks', () => {
    for (const trick of [
      '/\t/evil.test',
      '/\n/evil.test',
      '/\r\n/evil.test',
      '/ /evil.test',
      '/\u00a0/evil.test',
      '/\uff0e\uff0e/evil.test',
      '/\uff0fevil.test',
      '/%09/evil.test',
      '/%2F/evil.test',
      '/%5Cevil.test',
      '/%EF%BC%8E/evil.test',
      '/%E0%A4%A',
      '/\u0000',
    ]) {
      expect(safeRedirect(trick), JSON.stringify(trick)).toBe('/');
    }
    expect(safeRedirect('/calls?search=%C3%A9t%C3%A9#top')).toBe('/calls?search=%C3%A9t%C3%A9#top');
    expect(safeRedirect('/flows/../calls')).toBe('/calls');
  });
});
