// The live room view and the conference API through real HTTP (createApp with Vite, a real SQLite file), with an
// in-memory conference runtime the test drives: callers join and leave, and the test reads which actions reached it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, createStaffAccount, createStaffSession, type StaffRole } from '#db/auth.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { conferenceRecordings, conferenceRooms } from '#db/schema.ts';
import type { RoomSnapshot } from '#runtime/conference/conference-rooms.ts';
import { FakeConferenceRooms } from '#tests/testing/fake-conference-rooms.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';

const rooms = new FakeConferenceRooms();
// As on Asterisk: a kicked caller (or everyone, on end) leaves a moment after the runtime's promise resolves.
rooms.leaveDelayMs = 20;
let withRuntime: TestApp;
let withoutRuntime: TestApp;
let audioFolder: string;
const AUDIO = Buffer.from(Array.from({ length: 4000 }, (_, index) => index % 251));

beforeAll(async () => {
  // One after the other: each dev server regenerates .react-router/types on start, and two at once trip over it.
  withRuntime = await startTestApp('conferences', { conferences: rooms });
  withoutRuntime = await startTestApp('conferences-none');
  audioFolder = mkdtempSync(join(tmpdir(), 'switchboard-conference-audio-'));
  writeFileSync(join(audioFolder, 'rec.wav'), AUDIO);
  for (const app of [withRuntime, withoutRuntime]) storeRecording(app.temp.db, join(audioFolder, 'rec.wav'));
}, 180_000);

afterAll(async () => {
  await Promise.all([withRuntime?.close(), withoutRuntime?.close()]);
  rmSync(audioFolder, { recursive: true, force: true });
});

/** As the conference runtime writes them: the room, then a finished recording of it. */
function storeRecording(db: SwitchboardDb, audioPath: string): void {
  db.orm
    .insert(conferenceRooms)
    .values({ id: 'conf_salle', number: '7000', name: 'Salle « Équipe »', createdAt: 1 })
    .run();
  db.orm
    .insert(conferenceRecordings)
    .values({
      id: 'rec_one',
      roomId: 'conf_salle',
      startedAt: Date.UTC(2026, 10, 26, 9),
      endedAt: Date.UTC(2026, 10, 26, 9, 2),
      audioPath,
    })
    .run();
  db.orm
    .insert(conferenceRecordings)
    .values([
      {
        id: 'rec_running',
        roomId: 'conf_salle',
        startedAt: Date.UTC(2026, 10, 26, 8),
        endedAt: null,
        audioPath: join(audioFolder, 'later.wav'),
      },
      {
        id: 'rec_gone',
        roomId: 'conf_salle',
        startedAt: Date.UTC(2026, 10, 26, 7),
        endedAt: Date.UTC(2026, 10, 26, 7, 1),
        audioPath: join(audioFolder, 'gone.wav'),
      },
    ])
    .run();
}

beforeEach(() => {
  // Every test starts with one live room: Alice (participant) and Bob (moderator).
  rooms.reset();
  rooms.openRoom('7000', 'Salle « Équipe »', Date.UTC(2026, 10, 26, 10));
  rooms.addParticipant('7000', {
    id: 'p-alice',
    callerNumber: '1001',
    callerName: 'Alice Martin',
    joinedAt: Date.UTC(2026, 10, 26, 10, 0, 5),
  });
  rooms.addParticipant('7000', { id: 'p-bob', callerNumber: '1002', callerName: 'Bob', role: 'moderator' });
});

// ---------------------------------------------------------------------------------------------------------------
// The API: bearer tokens

async function tokenFor(app: TestApp, role: StaffRole): Promise<string> {
  const account = await createStaffAccount(app.temp.db, {
    username: `${role}-${Math.random().toString(36).slice(2, 8)}`,
    password: 'long enough password',
    role: 'admin',
  });
  return createApiToken(app.temp.db, { name: `${role} token`, role, accountId: account.id }).secret;
}

