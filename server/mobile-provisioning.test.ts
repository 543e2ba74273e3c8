// Mobile set-up through real HTTP (createApp compiling the app with Vite, a real SQLite file): an administrator makes
// a one-time link on the People page, which shows it as a QR code and as text; a phone (no cookies) fetches it once;
// the link can be revoked. Also the installable web app's manifest and icons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutstandingProvisioningLinks } from '#db/provisioning-links.ts';
import { createUser, sipMd5Cred, type UserRecord } from '#db/users.ts';
import { lpconfigValue, parseLpconfig } from '#provisioning/mobile/testing/parse-lpconfig.ts';
import { signedIn } from './testing/signed-in.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';

let testApp: TestApp;
let bob: UserRecord;

beforeAll(async () => {
  testApp = await startTestApp('mobile-provisioning');
  bob = await createUser(testApp.temp.db, {
    username: 'bob',
    extension: '6002',
    displayName: 'Bob Martin',
    sipPassword: 'Ciel-Gris-93',
    voicemailPin: '5172',
  });
}, 120_000);
afterAll(() => testApp?.close());

/** The set-up link the page shows in its read-only field. */
function linkIn(html: string): string {
  const match =
    /data-testid="mobile-link-url"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*data-testid="mobile-link-url"/.exec(html);
  if (!match) throw new Error('the page shows no set-up link');
  return match[1] ?? match[2]!;
}

describe('Set up a mobile phone, on the People page', () => {
  it('is for administrators only', async () => {
    const editor = await signedIn(testApp, 'editor');
    expect((await editor.page(`/people?mobile=${bob.id}`)).status).toBe(403);
    expect(
      (await editor.post(`/people?mobile=${bob.id}`, { intent: 'mobile-link-create', personId: bob.id })).status,
    ).toBe(403);
    expect(listOutstandingProvisioningLinks(testApp.temp.db, bob.id)).toEqual([]);
  });

  it('offers the action on every person and opens the panel for one', async () => {
    const admin = await signedIn(testApp, 'admin');
    const list = await admin.page('/people');
    expect(list.html).toContain(`href="/people?mobile=${bob.id}"`);
    expect(list.html).toContain('Set up a mobile phone');
    const panel = await admin.page(`/people?mobile=${bob.id}`);
    expect(panel.status).toBe(200);
    expect(panel.html).toContain('Set up a mobile phone for Bob Martin');
    expect(panel.html).toContain('No outstanding link.');
    expect(panel.html).toContain('Fetch remote configuration');
  });

  it('makes a link shown as a QR code and as text; the phone gets the XML once, then 410', async () => {
    const admin = await signedIn(testApp, 'admin');
    const { status, html } = await admin.post(`/people?mobile=${bob.id}`, {
      intent: 'mobile-link-create',
      personId: bob.id,
    });
    expect(status).toBe(200);
    expect(html).toContain('Set-up link made for Bob Martin.');
    expect(html).toMatch(/<img[^>]*data-testid="mobile-link-qr"[^>]*>/);
    expect(html).toMatch(/<img[^>]*src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    expect(html).toMatch(/Works once, until [^<]+ \(<!-- -->30<!-- --> min\)|Works once, until [^<]+ \(30 min\)/);
    const url = linkIn(html);
    expect(url).toMatch(new RegExp(`^${testApp.base}/provision/[A-Za-z0-9_-]{43}$`));

    // The phone: no cookie, no CSRF token, nothing but the link.
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const config = parseLpconfig(await first.text());
    expect(lpconfigValue(config, 'auth_info_0', 'username')).toBe('bob');
    expect(lpconfigValue(config, 'auth_info_0', 'ha1')).toBe(sipMd5Cred('bob', 'Ciel-Gris-93'));
    expect(lpconfigValue(config, 'proxy_0', 'reg_proxy')).toBe('sip:127.0.0.1:5061;transport=tls');

    // A phone set to English reads why; one without Accept-Language gets French, the default.
    const second = await fetch(url, { headers: { 'Accept-Language': 'en' } });
    expect(second.status).toBe(410);
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(await second.text()).toBe('This set-up link can no longer be used: ask your administrator for a new one.\n');

    expect((await fetch(`${testApp.base}/provision/${'B'.repeat(43)}`)).status).toBe(404);
  });

  it('lists outstanding links with a Revoke button; a revoked link answers 410', async () => {
    const admin = await signedIn(testApp, 'admin');
    const made = await admin.post(`/people?mobile=${bob.id}`, { intent: 'mobile-link-create', personId: bob.id });
    const url = linkIn(made.html);
    const [outstanding] = listOutstandingProvisioningLinks(testApp.temp.db, bob.id);
    expect(made.html).toContain(`data-link-id="${outstanding!.id}"`);
    expect(made.html).toContain('Revoke');

    const revoked = await admin.post(`/people?mobile=${bob.id}`, {
      intent: 'mobile-link-revoke',
      personId: bob.id,
      linkId: outstanding!.id,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.html).toContain('Link revoked: it will not set up any phone.');
    expect(revoked.html).toContain('No outstanding link.');
    expect(revoked.html).not.toContain('data-testid="mobile-link-qr"');
    expect((await fetch(url)).status).toBe(410);
  });
});

describe('the installable web app', () => {
  it('serves its manifest, opening on /phone in the top bar’s colours', async () => {
    const response = await fetch(`${testApp.base}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    const manifest = (await response.json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'Switchboard',
      short_name: 'Switchboard',
      start_url: '/phone',
      display: 'standalone',
      theme_color: '#1c2024',
    });
    const icons = manifest.icons as { src: string; sizes: string; type: string }[];
    expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of icons) {
      const image = await fetch(testApp.base + icon.src);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
    }
  });

  it('names the manifest, the theme colour and the home-screen icon on every page', async () => {
    const html = await (await fetch(`${testApp.base}/sign-in`)).text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    expect(html).toContain('<meta name="theme-color" content="#1c2024"/>');
    expect(html).toContain('<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>');
    expect((await fetch(`${testApp.base}/icons/apple-touch-icon.png`)).status).toBe(200);
  });
});
