import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VoicemailBoxes } from '#runtime/voicemail/voicemail-boxes.ts';
import { quietToneWav } from '#runtime/audio/wav.ts';
import { createCallRecorder } from './calls.ts';
import { seedPeople } from './seed.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';
import {
  createVoicemailBoxes,
  messageCounts,
  voicemailAudioFile,
  voicemailDirFor,
  type MessageCounts,
} from './voicemail.ts';

let temp: TempDatabase;
let boxes: VoicemailBoxes;
let dir: string;
const changes: [string, MessageCounts][] = [];

beforeEach(async () => {
  temp = openTempDatabase();
  await seedPeople(temp.db, { demoSecrets: true }); // PIN 1234
  dir = voicemailDirFor(temp.db, {});
  changes.length = 0;
  boxes = createVoicemailBoxes(temp.db, { dir, onCountsChanged: (box, counts) => changes.push([box, counts]) });
});
afterEach(() => temp.dispose());

const POLICY = { maxAttempts: 3, lockMs: 5 * 60_000 };

async function leave(box: string, receivedAt: number, channelId?: string) {
  return boxes.saveMessage({
    box,
    callerNumber: '0612345678',
    callerName: 'Ann',
    receivedAt,
    durationMs: 3_000,
    audio: quietToneWav(3_000),
    ...(channelId ? { channelId } : {}),
  });
}

describe('voicemail boxes on SQLite and files', () => {
  it('knows a box by its owner extension, with the default "no greeting"', () => {
    expect(boxes.box('6002')).toEqual({ box: '6002', ownerName: 'Bob', language: 'fr-FR', greeting: null });
    expect(boxes.box('6999')).toBeNull();
    expect(voicemailDirFor(temp.db, {})).toBe(path.join(temp.folder, 'voicemail'));
    expect(voicemailDirFor(temp.db, { VOICEMAIL_DIR: '/srv/vm' })).toBe('/srv/vm');
  });

  it('stores a message as a row and a file under an unguessable name, linked to its call', async () => {
    // GIVEN a call record for the channel the message is left on
    const callId = createCallRecorder(temp.db).startCall({
      channelId: 'chan-1',
      dialledNumber: '6002',
      callerNumber: '0612345678',
      callerName: 'Ann',
      simulated: false,
      flowId: null,
      versionId: null,
      startedAt: 1_000,
    });
    const id = await leave('6002', 2_000, 'chan-1');
    const row = temp.db.sqlite.prepare('SELECT * FROM voicemail_messages WHERE id = ?').get(id) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({
      box: '6002',
      caller_number: '0612345678',
      caller_name: 'Ann',
      received_at: 2_000,
      duration_ms: 3_000,
      call_id: callId,
    });
    expect(row.user_id).toBeTruthy();
    const file = row.audio_path as string;
    expect(path.isAbsolute(file)).toBe(true);
    expect(path.basename(file)).toMatch(/^[a-f0-9]{48}\.wav$/);
    expect(readFileSync(file)).toEqual(Buffer.from(quietToneWav(3_000)));
    // The media id is the file's token, and only that id serves the file
    const [message] = boxes.messages('6002');
    expect(message!.audio).toEqual({ kind: 'audio-file', fileId: `vm-${path.basename(file, '.wav')}` });
    const fileId = (message!.audio as { fileId: string }).fileId;
    expect(voicemailAudioFile(temp.db, dir, fileId)).toBe(file);
    expect(voicemailAudioFile(temp.db, dir, `vm-${'0'.repeat(48)}`)).toBeNull();
    expect(voicemailAudioFile(temp.db, dir, id)).toBeNull();
    expect(voicemailAudioFile(temp.db, dir, 'vm-../../etc/passwd')).toBeNull();
  });

  it('lists new messages first, each group oldest first; heard and deleted change the counts', async () => {
    const first = await leave('6002', 1_000);
    const second = await leave('6002', 2_000);
    const third = await leave('6002', 3_000);
    await leave('6001', 4_000);
    boxes.markHeard(first, 5_000);
    expect(boxes.messages('6002').map((message) => [message.id, message.heard])).toEqual([
      [second, false],
      [third, false],
      [first, true],
    ]);
    const secondFile = boxes.messages('6002')[0]!.audio as { fileId: string };
    boxes.deleteMessage(second, 6_000);
    expect(boxes.messages('6002').map((message) => message.id)).toEqual([third, first]);
    expect(temp.db.sqlite.prepare('SELECT deleted_at FROM voicemail_messages WHERE id = ?').get(second)).toEqual({
      deleted_at: 6_000,
    });
    // A deleted message's audio is no longer served
    expect(voicemailAudioFile(temp.db, dir, secondFile.fileId)).toBeNull();
    expect(messageCounts(temp.db, '6002')).toEqual({ newMessages: 1, oldMessages: 1 });
    expect(changes.filter(([box]) => box === '6002').map(([, counts]) => counts)).toEqual([
      { newMessages: 1, oldMessages: 0 },
      { newMessages: 2, oldMessages: 0 },
      { newMessages: 3, oldMessages: 0 },
      { newMessages: 2, oldMessages: 1 },
      { newMessages: 1, oldMessages: 1 },
    ]);
  });

  it('checks PINs with the lock of db/users.ts: three wrong ones lock the box, even for the right PIN', async () => {
    const now = 1_000_000;
    expect(await boxes.checkPin('6002', '1234', { ...POLICY, now })).toEqual({ result: 'ok' });
    expect(await boxes.checkPin('6002', '0000', { ...POLICY, now })).toEqual({ result: 'wrong', attemptsLeft: 2 });
    expect(await boxes.checkPin('6002', '0000', { ...POLICY, now })).toEqual({ result: 'wrong', attemptsLeft: 1 });
    expect(await boxes.checkPin('6002', '0000', { ...POLICY, now })).toEqual({
      result: 'locked',
      until: now + POLICY.lockMs,
      lockedNow: true,
    });
    expect(await boxes.checkPin('6002', '1234', { ...POLICY, now: now + 1_000 })).toEqual({
      result: 'locked',
      until: now + POLICY.lockMs,
      lockedNow: false,
    });
    expect(await boxes.checkPin('6002', '1234', { ...POLICY, now: now + POLICY.lockMs + 1 })).toEqual({ result: 'ok' });
    expect(await boxes.checkPin('6999', '1234', { ...POLICY, now })).toEqual({ result: 'no-such-box' });
  });

  it('keeps one personal greeting per box, replacing the file of the previous one', async () => {
    await boxes.saveGreeting('6002', quietToneWav(1_000));
    const first = boxes.box('6002')!.greeting as { fileId: string };
    expect(first.fileId).toMatch(/^greeting-[a-f0-9]{48}$/);
    const firstFile = voicemailAudioFile(temp.db, dir, first.fileId)!;
    expect(existsSync(firstFile)).toBe(true);
    await boxes.saveGreeting('6002', quietToneWav(2_000));
    const second = boxes.box('6002')!.greeting as { fileId: string };
    expect(second.fileId).not.toBe(first.fileId);
    expect(existsSync(firstFile)).toBe(false);
    expect(voicemailAudioFile(temp.db, dir, first.fileId)).toBeNull();
    expect(readFileSync(voicemailAudioFile(temp.db, dir, second.fileId)!)).toEqual(Buffer.from(quietToneWav(2_000)));
    await expect(boxes.saveGreeting('6999', quietToneWav(1_000))).rejects.toThrow(/no person has extension 6999/);
  });
});
