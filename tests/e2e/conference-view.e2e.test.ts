// The live room view in a real Chromium against the production build, served in this process with an in-memory
// conference runtime (tests/testing/fake-conference-rooms.ts) the test drives: a caller joins, starts talking,
// and the page shows it within a second without reloading; the Mute and Kick buttons reach the runtime; a viewer
// sees the same room and no button. The real-Asterisk check of the same page is in the conference e2e suite.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '#db/auth.ts';
import { closeDatabase, openDatabase, type SwitchboardDb } from '#db/client.ts';
import { conferenceRecordings, conferenceRooms } from '#db/schema.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { createApp, type SwitchboardApp } from '#server/app.ts';
import { FakeConferenceRooms } from '#tests/testing/fake-conference-rooms.ts';
import { eventually, launchChromium } from './browser/designer-page.ts';
import { ensureFreshBuild, REPO_ROOT, STAFF } from './browser/designer-server.ts';
import { RoomViewPage } from './browser/room-view-page.ts';

/** The promise the page makes: a change in a room shows within this long. */
const LIVE_WITHIN_MS = 1000;

const rooms = new FakeConferenceRooms();
// As on Asterisk: a kicked caller (or everyone, on end) leaves a moment after the runtime's promise resolves.
rooms.leaveDelayMs = 20;
let folder: string;
let db: SwitchboardDb;
let switchboard: SwitchboardApp;
let server: Server;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  ensureFreshBuild();
  folder = mkdtempSync(path.join(tmpdir(), 'switchboard-conference-view-'));
  db = openDatabase(path.join(folder, 'switchboard.db'));
  for (const login of [STAFF.editor, STAFF.viewer]) await createStaffAccount(db, login);
  storeRecording(db, path.join(folder, 'salle.wav'));
  switchboard = await createApp(
    {
      db,
      prompts: createPromptStore({ PROMPTS_DIR: path.join(folder, 'prompts') }),
      asterisk: () => ({ state: 'connected', message: 'fake runtime', since: Date.now() }),
      conferences: rooms,
    },
    { buildDir: path.join(REPO_ROOT, 'build') },
  );
  server = switchboard.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();

  rooms.openRoom('7000', 'Salle « Équipe »');
  rooms.addParticipant('7000', { id: 'p-alice', callerNumber: '1001', callerName: 'Alice Martin', role: 'moderator' });
});

afterAll(async () => {
  if (latencies.length > 0)
    console.info(`room view: changes shown after ${latencies.join(', ')} ms (limit ${LIVE_WITHIN_MS} ms)`);
  await browser?.close();
  // Open event streams would keep close() waiting: the browser is gone, so they end with it.
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await switchboard?.close();
  if (db) closeDatabase(db);
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Two seconds of a 440 Hz tone, as a finished recording of room 7000. */
function storeRecording(database: SwitchboardDb, audioPath: string): void {
  const samples = Int16Array.from({ length: 16_000 }, (_, index) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 440 * index) / 8000)),
  );
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, 8000, '16', samples);
  writeFileSync(audioPath, wav.toBuffer());
  database.orm
    .insert(conferenceRooms)
    .values({ id: 'conf_salle', number: '7000', name: 'Salle « Équipe »', createdAt: 1 })
    .run();
  database.orm
    .insert(conferenceRecordings)
    .values({
      id: 'rec_salle',
      roomId: 'conf_salle',
      startedAt: Date.now() - 60_000,
      endedAt: Date.now() - 58_000,
      audioPath,
    })
    .run();
}

/** How long each change took to show, for the summary printed at the end. */
const latencies: number[] = [];

/** Waits for `check` after a change made at `changedAt`, and says how long the page took. */
async function shownWithin(changedAt: number, check: () => Promise<void>): Promise<number> {
  await eventually(check, 10_000);
  const took = Date.now() - changedAt;
  latencies.push(took);
  return took;
}

