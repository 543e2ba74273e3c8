// Issue 5 end to end, voicemail side: the real runtime process (`npm run runtime`) on the Asterisk sandbox.
// - 6002 rings bob (a registered sipp phone that never answers) for the flow's 10 seconds, then his voicemail
//   records the caller, who sends a 3 s tone and hangs up; the message is in the database with its audio.
// - 6099: three wrong PINs lock a box; the right PIN hears "1 nouveau message", the message plays, 7 deletes it.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/voicemail.e2e.test.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { CallRecord } from '#db/calls.ts';
import { createApiToken, createStaffAccount } from '#db/auth.ts';
import { createVoicemailBoxes, voicemailDirFor } from '#db/voicemail.ts';
import { requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { readWav, rms, encodeTelephoneWav } from '#runtime/audio/wav.ts';
import { createApp } from '#server/app.ts';
import { Callers, type PlacedCall } from './testing/callers.ts';
import { withRegisteredPhone } from './testing/phones.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';
import { personDialString } from '#runtime/person-dial.ts';

const ASK_BOX = 'Veuillez saisir votre numéro de boîte vocale, suivi de dièse.';
const ASK_PIN = 'Veuillez saisir votre code secret, suivi de dièse.';
const WRONG = 'Code incorrect.';
const LOCKED = 'Trop de codes incorrects. Votre boîte vocale est bloquée pendant 5 minutes. Au revoir.';
const ONE_NEW = 'Vous avez 1 nouveau message.';
const DELETED = 'Message supprimé.';

const ari = requireAriSettings();
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;

let workspace: RuntimeWorkspace;
let runtime: RuntimeProcess;
let callers: Callers;
/** Serves the caller's "voice": a loud 3 s, 8 kHz tone that Asterisk plays into the call. */
let voiceServer: Server;
let voiceUrl: string;
const placed: PlacedCall[] = [];
/** Asterisk's recording spool, seen from the host (the sandbox runs in a chroot at AST_ROOT). */
const recordingDir = `${process.env.AST_ROOT ?? '/opt/asterisk-sid'}/var/spool/asterisk/recording`;
const recordingFiles = () =>
  existsSync(recordingDir) ? readdirSync(recordingDir).filter((name) => name.startsWith('switchboard-rec-')) : [];

/** The web app on the runtime's database, as `npm start` would serve it, with an admin API token. */
async function startWebInbox() {
  const db = workspace.db;
  const admin = await createStaffAccount(db, {
    username: `vm-admin-${Date.now()}`,
    password: 'long enough password',
    role: 'admin',
  });
  const { secret } = createApiToken(db, { name: 'voicemail e2e', role: 'admin', accountId: admin.id });
  const web = await createApp(
    {
      db,
      prompts: createPromptStore({ PROMPTS_DIR: workspace.promptsDir }),
      asterisk: () => ({ state: 'connected', message: 'the runtime runs in its own process', since: Date.now() }),
    },
    { dev: true, hmr: false, viteCacheDir: path.join(workspace.dir, 'vite-cache') },
  );
  const server = web.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: (url: string) => fetch(new URL(url, base), { headers: { Authorization: `Bearer ${secret}` } }),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await web.close();
    },
  };
}

function toneWav(seconds: number): Uint8Array {
  const samples = new Int16Array(seconds * 8000);
  for (let i = 0; i < samples.length; i += 1) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 600 * i) / 8000));
  return encodeTelephoneWav(samples);
}

beforeAll(async () => {
  workspace = await seededWorkspace();
  runtime = await startRuntimeProcess(workspace, ari);
  callers = new Callers(ari, workspace.db);
  await callers.start();
  await callers.probe.clearAll();
  const voice = toneWav(3);
  voiceServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': voice.length });
    response.end(voice);
  });
  await new Promise<void>((resolve) => voiceServer.listen(0, '127.0.0.1', resolve));
  voiceUrl = `http://127.0.0.1:${(voiceServer.address() as AddressInfo).port}/voice-3s.wav`;
}, 180_000);

beforeEach(() => {
  onTestFailed(() => console.error(`--- runtime output (last 8000 chars) ---\n${runtime.output().slice(-8_000)}`));
});

afterEach(async () => {
  for (const call of placed.splice(0)) await callers.hangUp(call);
});

afterAll(async () => {
  await callers?.stop();
  voiceServer?.close();
  const code = await runtime?.stop();
  workspace?.remove();
  expect(code).toBe(0);
});

