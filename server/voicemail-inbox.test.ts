// The web voicemail inbox through real HTTP (the app compiled by Vite, a real SQLite file, real WAV files): who sees
// which messages, who may fetch which audio, and the heard / delete actions with their CSRF and confirmation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createStaffAccount, createStaffSession, type StaffAccount, type StaffRole } from '#db/auth.ts';
import { voicemailMessages } from '#db/schema.ts';
import { seedPeople } from '#db/seed.ts';
import { getUserByUsername } from '#db/users.ts';
import { linkStaffToPerson } from '#db/voicemail-inbox.ts';
import { seedVoicemailMessage, type SeededMessage } from '#tests/testing/voicemail-messages.ts';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from './testing/test-app.ts';

let testApp: TestApp;
let audioFolder: string;
let forBob: SeededMessage;
let forAlice: SeededMessage;

beforeAll(async () => {
  testApp = await startTestApp('voicemail');
  audioFolder = mkdtempSync(join(tmpdir(), 'switchboard-voicemail-audio-'));
  const { db } = testApp.temp;
  await seedPeople(db);
  const bob = getUserByUsername(db, 'bob')!;
  const alice = getUserByUsername(db, 'alice')!;
  forBob = seedVoicemailMessage(db, audioFolder, {
    box: '6002',
    userId: bob.id,
    callerNumber: '0612345678',
    callerName: 'Élodie Müller',
    receivedAt: Date.UTC(2026, 10, 26, 9, 30),
  });
  forAlice = seedVoicemailMessage(db, audioFolder, {
    box: '6001',
    userId: alice.id,
    callerNumber: '0698765432',
    callerName: 'François Dupré',
    receivedAt: Date.UTC(2026, 10, 26, 10, 0),
  });
  // Vite compiles the page on its first visit (tens of seconds on a busy machine): do it here, not in a test.
  expect((await (await Visitor.signedIn('admin')).page('/voicemail')).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await testApp?.close();
  rmSync(audioFolder, { recursive: true, force: true });
});

/** A signed-in browser in miniature: its session cookie, and the CSRF token found in the last page. */
const personAccounts = new Map<string, StaffAccount>();

class Visitor {
  csrf = '';
  constructor(private readonly sessionId: string | null) {}

  /** A new session of a new account, or for a person of the directory, of that person's one linked account. */
  static async signedIn(role: StaffRole, person?: 'alice' | 'bob'): Promise<Visitor> {
    const { db } = testApp.temp;
    const existing = person ? personAccounts.get(person) : undefined;
    const account =
      existing ??
      (await createStaffAccount(db, {
        username: `${person ?? role}-${Math.random().toString(36).slice(2, 8)}`,
        password: 'long enough password',
        role,
      }));
    if (person && !existing) {
      linkStaffToPerson(db, { accountId: account.id, personId: getUserByUsername(db, person)!.id, linkedBy: 'test' });
      personAccounts.set(person, account);
    }
    return new Visitor(createStaffSession(db, account.id).id);
  }

  request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.sessionId) headers.set('Cookie', `sb_session=${this.sessionId}`);
    // A browser set to English, the language of these assertions, unless a test asks for another.
    if (!headers.has('Accept-Language')) headers.set('Accept-Language', 'en');
    return fetch(testApp.base + path, { ...init, headers, redirect: 'manual' });
  }

  async page(path: string): Promise<{ status: number; html: string }> {
    const response = await this.request(path);
    const html = await response.text();
    const token = /name="csrf" value="([^"]+)"/.exec(html);
    if (token) this.csrf = token[1]!;
    return { status: response.status, html };
  }

  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: testApp.base,
        'Sec-Fetch-Site': 'same-origin',
      },
      body: new URLSearchParams(fields),
    });
  }
}

function row(id: string) {
  return testApp.temp.db.orm.select().from(voicemailMessages).where(eq(voicemailMessages.id, id)).get()!;
}