function api(app: TestApp, token: string | null, method: string, path: string, headers: Record<string, string> = {}) {
  return fetch(app.base + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

async function errorOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

describe('the conference API', () => {
  let viewer: string;
  let editor: string;
  let admin: string;
  beforeAll(async () => {
    [viewer, editor, admin] = await Promise.all([
      tokenFor(withRuntime, 'viewer'),
      tokenFor(withRuntime, 'editor'),
      tokenFor(withRuntime, 'admin'),
    ]);
  });

  it('lists the live rooms and their participants to a viewer', async () => {
    const response = await api(withRuntime, viewer, 'GET', '/api/conferences');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const { rooms: listed } = (await response.json()) as { rooms: RoomSnapshot[] };
    expect(listed).toEqual([
      {
        number: '7000',
        name: 'Salle « Équipe »',
        locked: false,
        recording: false,
        startedAt: Date.UTC(2026, 10, 26, 10),
        participants: [
          expect.objectContaining({
            id: 'p-alice',
            callerNumber: '1001',
            callerName: 'Alice Martin',
            role: 'participant',
            muted: false,
            talking: false,
            waiting: false,
          }),
          expect.objectContaining({ id: 'p-bob', role: 'moderator' }),
        ],
      },
    ]);
    const one = await api(withRuntime, viewer, 'GET', '/api/conferences/7000');
    expect(((await one.json()) as { room: RoomSnapshot }).room.participants).toHaveLength(2);
  });

  it('answers 404 with a message for a room nobody is in, a participant who left, or an unknown command', async () => {
    const room = await api(withRuntime, viewer, 'GET', '/api/conferences/7999');
    expect(room.status).toBe(404);
    expect(await errorOf(room)).toBe('There is no live room "7999" (a room is live while someone is in it).');
    const participant = await api(withRuntime, editor, 'POST', '/api/conferences/7000/participants/p-nobody/mute');
    expect(participant.status).toBe(404);
    expect(await errorOf(participant)).toMatch(/no participant "p-nobody" in room 7000/);
    const lockElsewhere = await api(withRuntime, editor, 'POST', '/api/conferences/7999/lock');
    expect(lockElsewhere.status).toBe(404);
    const command = await api(withRuntime, editor, 'POST', '/api/conferences/7000/participants/p-alice/deafen');
    expect(command.status).toBe(404);
    expect(await errorOf(command)).toBe('"deafen" is not a participant command; use mute, unmute, kick.');
    expect(rooms.calls).toEqual([]);
  });

  it('refuses actions to viewers and to requests without a token', async () => {
    const refused = await api(withRuntime, viewer, 'POST', '/api/conferences/7000/participants/p-alice/kick');
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toBe('This needs a token with the editor role; this token is viewer.');
    expect((await api(withRuntime, viewer, 'POST', '/api/conferences/7000/end')).status).toBe(403);
    expect((await api(withRuntime, null, 'GET', '/api/conferences')).status).toBe(401);
    expect((await api(withRuntime, null, 'POST', '/api/conferences/7000/lock')).status).toBe(401);
    expect(rooms.calls).toEqual([]);
    expect(rooms.rooms()[0]!.participants).toHaveLength(2);
  });

  it('mutes, unmutes and kicks a participant for an editor, answering with the room afterwards', async () => {
    const muted = await api(withRuntime, editor, 'POST', '/api/conferences/7000/participants/p-alice/mute');
    expect(muted.status).toBe(200);
    const { room } = (await muted.json()) as { room: RoomSnapshot };
    expect(room.participants.find((participant) => participant.id === 'p-alice')!.muted).toBe(true);
    expect((await api(withRuntime, editor, 'POST', '/api/conferences/7000/participants/p-alice/unmute')).status).toBe(
      200,
    );
    const kicked = await api(withRuntime, admin, 'POST', '/api/conferences/7000/participants/p-bob/kick');
    expect(
      ((await kicked.json()) as { room: RoomSnapshot }).room.participants.map((participant) => participant.id),
    ).toEqual(['p-alice']);
    expect(rooms.calls).toEqual([
      { method: 'setMuted', room: '7000', participantId: 'p-alice', muted: true },
      { method: 'setMuted', room: '7000', participantId: 'p-alice', muted: false },
      { method: 'kick', room: '7000', participantId: 'p-bob' },
    ]);
  });

  it('locks, unlocks, records and ends a room for an editor', async () => {
    const locked = await api(withRuntime, editor, 'POST', '/api/conferences/7000/lock');
    expect(((await locked.json()) as { room: RoomSnapshot }).room.locked).toBe(true);
    await api(withRuntime, editor, 'POST', '/api/conferences/7000/unlock');
    const recording = await api(withRuntime, editor, 'POST', '/api/conferences/7000/recording/start');
    expect(((await recording.json()) as { room: RoomSnapshot }).room.recording).toBe(true);
    await api(withRuntime, editor, 'POST', '/api/conferences/7000/recording/stop');
    const ended = await api(withRuntime, editor, 'POST', '/api/conferences/7000/end');
    expect(await ended.json()).toEqual({ room: null });
    expect(rooms.calls).toEqual([
      { method: 'setLocked', room: '7000', locked: true },
      { method: 'setLocked', room: '7000', locked: false },
      { method: 'startRecording', room: '7000' },
      { method: 'stopRecording', room: '7000' },
      { method: 'end', room: '7000' },
    ]);
    expect(rooms.rooms()).toEqual([]);
  });

  it('answers 502 with the reason when the runtime fails, and 405 to a GET on an action', async () => {
    rooms.failNextAction = new Error('Channel not found');
    const failed = await api(withRuntime, editor, 'POST', '/api/conferences/7000/recording/start');
    expect(failed.status).toBe(502);
    expect(await errorOf(failed)).toBe('The conference runtime could not start recording room 7000: Channel not found');
    const wrongMethod = await api(withRuntime, editor, 'GET', '/api/conferences/7000/lock');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('Allow')).toBe('POST');
  });

  it('lists recordings and serves their audio with byte ranges to a token', async () => {
    const listed = await api(withRuntime, viewer, 'GET', '/api/conferences/recordings?room=7000');
    expect(await listed.json()).toEqual({
      recordings: [
        {
          id: 'rec_one',
          room: { number: '7000', name: 'Salle « Équipe »' },
          startedAt: Date.UTC(2026, 10, 26, 9),
          endedAt: Date.UTC(2026, 10, 26, 9, 2),
          audioUrl: '/api/conferences/recordings/rec_one/audio',
        },
        expect.objectContaining({ id: 'rec_running', endedAt: null }),
        expect.objectContaining({ id: 'rec_gone' }),
      ],
    });
    const badQuery = await api(withRuntime, viewer, 'GET', '/api/conferences/recordings?limit=0');
    expect(badQuery.status).toBe(400);

    const part = await api(withRuntime, viewer, 'GET', '/api/conferences/recordings/rec_one/audio', {
      Range: 'bytes=100-199',
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe('bytes 100-199/4000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(AUDIO.subarray(100, 200));
    expect((await api(withRuntime, null, 'GET', '/api/conferences/recordings/rec_one/audio')).status).toBe(401);
    const running = await api(withRuntime, viewer, 'GET', '/api/conferences/recordings/rec_running/audio');
    expect(running.status).toBe(404);
    expect(await errorOf(running)).toBe('Recording "rec_running" is still running: its audio is saved when it stops.');
    const gone = await api(withRuntime, viewer, 'GET', '/api/conferences/recordings/rec_gone/audio');
    expect(gone.status).toBe(404);
    expect(await errorOf(gone)).toBe('The audio of recording "rec_gone" is missing from the server\'s disk.');
  });

  it('answers 503 with a message when no conference runtime is attached, and still lists recordings', async () => {
    const token = await tokenFor(withoutRuntime, 'editor');
    const list = await api(withoutRuntime, token, 'GET', '/api/conferences');
    expect(list.status).toBe(503);
    expect(await errorOf(list)).toMatch(
      /^No conference runtime is attached to this server: Asterisk is not configured/,
    );
    expect((await api(withoutRuntime, token, 'POST', '/api/conferences/7000/lock')).status).toBe(503);
    expect((await api(withoutRuntime, token, 'GET', '/api/conferences/recordings')).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The page: staff sessions

/** A signed-in browser in miniature: its session cookie, the session's CSRF token, no redirects followed. */
class Visitor {
  private constructor(
    private readonly app: TestApp,
    private readonly session: string,
    readonly csrf: string,
  ) {}

  static async signedInAs(app: TestApp, role: StaffRole): Promise<Visitor> {
    const account = await createStaffAccount(app.temp.db, {
      username: `${role}-${Math.random().toString(36).slice(2, 8)}`,
      password: 'long enough password',
      role,
    });
    const session = createStaffSession(app.temp.db, account.id);
    return new Visitor(app, session.id, session.csrfToken);
  }

  request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Cookie', `sb_session=${this.session}`);
    // A browser set to English, the language of these assertions, unless a test asks for another.
    if (!headers.has('Accept-Language')) headers.set('Accept-Language', 'en');
    if (init.method === 'POST') {
      headers.set('Origin', this.app.base);
      headers.set('Sec-Fetch-Site', 'same-origin');
    }
    return fetch(this.app.base + path, { ...init, headers, redirect: 'manual' });
  }

  async page(path: string): Promise<{ status: number; html: string }> {
    const response = await this.request(path);
    return { status: response.status, html: await response.text() };
  }

  postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: this.csrf, ...fields }),
    });
  }
}

/** The next `event: rooms` of a server-sent event stream. */
async function nextRoomsEvent(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  buffer: { text: string },
): Promise<RoomSnapshot[]> {
  const decoder = new TextDecoder();
  for (;;) {
    const end = buffer.text.indexOf('\n\n');
    if (end >= 0) {
      const block = buffer.text.slice(0, end);
      buffer.text = buffer.text.slice(end + 2);
      if (block.startsWith('event: rooms\n'))
        return (JSON.parse(block.split('\n')[1]!.slice(6)) as { rooms: RoomSnapshot[] }).rooms;
      continue;
    }
    const { value, done } = await reader.read();
    if (done) throw new Error('the stream ended');
    buffer.text += decoder.decode(value, { stream: true });
  }
}

describe('the room view', () => {
  it('shows a viewer the rooms, participants and recordings, with no action button', async () => {
    const viewer = await Visitor.signedInAs(withRuntime, 'viewer');
    const { status, html } = await viewer.page('/conferences');
    expect(status).toBe(200);
    expect(html).toContain('Salle « Équipe »');
    expect(html).toContain('Alice Martin');
    expect(html).toContain('data-participant-id="p-bob"');
    expect(html).toContain('10:00:05');
    expect(html).toContain('src="/conferences/recordings/rec_one/audio"');
    expect(html).not.toContain('data-action=');
    // No player for a recording still running: its file is saved when it stops.
    expect(html).not.toContain('src="/conferences/recordings/rec_running/audio"');
  });

  it('gives an editor the buttons, and carries out the posted action', async () => {
    const editor = await Visitor.signedInAs(withRuntime, 'editor');
    const { html } = await editor.page('/conferences');
    for (const action of ['mute', 'kick', 'lock', 'start-recording', 'end'])
      expect(html).toContain(`data-action="${action}"`);

    const muted = await editor.postForm('/conferences', { intent: 'mute', room: '7000', participantId: 'p-alice' });
    expect(muted.status).toBe(200);
    const locked = await editor.postForm('/conferences', { intent: 'lock', room: '7000' });
    expect(locked.status).toBe(200);
    expect(rooms.calls).toEqual([
      { method: 'setMuted', room: '7000', participantId: 'p-alice', muted: true },
      { method: 'setLocked', room: '7000', locked: true },
    ]);
    const unknown = await editor.postForm('/conferences', { intent: 'kick', room: '7000', participantId: 'p-gone' });
    expect(unknown.status).toBe(404);
    const nonsense = await editor.postForm('/conferences', { intent: 'explode', room: '7000' });
    expect(nonsense.status).toBe(400);
  });

  it('refuses a viewer who posts an action anyway, and a post without the CSRF token', async () => {
    const viewer = await Visitor.signedInAs(withRuntime, 'viewer');
    expect(
      (await viewer.postForm('/conferences', { intent: 'kick', room: '7000', participantId: 'p-alice' })).status,
    ).toBe(403);
    const editor = await Visitor.signedInAs(withRuntime, 'editor');
    const forged = await editor.request('/conferences', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'end', room: '7000' }),
    });
    expect(forged.status).toBe(403);
    expect(rooms.calls).toEqual([]);
  });

  it('streams every room on connecting and again after each change', async () => {
    const viewer = await Visitor.signedInAs(withRuntime, 'viewer');
    const controller = new AbortController();
    const response = await viewer.request('/conferences/events', { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    const buffer = { text: '' };
    expect((await nextRoomsEvent(reader, buffer))[0]!.participants).toHaveLength(2);

    rooms.addParticipant('7000', { id: 'p-claire', callerNumber: '1003', callerName: 'Claire' });
    expect((await nextRoomsEvent(reader, buffer))[0]!.participants.map((participant) => participant.id)).toEqual([
      'p-alice',
      'p-bob',
      'p-claire',
    ]);
    rooms.setTalking('7000', 'p-claire', true);
    expect((await nextRoomsEvent(reader, buffer))[0]!.participants[2]!.talking).toBe(true);
    controller.abort();
  });

  it('serves recordings to signed-in staff only, with byte ranges', async () => {
    const viewer = await Visitor.signedInAs(withRuntime, 'viewer');
    const part = await viewer.request('/conferences/recordings/rec_one/audio', { headers: { Range: 'bytes=3990-' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Type')).toBe('audio/wav');
    expect(part.headers.get('Content-Disposition')).toBe('inline; filename="conference-7000-2026-11-26T09-00-00.wav"');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(AUDIO.subarray(3990));
    const whole = await viewer.request('/conferences/recordings/rec_one/audio');
    expect(whole.status).toBe(200);
    expect(Number(whole.headers.get('Content-Length'))).toBe(AUDIO.length);
    await whole.arrayBuffer();
    expect((await viewer.request('/conferences/recordings/rec_nope/audio')).status).toBe(404);

    const stranger = await fetch(`${withRuntime.base}/conferences/recordings/rec_one/audio`, { redirect: 'manual' });
    expect(stranger.status).toBe(302);
    expect(stranger.headers.get('Location')).toMatch(/^\/(sign-in|setup)/);
    expect((await fetch(`${withRuntime.base}/conferences/events`, { redirect: 'manual' })).status).toBe(302);
  });

  it('says clearly when no conference runtime is attached', async () => {
    const viewer = await Visitor.signedInAs(withoutRuntime, 'viewer');
    const { status, html } = await viewer.page('/conferences');
    expect(status).toBe(200);
    expect(html).toContain('No conference runtime is attached to this server');
    expect(html).toContain('src="/conferences/recordings/rec_one/audio"');
    const french = await viewer.request('/conferences', { headers: { 'Accept-Language': 'fr' } });
    expect(await french.text()).toContain('Aucun moteur de conférence');
    expect((await viewer.request('/conferences/events')).status).toBe(503);
  });
});
