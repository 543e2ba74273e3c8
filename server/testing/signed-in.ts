// A signed-in browser in miniature for tests through real HTTP: session cookie, same-origin headers, the CSRF token
// in every form, and English pages (the language of the assertions).
import { createStaffAccount, createStaffSession, type StaffRole } from '#db/auth.ts';
import type { TestApp } from './test-app.ts';

export interface SignedInBrowser {
  page(path: string): Promise<{ status: number; html: string }>;
  post(path: string, fields: Record<string, string>): Promise<{ status: number; html: string }>;
}

/** A new staff account with `role`, signed in on `testApp`. */
export async function signedIn(testApp: TestApp, role: StaffRole): Promise<SignedInBrowser> {
  const account = await createStaffAccount(testApp.temp.db, {
    username: `${role}-${Math.random().toString(36).slice(2, 8)}`,
    password: 'long enough password',
    role,
  });
  const session = createStaffSession(testApp.temp.db, account.id);
  const request = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', `sb_session=${session.id}`);
    headers.set('Accept-Language', 'en');
    if (init.method === 'POST') {
      headers.set('Origin', testApp.base);
      headers.set('Sec-Fetch-Site', 'same-origin');
    }
    return fetch(testApp.base + path, { ...init, headers, redirect: 'manual' });
  };
  return {
    page: async (path) => {
      const response = await request(path);
      return { status: response.status, html: unescapeHtml(await response.text()) };
    },
    post: async (path, fields) => {
      const response = await request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: session.csrfToken, ...fields }),
      });
      return { status: response.status, html: unescapeHtml(await response.text()) };
    },
  };
}

function unescapeHtml(html: string): string {
  return html.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}