async function dial(number: string): Promise<PlacedCall> {
  const call = await callers.dial(number);
  placed.push(call);
  return call;
}

/** What the caller heard so far: prompt texts, and "file:<id>" for message audio, with how each ended. */
function heard(record: CallRecord): { what: string; outcome: string }[] {
  return record.events
    .filter((event) => event.kind === 'prompt-played')
    .map((event) => ({
      what: event.detail?.text !== undefined ? String(event.detail.text) : `file:${String(event.detail?.fileId)}`,
      outcome: String(event.detail?.outcome),
    }));
}

const timesHeard = (record: CallRecord, text: string) => heard(record).filter((entry) => entry.what === text).length;

/** Waits until `text` has been heard `times` times (its playback over), then answers with `keys`. */
async function answerAfter(call: PlacedCall, text: string, times: number, keys: string): Promise<void> {
  await callers.recordWhen(call, (record) => timesHeard(record, text) >= times, 20_000, `"${text}" heard ${times}×`);
  await callers.press(call, keys);
}

interface MessageRow {
  id: string;
  box: string;
  caller_number: string;
  duration_ms: number;
  audio_path: string;
  call_id: string | null;
  heard_at: number | null;
  deleted_at: number | null;
}

function messagesOf(box: string): MessageRow[] {
  return workspace.db.sqlite
    .prepare('SELECT * FROM voicemail_messages WHERE box = ? ORDER BY received_at')
    .all(box) as MessageRow[];
}

