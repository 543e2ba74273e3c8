// Issue 6 end to end: conference rooms on the real Asterisk sandbox. The web app and the runtime run in this process
// as `npm start` runs them (server/app.ts + runtime/service.ts) on a seeded database; staff act through the HTTP API
// with bearer tokens; callers dial through the generated dialplan (Local channels, DTMF for the PINs), and what they
// hear or say is measured on their own half of the call (tests/e2e/testing/audio-probe.ts).
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/conference.e2e.test.ts
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConferenceRecordings } from '#db/conference-recordings.ts';
import { createApiToken, createStaffAccount } from '#db/auth.ts';
import { createFlow } from '#db/flows.ts';
import { conferenceBridgePrefix } from '#runtime/ari/conference-media.ts';
import { requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import type { RoomSnapshot } from '#runtime/conference/conference-rooms.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { startRuntime, type RunningRuntime } from '#runtime/service.ts';
import { exampleFlow } from '#runtime/testing/call-harness.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { createApp, type SwitchboardApp } from '#server/app.ts';
import type { SwitchboardServices } from '#server/services.ts';
import { AudioProbe, wavRmsDbfs } from './testing/audio-probe.ts';
import { Callers, nodesEntered, promptsPlayed, type PlacedCall } from './testing/callers.ts';
import { seededWorkspace, type RuntimeWorkspace } from './testing/runtime-process.ts';

const ari = requireAriSettings();
/** Louder than this is sound (music, a tone); quieter is silence (a muted line; Asterisk's comfort floor is -inf). */
const SOUND_DBFS = -45;

let workspace: RuntimeWorkspace;
let runtime: RunningRuntime;
let web: SwitchboardApp;
let server: Server;
let base: string;
const tokens = { viewer: '', editor: '' };
let callers: Callers;
let audio: AudioProbe;

beforeAll(async () => {
  workspace = await seededWorkspace();
  const prompts = createPromptStore({ PROMPTS_DIR: workspace.promptsDir });
  // A second room, 7001: two members at most and no moderator, for the `full` branch.
  const small = exampleFlow('conference-7000');
  small.name = 'Petite salle (7001)';
  small.numbers = ['7001'];
  for (const node of small.nodes) {
    if (node.type === 'conference')
      Object.assign(node.data, {
        room: '7001',
        maxMembers: 2,
        waitForModerator: false,
        endWhenLastModeratorLeaves: false,
      });
  }
  const { flowId } = createFlow(workspace.db, { document: small, author: 'test' });
  await publishFlow(workspace.db, { flowId, author: 'test' }, prompts);

  // The web app (prompts for Asterisk, the API); the runtime's rooms are handed to it once the runtime runs.
  const services: SwitchboardServices = {
    db: workspace.db,
    prompts,
    asterisk: () => ({ state: 'connected', message: 'sandbox', since: 0 }),
  };
  web = await createApp(services, { dev: true, hmr: false, viteCacheDir: path.join(workspace.dir, 'vite-cache') });
  server = web.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  const admin = await createStaffAccount(workspace.db, {
    username: 'conference-admin',
    password: 'long enough password',
    role: 'admin',
  });
  tokens.viewer = createApiToken(workspace.db, { name: 'viewer', role: 'viewer', accountId: admin.id }).secret;
  tokens.editor = createApiToken(workspace.db, { name: 'editor', role: 'editor', accountId: admin.id }).secret;
  runtime = startRuntime({
    db: workspace.db,
    prompts,
    ari,
    promptBaseUrl: `http://127.0.0.1:${port}/prompts`,
    conferenceRecordingsDir: path.join(workspace.dir, 'recordings'),
  });
  services.conferences = runtime.conferences;
  await runtime.connection.waitForState('connected', 30_000);
  callers = new Callers(ari, workspace.db);
  await callers.start();
  await callers.probe.clearAll();
  audio = new AudioProbe(ari);
}, 180_000);

afterAll(async () => {
  await callers?.probe.clearAll().catch(() => {});
  await callers?.stop();
  await runtime?.stop();
  await new Promise((resolve) => server?.close(resolve));
  await web?.close();
  workspace?.remove();
});

/** A call to the HTTP API with a bearer token; returns the JSON answer, failing on any status but 200. */
async function api<T>(role: keyof typeof tokens, method: 'GET' | 'POST', pathname: string): Promise<T> {
  const response = await fetch(base + pathname, { method, headers: { Authorization: `Bearer ${tokens[role]}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} ${pathname}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

function room(number: string): RoomSnapshot | undefined {
  return runtime.conferences.rooms().find((candidate) => candidate.number === number);
}

async function roomWhen(number: string, check: (room: RoomSnapshot) => boolean, what: string): Promise<RoomSnapshot> {
  await waitUntil(
    () => {
      const current = room(number);
      return current !== undefined && check(current);
    },
    30_000,
    `${what} (room ${number}: ${JSON.stringify(room(number))})`,
  );
  return room(number)!;
}

/** Dials `number` and types `pin#` once the PIN prompt plays. */
async function joinWithPin(number: string, pin: string): Promise<PlacedCall> {
  const call = await callers.dial(number);
  await callers.recordWhen(
    call,
    (record) =>
      record.events.some(
        (event) => event.kind === 'prompt-played' && String(event.detail?.text).startsWith('Bienvenue'),
      ),
    20_000,
    'welcome heard',
  );
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // into the PIN prompt
  await callers.press(call, `${pin}#`);
  return call;
}

/** Channels of the room's bridge in Asterisk (by the app's conference prefix), or [] when it has none. */
async function bridgeChannels(roomNumber: string): Promise<string[]> {
  const prefix = `${conferenceBridgePrefix(ari.app)}${roomNumber}-`;
  const bridges = (await callers.probe.bridges()).filter((bridge) => bridge.id.startsWith(prefix));
  expect(bridges.length, 'one bridge per room').toBeLessThanOrEqual(1);
  return bridges[0]?.channels ?? [];
}

function notes(call: PlacedCall): unknown[] {
  return callers
    .record(call)!
    .events.filter((event) => event.kind === 'note')
    .map((event) => event.detail);
}

describe('conference room 7000 on Asterisk', () => {
  const callersOf = new Map<'first' | 'second' | 'moderator', PlacedCall>();
  /** A caller an earlier step placed (the steps tell one story and run in order). */
  const placed = (who: 'first' | 'second' | 'moderator'): PlacedCall => {
    const call = callersOf.get(who);
    if (!call) throw new Error(`the ${who} caller was not placed by an earlier step`);
    return call;
  };

  it('(a) the first participant hears music while waiting for the moderator', async () => {
    // GIVEN the example room (waits for the moderator, PIN 1111 for participants)
    // WHEN a first caller dials 7000 and types 1111
    const first = await joinWithPin('7000', '1111');
    callersOf.set('first', first);
    // THEN the room shows them waiting, in no bridge
    await roomWhen(
      '7000',
      (r) => r.participants.length === 1 && r.participants[0]!.waiting,
      'first participant waiting',
    );
    expect(await bridgeChannels('7000')).toEqual([]);
    // AND what they hear is music, not silence (after "la conférence commencera à l'arrivée de l'animateur")
    const heard = await audio.record(first.callerChannelId, 3);
    expect(wavRmsDbfs(heard)).toBeGreaterThan(SOUND_DBFS);
    expect(notes(first)).toEqual([{ conference: '7000', joined: 'participant' }]);
  });

  it('(b) the moderator joins with 4321: everyone is bridged, three participants', async () => {
    // GIVEN a second participant waiting too
    const second = await joinWithPin('7000', '1111');
    callersOf.set('second', second);
    await roomWhen('7000', (r) => r.participants.filter((p) => p.waiting).length === 2, 'two waiting');
    // WHEN the moderator dials in with 4321
    const moderator = await joinWithPin('7000', '4321');
    callersOf.set('moderator', moderator);
    // THEN the room's one bridge holds the three calls and nobody waits any more
    const snapshot = await roomWhen(
      '7000',
      (r) => r.participants.length === 3 && r.participants.every((p) => !p.waiting),
      'three mixed',
    );
    expect(snapshot.participants.map((p) => p.role).sort()).toEqual(['moderator', 'participant', 'participant']);
    await waitUntil(async () => (await bridgeChannels('7000')).length === 3, 10_000, 'three channels in the bridge');
    expect((await bridgeChannels('7000')).sort()).toEqual(
      [placed('first').runtimeChannelId, second.runtimeChannelId, moderator.runtimeChannelId].sort(),
    );
    // AND the API shows the three participants to a viewer
    const listed = await api<{ rooms: RoomSnapshot[] }>('viewer', 'GET', '/api/conferences');
    const room7000 = listed.rooms.find((candidate) => candidate.number === '7000');
    expect(room7000?.participants.map((p) => p.id).sort()).toEqual(snapshot.participants.map((p) => p.id).sort());
  });

  it('(c) recording, talk detection and mute: a muted participant is no longer heard', async () => {
    const [first, second] = [placed('first'), placed('second')];
    await api('editor', 'POST', '/api/conferences/7000/recording/start');
    await roomWhen('7000', (r) => r.recording, 'recording');
    // Let the join announcement end before measuring.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    // GIVEN the second participant speaking (a 440 Hz tone into their line)
    const tone = await audio.play(second.callerChannelId, 'tone:440');
    try {
      // THEN the room sees them talking, and the first participant hears them
      await roomWhen(
        '7000',
        (r) => r.participants.find((p) => p.id === second.runtimeChannelId)?.talking === true,
        'second talking',
      );
      expect(wavRmsDbfs(await audio.record(first.callerChannelId, 2))).toBeGreaterThan(SOUND_DBFS);
      // WHEN staff mute the second participant through the API
      await api(
        'editor',
        'POST',
        `/api/conferences/7000/participants/${encodeURIComponent(second.runtimeChannelId)}/mute`,
      );
      expect(room('7000')!.participants.find((p) => p.id === second.runtimeChannelId)?.muted).toBe(true);
      // THEN the first participant no longer hears them (past the first 300 ms: the mixer's last frames of the tone,
      // mixed before the mute, may still be on their way)
      expect(wavRmsDbfs(await audio.record(first.callerChannelId, 2), 300)).toBeLessThan(SOUND_DBFS);
      // AND unmuted, they are heard again
      await api(
        'editor',
        'POST',
        `/api/conferences/7000/participants/${encodeURIComponent(second.runtimeChannelId)}/unmute`,
      );
      expect(wavRmsDbfs(await audio.record(first.callerChannelId, 2))).toBeGreaterThan(SOUND_DBFS);
    } finally {
      await audio.stopPlayback(tone);
    }
  });

  it('(d) kick ends that call', async () => {
    const second = placed('second');
    // WHEN staff kick the second participant through the API
    await api(
      'editor',
      'POST',
      `/api/conferences/7000/participants/${encodeURIComponent(second.runtimeChannelId)}/kick`,
    );
    // THEN the call ends (the flow hangs up), the record says kicked, and the bridge keeps the other two
    const record = await callers.recordWhen(second, (r) => r.endedAt !== null, 15_000, 'kicked call ended');
    expect(record.outcome).toBe('completed');
    expect(notes(second).at(-1)).toEqual({ conference: '7000', left: 'kicked' });
    await waitUntil(async () => (await bridgeChannels('7000')).length === 2, 10_000, 'two channels left in the bridge');
    await waitUntil(
      async () => !(await callers.probe.channelIds()).includes(second.callerChannelId),
      10_000,
      'caller channel gone',
    );
  });

  it('(e) a locked room refuses a new participant', async () => {
    // GIVEN the room locked by staff
    await api('editor', 'POST', '/api/conferences/7000/lock');
    // WHEN a fourth caller dials in with the right PIN
    const late = await joinWithPin('7000', '1111');
    // THEN they hear that the room is locked and the call ends
    const record = await callers.recordWhen(late, (r) => r.endedAt !== null, 30_000, 'refused call ended');
    expect(promptsPlayed(record).at(-1)).toEqual({ text: 'Cette conférence est verrouillée.', outcome: 'finished' });
    expect(notes(late).at(-1)).toEqual({ conference: '7000', left: 'locked' });
    expect(room('7000')!.participants).toHaveLength(2);
  });

  it('(f) the moderator leaves: everyone is disconnected, the records say so, the recording is not silent', async () => {
    const [first, moderator] = [placed('first'), placed('moderator')];
    // WHEN the moderator hangs up (endWhenLastModeratorLeaves)
    await callers.hangUp(moderator);
    // THEN the participant's call goes on to the goodbye and ends; the record says the conference ended
    const record = await callers.recordWhen(first, (r) => r.endedAt !== null, 30_000, 'participant disconnected');
    expect(record.outcome).toBe('completed');
    expect(notes(first).at(-1)).toEqual({ conference: '7000', left: 'ended' });
    expect(nodesEntered(record).slice(-3)).toEqual(['meeting-room', 'goodbye', 'end-call']);
    expect(
      (await callers.recordWhen(moderator, (r) => r.endedAt !== null, 10_000, 'moderator record closed')).outcome,
    ).toBe('caller-hung-up');
    // AND the room, its bridge and every channel are gone
    await waitUntil(() => room('7000') === undefined, 10_000, 'room gone');
    await waitUntil(
      async () => (await bridgeChannels('7000')).length === 0 && (await callers.probe.bridges()).length === 0,
      10_000,
      'bridge destroyed',
    );
    // AND the recording is stored, finished, and carries the tone heard in (c)
    await waitUntil(
      () => listConferenceRecordings(workspace.db, { roomNumber: '7000' })[0]?.endedAt != null,
      15_000,
      'recording finished',
    );
    const [recording] = listConferenceRecordings(workspace.db, { roomNumber: '7000' });
    expect(existsSync(recording!.audioPath)).toBe(true);
    expect(wavRmsDbfs(readFileSync(recording!.audioPath))).toBeGreaterThan(SOUND_DBFS);
  });
});

describe('conference room 7001 (two members at most)', () => {
  it('a third caller hears the full message', async () => {
    // GIVEN two callers in room 7001 (PIN 1111)
    const a = await joinWithPin('7001', '1111');
    const b = await joinWithPin('7001', '1111');
    await roomWhen('7001', (r) => r.participants.length === 2, 'two in 7001');
    // WHEN a third dials in
    const c = await joinWithPin('7001', '1111');
    // THEN they take the `full` branch: the flow's message, then the call ends
    const record = await callers.recordWhen(c, (r) => r.endedAt !== null, 30_000, 'full call ended');
    expect(nodesEntered(record).slice(-2)).toEqual(['room-full', 'end-call']);
    expect(promptsPlayed(record).at(-1)).toEqual({
      text: 'La salle est complète. Merci de rappeler plus tard.',
      outcome: 'finished',
    });
    expect(notes(c).at(-1)).toEqual({ conference: '7001', left: 'full' });
    // AND when the two leave, the room and its bridge are gone
    await callers.hangUp(a);
    await callers.hangUp(b);
    await waitUntil(() => room('7001') === undefined, 10_000, 'room 7001 gone');
    await waitUntil(async () => (await callers.probe.bridges()).length === 0, 10_000, 'no bridge left');
  });
});
