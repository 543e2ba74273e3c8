// The web softphone's server side through real HTTP (createApp compiling the app with Vite, a real SQLite file):
// POST /softphone/credentials, its revocation at sign-out, the staff page's "Phone of" and /settings, and the
// /sip WebSocket attached to the app's own server. A fake SIP provisioner stands in for ARI, a ws server for
// Asterisk's SIP WebSocket.
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { softphoneCredentialsSchema } from '#app/softphone/credentials.ts';
import { createStaffAccount, createStaffSession, type StaffRole } from '#db/auth.ts';
import { browserDeviceOwner } from '#db/browser-devices.ts';
import { seedPeople } from '#db/seed.ts';
import { getUserByUsername, sipMd5Cred } from '#db/users.ts';
import { linkedPersonOf, linkStaffToPerson, listStaffPersonLinks, unlinkStaff } from '#db/voicemail-inbox.ts';
import { FakeSipProvisioner } from '#runtime/ari/testing/fake-sip-provisioner.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';

let testApp: TestApp;
let fakeAsterisk: WebSocketServer;
const asterisk = new FakeSipProvisioner();

beforeAll(async () => {
  fakeAsterisk = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise<void>((resolve) => fakeAsterisk.once('listening', resolve));
  fakeAsterisk.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo ${data.toString()}`)));
  testApp = await startTestApp(
    'softphone',
    { sipProvisioner: asterisk, softphoneIceServers: ['stun:stun.example.org:3478'] },
    { sipWebSocketUpstream: `ws://127.0.0.1:${(fakeAsterisk.address() as AddressInfo).port}/ws` },
  );
  await seedPeople(testApp.temp.db, { demoSecrets: true });
}, 120_000);
afterAll(async () => {
  await testApp?.close();
  await new Promise<void>((resolve) => fakeAsterisk.close(() => resolve()));
});

const personId = (username: string) => getUserByUsername(testApp.temp.db, username)!.id;
const browserMd5 = (username: string) => browserDeviceOwner(testApp.temp.db, personId(username))!.browserMd5Cred;

/** A signed-in browser in miniature: its own session (cookie), same-origin headers, the session's CSRF token. */
async function browserOf(account: { id: string }) {
  const session = createStaffSession(testApp.temp.db, account.id);
  const request = (path: string, init: RequestInit & { csrf?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', `sb_session=${session.id}`);
    headers.set('Accept-Language', 'en');
    if (init.method === 'POST') {
      headers.set('Origin', testApp.base);
      if (!headers.has('Sec-Fetch-Site')) headers.set('Sec-Fetch-Site', 'same-origin');
      if (init.csrf !== null) headers.set('X-CSRF-Token', init.csrf ?? session.csrfToken);
    }
    return fetch(testApp.base + path, { ...init, headers, redirect: 'manual' });
  };
  return {
    session,
    request,
    credentials: () => request('/softphone/credentials', { method: 'POST' }),
    form: async (path: string, fields: Record<string, string>) => {
      const response = await request(path, {
        method: 'POST',
        csrf: null,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: session.csrfToken, ...fields }),
      });
      return { status: response.status, html: unescapeHtml(await response.text()) };
    },
  };
}

async function staff(role: StaffRole, linkedTo: string | null) {
  const account = await createStaffAccount(testApp.temp.db, {
    username: `${role}-${Math.random().toString(36).slice(2, 8)}`,
    password: 'long enough password',
    role,
  });
  if (linkedTo) {
    freePerson(linkedTo);
    linkStaffToPerson(testApp.temp.db, { accountId: account.id, personId: personId(linkedTo), linkedBy: 't' });
  }
  return account;
}

/** The suite shares one directory: whoever held the person in an earlier test lets go. */
function freePerson(username: string) {
  const holder = listStaffPersonLinks(testApp.temp.db).find((link) => link.personId === personId(username));
  if (holder) unlinkStaff(testApp.temp.db, holder.accountId);
}