describe('voicemail on the real Asterisk', () => {
  it('6002 unanswered for 10 s reaches voicemail; a 3 s message from a caller who hangs up is stored with its audio', async () => {
    await withRegisteredPhone('bob', 'uas-ring', sipTarget, async () => {
      // GIVEN bob's phone is registered and rings without being picked up
      const dialledAt = Date.now();
      const call = await dial('6002');
      // WHEN the call reaches the voicemail node and the recording has started (Asterisk lists it as live)
      const atVoicemail = await callers.recordWhen(
        call,
        (record) => record.events.some((event) => event.kind === 'note' && event.detail?.voicemail === 'recording'),
        40_000,
        'voicemail recording',
      );
      const dialEvent = atVoicemail.events.find((event) => event.kind === 'dial');
      expect(dialEvent?.detail).toMatchObject({ endpoint: personDialString('bob'), outcome: 'no-answer' });
      const enteredVoicemail = atVoicemail.events.find(
        (event) => event.kind === 'node-entered' && event.nodeId === 'vm-bob',
      )!;
      expect(enteredVoicemail.at - dialledAt).toBeGreaterThanOrEqual(9_500);
      expect(heard(atVoicemail).at(-1)).toEqual({
        what: 'Vous êtes bien sur la messagerie de Bob. Laissez votre message après le bip, puis raccrochez ou tapez dièse.',
        outcome: 'finished',
      });
      // ARI cannot list live recordings; Asterisk creates the file once the beep is over and recording starts.
      await waitUntil(() => recordingFiles().length > 0, 10_000, `a recording file in ${recordingDir}`);
      // AND the caller speaks for 3 s (a tone) and hangs up right after
      const playbackId = `voice-${call.callerChannelId}`;
      await callers.probe.request(
        'POST',
        `/channels/${call.callerChannelId}/play?${new URLSearchParams({ media: `sound:${voiceUrl}`, playbackId })}`,
      );
      await waitUntil(
        async () =>
          !(await callers.probe.request('GET', `/playbacks/${playbackId}`).then(
            () => true,
            () => false,
          )),
        15_000,
        'the caller finished speaking',
      );
      await callers.hangUp(call);

      // THEN bob's box holds one message of about 3 s, from the caller, linked to the call, with a real voice in it
      await waitUntil(() => messagesOf('6002').length === 1, 15_000, 'a message in box 6002');
      const [message] = messagesOf('6002');
      expect(message).toMatchObject({ caller_number: '0999', heard_at: null, deleted_at: null });
      expect(message!.call_id).toBe(callers.record(call)!.id);
      expect(message!.duration_ms).toBeGreaterThan(2_500);
      expect(message!.duration_ms).toBeLessThan(4_500);
      const wav = readWav(readFileSync(message!.audio_path), message!.audio_path);
      expect(wav).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
      expect(Math.abs(wav.durationMs - message!.duration_ms)).toBeLessThan(50);
      const loudness = rms(wav.samples);
      console.info(
        `voicemail message: ${message!.duration_ms} ms, RMS ${loudness.toFixed(0)} (tone sent at RMS ${(8000 / Math.SQRT2).toFixed(0)})`,
      );
      expect(loudness).toBeGreaterThan(1_000);
      // AND Asterisk kept no copy of the recording
      expect(recordingFiles()).toEqual([]);

      // AND the web inbox (the app on the same database) lists it and serves its audio to an admin
      const inbox = await startWebInbox();
      try {
        const listed = await inbox.get('/api/voicemail?box=6002');
        expect(listed.status).toBe(200);
        const { messages } = (await listed.json()) as {
          messages: { id: string; callerNumber: string; durationMs: number; audioUrl: string }[];
        };
        expect(messages).toEqual([
          expect.objectContaining({ id: message!.id, callerNumber: '0999', durationMs: message!.duration_ms }),
        ]);
        const audio = await inbox.get(messages[0]!.audioUrl);
        expect(audio.status).toBe(200);
        expect(new Uint8Array(await audio.arrayBuffer())).toEqual(new Uint8Array(readFileSync(message!.audio_path)));
      } finally {
        await inbox.close();
      }
    });
  });

  it('6099: three wrong PINs lock the box and the caller hears so', async () => {
    const call = await dial('6099');
    await answerAfter(call, ASK_BOX, 1, '6004#');
    await answerAfter(call, ASK_PIN, 1, '0000#');
    await answerAfter(call, ASK_PIN, 2, '1111#');
    await answerAfter(call, ASK_PIN, 3, '2222#');
    const record = await callers.recordWhen(call, (r) => timesHeard(r, LOCKED) === 1, 20_000, 'locked message');
    expect(heard(record).map((entry) => entry.what)).toEqual([
      ASK_BOX,
      ASK_PIN,
      WRONG,
      ASK_PIN,
      WRONG,
      ASK_PIN,
      LOCKED,
    ]);
    const julien = workspace.db.sqlite.prepare("SELECT pin_locked_until FROM users WHERE extension = '6004'").get() as {
      pin_locked_until: number | null;
    };
    expect(julien.pin_locked_until).toBeGreaterThan(Date.now() + 4 * 60_000);
    // The PIN typed never reaches history: neither its digits nor its length
    expect(record.events.filter((event) => event.kind === 'digits').map((event) => event.digits)).toEqual([
      '6004',
      null,
      null,
      null,
    ]);
  });

  it('6099: the right PIN hears "1 nouveau message", the message plays, and 7 deletes it', async () => {
    // GIVEN alice has one new message (stored where the runtime keeps them)
    const boxes = createVoicemailBoxes(workspace.db, { dir: voicemailDirFor(workspace.db, {}) });
    const messageId = await boxes.saveMessage({
      box: '6001',
      callerNumber: '0612345678',
      callerName: 'Ann',
      receivedAt: Date.now() - 3_600_000,
      durationMs: 2_000,
      audio: toneWav(2),
    });
    const call = await dial('6099');
    await answerAfter(call, ASK_BOX, 1, '6001#');
    await answerAfter(call, ASK_PIN, 1, '1234#');
    // WHEN the message has been played to its end, the caller presses 7
    const afterPlay = await callers.recordWhen(
      call,
      (record) => heard(record).some((entry) => entry.what.startsWith('file:vm-')),
      30_000,
      'message audio played',
    );
    await callers.press(call, '7');
    const record = await callers.recordWhen(call, (r) => timesHeard(r, DELETED) === 1, 20_000, 'deleted message');
    // THEN the count came first, then the header and the audio itself (fetched by Asterisk from the runtime)
    const what = heard(record).map((entry) => entry.what);
    expect(what.slice(0, 3)).toEqual([ASK_BOX, ASK_PIN, ONE_NEW]);
    expect(what[3]).toMatch(/^Message reçu le .* du 0 6 1 2 3 4 5 6 7 8, Ann\.$/);
    expect(heard(afterPlay).find((entry) => entry.what.startsWith('file:vm-'))?.outcome).toBe('finished');
    // AND the message is deleted in the database (soft delete: the web inbox no longer lists it)
    const row = workspace.db.sqlite
      .prepare('SELECT heard_at, deleted_at FROM voicemail_messages WHERE id = ?')
      .get(messageId) as {
      heard_at: number | null;
      deleted_at: number | null;
    };
    expect(row.heard_at).not.toBeNull();
    expect(row.deleted_at).not.toBeNull();
  });
});