describe('who sees what', () => {
  it('shows a linked person their own messages only, whatever box the address asks for', async () => {
    const bob = await Visitor.signedIn('viewer', 'bob');
    const { status, html } = await bob.page('/voicemail?box=6001');
    expect(status).toBe(200);
    expect(html).toContain('Box 6002 · Bob');
    expect(html).toContain('Élodie Müller');
    expect(html).toContain(`/voicemail/${forBob.id}/audio`);
    expect(html).toContain('3 s');
    expect(html).not.toContain('François Dupré');
    expect(html).not.toContain(forAlice.id);
  });

  it('shows an administrator every box, and one box with ?box=', async () => {
    const admin = await Visitor.signedIn('admin');
    const all = await admin.page('/voicemail');
    expect(all.html).toContain('Élodie Müller');
    expect(all.html).toContain('François Dupré');
    const onlyAlice = await admin.page('/voicemail?box=6001');
    expect(onlyAlice.html).toContain('François Dupré');
    expect(onlyAlice.html).not.toContain('Élodie Müller');
  });

  it('speaks French to a French browser', async () => {
    const bob = await Visitor.signedIn('viewer', 'bob');
    const response = await bob.request('/voicemail', { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    const html = await response.text();
    expect(html).toContain('Boîte 6002 · Bob : 1 message, dont 1 nouveau.');
    expect(html).toContain('Marquer comme écouté');
  });

  it('tells an account without a linked person that it has no box', async () => {
    const editor = await Visitor.signedIn('editor');
    const { status, html } = await editor.page('/voicemail');
    expect(status).toBe(200);
    expect(html).toContain('not linked to a person of the directory');
    expect(html).not.toContain('Élodie Müller');
  });

  it('sends a signed-out visitor to the sign-in form', async () => {
    const response = await new Visitor(null).request('/voicemail');
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/sign-in?redirectTo=%2Fvoicemail');
  });
});

describe('audio', () => {
  it('streams the owner’s WAV whole and by byte ranges, privately', async () => {
    const bob = await Visitor.signedIn('viewer', 'bob');
    const whole = await bob.request(`/voicemail/${forBob.id}/audio`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('Content-Type')).toBe('audio/wav');
    expect(whole.headers.get('Accept-Ranges')).toBe('bytes');
    expect(whole.headers.get('Cache-Control')).toBe('private, no-store');
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(forBob.audio);

    const tail = await bob.request(`/voicemail/${forBob.id}/audio`, { headers: { Range: 'bytes=44-' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('Content-Range')).toBe(`bytes 44-${forBob.audio.length - 1}/${forBob.audio.length}`);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(forBob.audio.subarray(44));
  });

  it('answers 404 to another person, an unlinked account and a signed-out visitor; an admin may listen', async () => {
    const path = `/voicemail/${forAlice.id}/audio`;
    expect((await (await Visitor.signedIn('viewer', 'bob')).request(path)).status).toBe(404);
    expect((await (await Visitor.signedIn('editor')).request(path)).status).toBe(404);
    expect((await new Visitor(null).request(path)).status).toBe(404);
    expect((await new Visitor(null).request('/voicemail/vm_doesnotexist/audio')).status).toBe(404);
    const admin = await (await Visitor.signedIn('admin')).request(path);
    expect(admin.status).toBe(200);
    expect((await admin.arrayBuffer()).byteLength).toBe(forAlice.audio.length);
  });
});

describe('heard and delete', () => {
  it('marks the owner’s message heard and new again, and refuses another person’s with 404', async () => {
    const bob = await Visitor.signedIn('viewer', 'bob');
    await bob.page('/voicemail');
    const heard = await bob.post('/voicemail', {
      intent: 'heard',
      messageId: forBob.id,
      heard: 'true',
      csrf: bob.csrf,
    });
    expect(heard.status).toBe(200);
    expect(row(forBob.id).heardAt).toEqual(expect.any(Number));
    expect((await bob.page('/voicemail')).html).toContain('data-state="heard"');

    await bob.post('/voicemail', { intent: 'heard', messageId: forBob.id, heard: 'false', csrf: bob.csrf });
    expect(row(forBob.id).heardAt).toBeNull();

    const other = await bob.post('/voicemail', {
      intent: 'heard',
      messageId: forAlice.id,
      heard: 'true',
      csrf: bob.csrf,
    });
    expect(other.status).toBe(404);
    expect(row(forAlice.id).heardAt).toBeNull();
  });

  it('deletes only with the CSRF token and the confirmation, then hides the message and its audio', async () => {
    const { db } = testApp.temp;
    const extra = seedVoicemailMessage(db, audioFolder, {
      box: '6002',
      userId: getUserByUsername(db, 'bob')!.id,
      callerNumber: '0147000000',
      callerName: 'Zoé Lefèvre',
      receivedAt: Date.UTC(2026, 10, 26, 11, 0),
    });
    const bob = await Visitor.signedIn('viewer', 'bob');
    await bob.page('/voicemail');

    const noCsrf = await bob.post('/voicemail', { intent: 'delete', messageId: extra.id, confirm: 'delete' });
    expect(noCsrf.status).toBe(403);
    const noConfirm = await bob.post('/voicemail', { intent: 'delete', messageId: extra.id, csrf: bob.csrf });
    expect(noConfirm.status).toBe(400);
    expect(row(extra.id).deletedAt).toBeNull();

    const notHis = await bob.post('/voicemail', {
      intent: 'delete',
      messageId: forAlice.id,
      confirm: 'delete',
      csrf: bob.csrf,
    });
    expect(notHis.status).toBe(404);
    expect(row(forAlice.id).deletedAt).toBeNull();

    const deleted = await bob.post('/voicemail', {
      intent: 'delete',
      messageId: extra.id,
      confirm: 'delete',
      csrf: bob.csrf,
    });
    expect(deleted.status).toBe(200);
    expect(row(extra.id).deletedAt).toEqual(expect.any(Number));
    expect((await bob.page('/voicemail')).html).not.toContain('Zoé Lefèvre');
    expect((await bob.request(`/voicemail/${extra.id}/audio`)).status).toBe(404);
  });
});

describe('voicemail access (links)', () => {
  it('lets only administrators link an account to a person', async () => {
    const { db } = testApp.temp;
    const editor = await Visitor.signedIn('editor');
    expect((await editor.page('/voicemail/access')).status).toBe(403);

    const newcomer = await createStaffAccount(db, {
      username: 'julien-web',
      password: 'long enough password',
      role: 'viewer',
    });
    const admin = await Visitor.signedIn('admin');
    expect((await admin.page('/voicemail/access')).html).toContain('julien-web');
    const julien = getUserByUsername(db, 'julien')!;
    const linked = await admin.post('/voicemail/access', {
      intent: 'link',
      accountId: newcomer.id,
      personId: julien.id,
      csrf: admin.csrf,
    });
    expect(linked.status, await linked.clone().text()).toBe(200);

    const asJulien = new Visitor(createStaffSession(db, newcomer.id).id);
    expect((await asJulien.page('/voicemail')).html).toContain('Box 6004 · Julien: no messages.');
  });
});

describe('JSON API', () => {
  async function tokens() {
    const { db } = testApp.temp;
    const admin = await createStaffAccount(db, {
      username: `api-admin-${Math.random().toString(36).slice(2, 6)}`,
      password: 'long enough password',
      role: 'admin',
    });
    return {
      admin: createApiToken(db, { name: 'voicemail script', role: 'admin', accountId: admin.id }).secret,
      editor: createApiToken(db, { name: 'editor script', role: 'editor', accountId: admin.id }).secret,
    };
  }
  const call = (path: string, token: string, init: RequestInit = {}) =>
    fetch(testApp.base + path, { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } });

  it('lists every box for an admin token, refuses other roles, serves audio and runs heard/delete', async () => {
    const { db } = testApp.temp;
    const { admin, editor } = await tokens();
    expect((await call('/api/voicemail', editor)).status).toBe(403);
    expect((await fetch(`${testApp.base}/api/voicemail`)).status).toBe(401);

    const listed = await call('/api/voicemail?box=6001', admin);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as {
      messages: { id: string; box: string; callerName: string; durationMs: number; audioUrl: string }[];
    };
    expect(body.messages.map((message) => message.id)).toEqual([forAlice.id]);
    expect(body.messages[0]).toMatchObject({ box: '6001', callerName: 'François Dupré', durationMs: 3000 });
    expect(body.messages[0]).not.toHaveProperty('audioPath');
    expect((await call('/api/voicemail?box=abc', admin)).status).toBe(400);

    const audio = await call(body.messages[0]!.audioUrl, admin, { headers: { Range: 'bytes=0-43' } });
    expect(audio.status).toBe(206);
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(forAlice.audio.subarray(0, 44));

    const extra = seedVoicemailMessage(db, audioFolder, {
      box: '6001',
      userId: getUserByUsername(db, 'alice')!.id,
      callerNumber: '0155000000',
      callerName: 'Inès Gaël',
      receivedAt: Date.UTC(2026, 10, 26, 12, 0),
    });
    const heard = await call(`/api/voicemail/${extra.id}/heard`, admin, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ heard: true }),
    });
    expect(heard.status).toBe(200);
    expect(row(extra.id).heardAt).toEqual(expect.any(Number));
    const badBody = await call(`/api/voicemail/${extra.id}/heard`, admin, { method: 'POST', body: '{"heard":"yes"}' });
    expect(badBody.status).toBe(400);

    expect((await call(`/api/voicemail/${extra.id}/delete`, admin, { method: 'POST' })).status).toBe(200);
    expect(row(extra.id).deletedAt).toEqual(expect.any(Number));
    expect((await call(`/api/voicemail/${extra.id}/delete`, admin, { method: 'POST' })).status).toBe(404);
    expect((await call(`/api/voicemail/${extra.id}/audio`, admin)).status).toBe(404);
    expect((await call(`/api/voicemail/${extra.id}/archive`, admin, { method: 'POST' })).status).toBe(404);
  });
});