describe('the live room view', () => {
  let editor: RoomViewPage;
  let viewer: RoomViewPage;

  beforeAll(async () => {
    editor = await RoomViewPage.open(browser, baseUrl, STAFF.editor);
    viewer = await RoomViewPage.open(browser, baseUrl, STAFF.viewer);
    for (const view of [editor, viewer]) await view.markNotReloaded();
  });

  const bob = async (view: RoomViewPage) =>
    (await view.participants('7000')).find((participant) => participant.id === 'p-bob');

  it('shows a caller who joins, and who starts talking, within a second and without reloading', async () => {
    // GIVEN both pages show Alice alone
    for (const view of [editor, viewer]) {
      expect(await view.participants('7000')).toEqual([
        { id: 'p-alice', caller: '1001 Alice Martin', muted: false, talking: false },
      ]);
    }

    // WHEN Bob dials in, THEN both pages list him within a second
    const joinedAt = Date.now();
    rooms.addParticipant('7000', { id: 'p-bob', callerNumber: '1002', callerName: 'Bob Durand' });
    for (const view of [editor, viewer]) {
      const took = await shownWithin(joinedAt, async () => expect((await bob(view))?.caller).toBe('1002 Bob Durand'));
      expect(took).toBeLessThan(LIVE_WITHIN_MS);
    }
    expect(await editor.room('7000').textContent()).toContain('2 participants');

    // WHEN he starts talking, THEN his row says so within a second; and again when he stops
    const talkingAt = Date.now();
    rooms.setTalking('7000', 'p-bob', true);
    expect(await shownWithin(talkingAt, async () => expect((await bob(editor))?.talking).toBe(true))).toBeLessThan(
      LIVE_WITHIN_MS,
    );
    expect(await editor.participantRow('7000', 'p-bob').getByTestId('talking').isVisible()).toBe(true);
    const quietAt = Date.now();
    rooms.setTalking('7000', 'p-bob', false);
    expect(await shownWithin(quietAt, async () => expect((await bob(viewer))?.talking).toBe(false))).toBeLessThan(
      LIVE_WITHIN_MS,
    );

    expect(await editor.notReloaded()).toBe(true);
    expect(await viewer.notReloaded()).toBe(true);
  });

  it('gives a viewer no button', async () => {
    expect(await viewer.page.locator('[data-action]').count()).toBe(0);
    expect(await editor.room('7000').locator('[data-action]').count()).toBeGreaterThan(0);
  });

  it("mutes a participant with the editor's Mute button, and kicks one with Kick", async () => {
    // WHEN the editor presses Mute on Bob's row
    rooms.calls.length = 0;
    await editor.participantAction('7000', 'p-bob', 'mute');

    // THEN the runtime is asked, and both pages show him muted, with Unmute in place of Mute for the editor
    await eventually(() =>
      expect(rooms.calls).toEqual([{ method: 'setMuted', room: '7000', participantId: 'p-bob', muted: true }]),
    );
    await eventually(async () => expect((await bob(viewer))?.muted).toBe(true));
    await editor.participantRow('7000', 'p-bob').locator('[data-action="unmute"]').waitFor();

    // WHEN the editor kicks Bob, THEN the runtime is asked and his row goes away on both pages
    await editor.participantAction('7000', 'p-bob', 'kick');
    await eventually(() =>
      expect(rooms.calls.at(-1)).toEqual({ method: 'kick', room: '7000', participantId: 'p-bob' }),
    );
    for (const view of [editor, viewer]) await view.participantRow('7000', 'p-bob').waitFor({ state: 'detached' });
    expect(await editor.notReloaded()).toBe(true);
  });

  it('locks the room and shows it locked', async () => {
    await editor.roomAction('7000', 'lock');
    await eventually(() => expect(rooms.calls.at(-1)).toEqual({ method: 'setLocked', room: '7000', locked: true }));
    await viewer.room('7000').getByTestId('room-locked').waitFor();
    await editor.room('7000').locator('[data-action="unlock"]').waitFor();
  });

  it('plays a recording in the page', async () => {
    const player = viewer.page.locator('tr[data-recording-id="rec_salle"] audio');
    // The browser fetches the file through the staff-only route (with its session) and reads its length.
    const duration = await player.evaluate(
      (audio: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
          audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)), { once: true });
          audio.preload = 'metadata';
          audio.load();
        }),
    );
    expect(duration).toBeCloseTo(2, 1);
  });

  it('ends the conference with the End button, and both pages see the room go', async () => {
    const endedAt = Date.now();
    await editor.roomAction('7000', 'end');
    await eventually(() => expect(rooms.calls.at(-1)).toEqual({ method: 'end', room: '7000' }));
    for (const view of [editor, viewer]) {
      const took = await shownWithin(endedAt, async () =>
        expect(await view.page.getByTestId('no-live-room').isVisible()).toBe(true),
      );
      expect(took).toBeLessThan(LIVE_WITHIN_MS + 1000); // includes the click and the confirmation
    }
  });
});