function unescapeHtml(html: string): string {
  return html.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

describe('POST /softphone/credentials', () => {
  it("answers a linked staff member with the person's browser device and a password derived from the session", async () => {
    // GIVEN a staff member linked to bob, signed in in one browser
    const account = await staff('viewer', 'bob');
    const browser = await browserOf(account);
    // WHEN the softphone asks for its credentials
    const response = await browser.credentials();
    // THEN
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const body = softphoneCredentialsSchema.parse(await response.json());
    const password = createHmac('sha256', browser.session.id).update('switchboard softphone bob').digest('base64url');
    expect(body).toEqual({
      status: 'ready',
      websocketPath: '/sip',
      sipUri: 'sip:bob~web@127.0.0.1',
      authorizationUser: 'bob~web',
      password,
      realm: 'asterisk',
      displayName: 'Bob',
      extension: '6002',
      iceServers: [{ urls: 'stun:stun.example.org:3478' }],
    });
    // AND Asterisk's browser device now accepts that password (stored as md5, pushed as the auth only)
    expect(browserMd5('bob')).toBe(sipMd5Cred('bob~web', password));
    expect(asterisk.calls.at(-1)).toBe('auth bob~web');
    expect(asterisk.accounts.get('bob~web')?.md5Cred).toBe(sipMd5Cred('bob~web', password));
  });

  it('gives the same session the same password (tabs), another session another one that takes over', async () => {
    const account = await staff('editor', 'alice');
    const first = await browserOf(account);
    const a = softphoneCredentialsSchema.parse(await (await first.credentials()).json());
    const pushes = asterisk.calls.length;
    const again = softphoneCredentialsSchema.parse(await (await first.credentials()).json());
    expect(again).toEqual(a);
    expect(asterisk.calls.length).toBe(pushes); // nothing changed, nothing pushed

    const second = await browserOf(account);
    const b = softphoneCredentialsSchema.parse(await (await second.credentials()).json());
    if (a.status !== 'ready' || b.status !== 'ready') throw new Error('expected ready credentials');
    expect(b.password).not.toBe(a.password);
    expect(browserMd5('alice')).toBe(sipMd5Cred('alice~web', b.password));
    expect(asterisk.calls.at(-1)).toBe('auth alice~web');
  });

  it('answers no-person to a staff account linked to nobody, and changes nothing', async () => {
    const browser = await browserOf(await staff('admin', null));
    const calls = asterisk.calls.length;
    const response = await browser.credentials();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'no-person' });
    expect(asterisk.calls.length).toBe(calls);
  });

  it('refuses a signed-out visitor (401), a request without the CSRF token (403), and GET (405)', async () => {
    const signedOut = await fetch(`${testApp.base}/softphone/credentials`, {
      method: 'POST',
      headers: { Origin: testApp.base, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('Cache-Control')).toBe('no-store');

    const browser = await browserOf(await staff('viewer', 'julien'));
    const before = browserMd5('julien');
    expect((await browser.request('/softphone/credentials', { method: 'POST', csrf: null })).status).toBe(403);
    expect((await browser.request('/softphone/credentials', { method: 'POST', csrf: 'not-the-token' })).status).toBe(
      403,
    );
    const crossSite = await browser.request('/softphone/credentials', {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(browserMd5('julien')).toBe(before);
    expect((await browser.request('/softphone/credentials')).status).toBe(405);
  });
});

describe('signing out', () => {
  it("revokes the session's softphone password when it is the current one, and only then", async () => {
    // GIVEN two browsers of one account linked to bob; the second took the softphone over
    const account = await staff('viewer', 'bob');
    const first = await browserOf(account);
    const second = await browserOf(account);
    await first.credentials();
    const current = softphoneCredentialsSchema.parse(await (await second.credentials()).json());
    if (current.status !== 'ready') throw new Error('expected ready credentials');
    // WHEN the first signs out: its password was no longer the current one, nothing changes
    expect((await first.form('/sign-out', {})).status).toBe(302);
    expect(browserMd5('bob')).toBe(sipMd5Cred('bob~web', current.password));
    // WHEN the second signs out: its password stops working, in the database and in Asterisk
    const calls = asterisk.calls.length;
    expect((await second.form('/sign-out', {})).status).toBe(302);
    const revoked = browserMd5('bob');
    expect(revoked).toMatch(/^[0-9a-f]{32}$/);
    expect(revoked).not.toBe(sipMd5Cred('bob~web', current.password));
    expect(asterisk.calls.slice(calls)).toEqual(['auth bob~web']);
    expect(asterisk.accounts.get('bob~web')?.md5Cred).toBe(revoked);
  });
});

describe("the staff page's Phone of, and /settings", () => {
  it('links an account to a person, refuses a person another account has, and shows it on /settings', async () => {
    const admin = await browserOf(await staff('admin', null));
    const ernest = await staff('editor', null);
    freePerson('alice');
    const other = await staff('viewer', 'julien');
    expect((await (await browserOf(ernest)).request('/settings')).status).toBe(200);
    expect(await (await (await browserOf(ernest)).request('/settings')).text()).toContain(
      'None: an administrator can link your account',
    );

    // the page lists every person to choose from
    const page = unescapeHtml(await (await admin.request('/admin/users')).text());
    expect(page).toContain('Phone of');
    expect(page).toContain('>Bob (6002)</option>');

    const linked = await admin.form('/admin/users', {
      intent: 'set-person',
      accountId: ernest.id,
      personId: personId('alice'),
    });
    expect(linked.status).toBe(200);
    expect(linked.html).toContain(`${ernest.username} now uses the phone of Alice (6001).`);
    expect(linkedPersonOf(testApp.temp.db, ernest.id)?.username).toBe('alice');
    const settings = unescapeHtml(await (await (await browserOf(ernest)).request('/settings')).text());
    expect(settings).toContain('Your phone');
    expect(settings).toContain('Alice (6001)');

    // julien is already the phone of another account
    const refused = await admin.form('/admin/users', {
      intent: 'set-person',
      accountId: ernest.id,
      personId: personId('julien'),
    });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain(`Julien (6004) is already the phone of the account ${other.username}`);
    expect(linkedPersonOf(testApp.temp.db, ernest.id)?.username).toBe('alice');
  });

  it('revokes the softphone password of the person an account stops being (unlinked, or disabled)', async () => {
    const admin = await browserOf(await staff('admin', null));
    const holder = await staff('viewer', 'alice');
    const phone = softphoneCredentialsSchema.parse(await (await (await browserOf(holder)).credentials()).json());
    if (phone.status !== 'ready') throw new Error('expected ready credentials');
    expect(browserMd5('alice')).toBe(sipMd5Cred('alice~web', phone.password));

    const unlinked = await admin.form('/admin/users', { intent: 'set-person', accountId: holder.id, personId: '' });
    expect(unlinked.status).toBe(200);
    expect(unlinked.html).toContain(`${holder.username} no longer uses anyone's phone.`);
    expect(linkedPersonOf(testApp.temp.db, holder.id)).toBeNull();
    expect(browserMd5('alice')).not.toBe(sipMd5Cred('alice~web', phone.password));

    // linked again, a new password; disabling the account revokes it too
    await admin.form('/admin/users', { intent: 'set-person', accountId: holder.id, personId: personId('alice') });
    const again = softphoneCredentialsSchema.parse(await (await (await browserOf(holder)).credentials()).json());
    if (again.status !== 'ready') throw new Error('expected ready credentials');
    expect((await admin.form('/admin/users', { intent: 'disable', accountId: holder.id })).status).toBe(200);
    expect(browserMd5('alice')).not.toBe(sipMd5Cred('alice~web', again.password));
  });
});

describe('/sip on the app server', () => {
  it('relays a linked staff member’s WebSocket to Asterisk, and refuses one without a session', async () => {
    const browser = await browserOf(await staff('viewer', 'julien'));
    const url = `${testApp.base.replace('http:', 'ws:')}/sip`;
    const socket = new WebSocket(url, ['sip'], {
      headers: { Origin: testApp.base, Cookie: `sb_session=${browser.session.id}` },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const answer = new Promise<string>((resolve) => socket.once('message', (data) => resolve(data.toString())));
    socket.send('OPTIONS sip:127.0.0.1 SIP/2.0');
    expect(await answer).toBe('echo OPTIONS sip:127.0.0.1 SIP/2.0');
    socket.close();

    const anonymous = new WebSocket(url, ['sip'], { headers: { Origin: testApp.base } });
    const status = await new Promise<number>((resolve) =>
      anonymous.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    );
    anonymous.on('error', () => {});
    anonymous.terminate();
    expect(status).toBe(401);
  });
});
