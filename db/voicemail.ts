// Voicemail boxes on SQLite plus files: the VoicemailBoxes port of runtime/voicemail/voicemail-boxes.ts. A box is a
// person (users.extension); messages are rows of voicemail_messages whose audio sits in a file named by a random
// token, so the URL Asterisk plays it from (runtime/voicemail/voicemail-audio.ts) cannot be guessed from an id.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PromptMedia } from '#runtime/call-port.ts';
import type {
  NewVoicemailMessage,
  PinCheck,
  PinPolicy,
  StoredVoicemailMessage,
  VoicemailBox,
  VoicemailBoxes,
} from '#runtime/voicemail/voicemail-boxes.ts';
import type { SwitchboardDb } from './client.ts';
import { newId } from './ids.ts';
import { calls, users, voicemailMessages } from './schema.ts';
import { pinMatchesHash, verifyVoicemailPin } from './users.ts';

export interface MessageCounts {
  newMessages: number;
  oldMessages: number;
}

export interface SqliteVoicemailOptions {
  /** Where message and greeting files go (see voicemailDirFor). */
  dir: string;
  /** Told after a box's messages changed (left, heard, deleted), e.g. to light the phones' message-waiting lamp. */
  onCountsChanged?: (box: string, counts: MessageCounts) => void;
}

/** VOICEMAIL_DIR, else a "voicemail" folder beside the database file. */
export function voicemailDirFor(db: SwitchboardDb, env: NodeJS.ProcessEnv = process.env): string {
  if (env.VOICEMAIL_DIR) return path.resolve(env.VOICEMAIL_DIR);
  if (db.file === ':memory:')
    throw new Error('An in-memory database has no folder for voicemail files: set VOICEMAIL_DIR');
  return path.join(path.dirname(db.file), 'voicemail');
}

/** The two kinds of voicemail audio and how their files and media ids are named. */
const KINDS = {
  message: { folder: 'messages', prefix: 'vm' },
  greeting: { folder: 'greetings', prefix: 'greeting' },
} as const;
export type VoicemailAudioKind = keyof typeof KINDS;
const TOKEN = /^[a-f0-9]{48}$/;

/** The media id Asterisk plays a voicemail file by ("vm-<token>"), from the file's path. */
function mediaOf(kind: VoicemailAudioKind, filePath: string): PromptMedia {
  return { kind: 'audio-file', fileId: `${KINDS[kind].prefix}-${path.basename(filePath, '.wav')}` };
}

/**
 * The file behind a voicemail media id ("vm-<token>" or "greeting-<token>"), or null when the id is not one, the
 * message was deleted, or the greeting is no longer anyone's. For serving the audio to Asterisk.
 */
export function voicemailAudioFile(db: SwitchboardDb, dir: string, fileId: string): string | null {
  const match = /^(vm|greeting)-([a-f0-9]+)$/.exec(fileId);
  if (!match || !TOKEN.test(match[2]!)) return null;
  const kind: VoicemailAudioKind = match[1] === 'vm' ? 'message' : 'greeting';
  const file = path.join(dir, KINDS[kind].folder, `${match[2]}.wav`);
  const owned =
    kind === 'message'
      ? db.orm
          .select({ id: voicemailMessages.id })
          .from(voicemailMessages)
          .where(and(eq(voicemailMessages.audioPath, file), isNull(voicemailMessages.deletedAt)))
          .get()
      : db.orm.select({ id: users.id }).from(users).where(eq(users.greetingPath, file)).get();
  return owned && existsSync(file) ? file : null;
}

export function messageCounts(db: SwitchboardDb, box: string): MessageCounts {
  const row = db.orm
    .select({
      newMessages: sql<number>`coalesce(sum(case when ${voicemailMessages.heardAt} is null then 1 else 0 end), 0)`,
      oldMessages: sql<number>`coalesce(sum(case when ${voicemailMessages.heardAt} is not null then 1 else 0 end), 0)`,
    })
    .from(voicemailMessages)
    .where(and(eq(voicemailMessages.box, box), isNull(voicemailMessages.deletedAt)))
    .get();
  return { newMessages: Number(row?.newMessages ?? 0), oldMessages: Number(row?.oldMessages ?? 0) };
}

/** Writes the file under a fresh random name, via a temporary name so a reader never sees half a file. */
function writeAudio(dir: string, kind: VoicemailAudioKind, audio: Uint8Array): string {
  const folder = path.join(dir, KINDS[kind].folder);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${randomBytes(24).toString('hex')}.wav`);
  writeFileSync(`${file}.part`, audio);
  renameSync(`${file}.part`, file);
  return file;
}

export function createVoicemailBoxes(db: SwitchboardDb, options: SqliteVoicemailOptions): VoicemailBoxes {
  const { dir } = options;
  const changed = (box: string) => {
    if (!options.onCountsChanged) return;
    options.onCountsChanged(box, messageCounts(db, box));
  };
  const boxOfMessage = (messageId: string) =>
    db.orm
      .select({ box: voicemailMessages.box })
      .from(voicemailMessages)
      .where(eq(voicemailMessages.id, messageId))
      .get()?.box;

  return {
    box(box: string): VoicemailBox | null {
      const owner = db.orm
        .select({ displayName: users.displayName, language: users.language, greetingPath: users.greetingPath })
        .from(users)
        .where(eq(users.extension, box))
        .get();
      if (!owner) return null;
      const greeting =
        owner.greetingPath && existsSync(owner.greetingPath) ? mediaOf('greeting', owner.greetingPath) : null;
      return { box, ownerName: owner.displayName, language: owner.language, greeting };
    },

    async saveMessage(message: NewVoicemailMessage): Promise<string> {
      const owner = db.orm.select({ id: users.id }).from(users).where(eq(users.extension, message.box)).get();
      if (!owner) throw new Error(`Cannot store a voicemail message: no person has extension ${message.box}`);
      // The call record this message was left in, found by its channel (the runtime's recorder chose the call id).
      const call = message.channelId
        ? db.orm
            .select({ id: calls.id })
            .from(calls)
            .where(eq(calls.channelId, message.channelId))
            .orderBy(desc(calls.startedAt))
            .get()
        : undefined;
      const audioPath = writeAudio(dir, 'message', message.audio);
      const id = newId('vm');
      try {
        db.orm
          .insert(voicemailMessages)
          .values({
            id,
            box: message.box,
            userId: owner.id,
            callerNumber: message.callerNumber,
            callerName: message.callerName,
            receivedAt: message.receivedAt,
            durationMs: Math.round(message.durationMs),
            audioPath,
            callId: call?.id ?? null,
          })
          .run();
      } catch (error) {
        rmSync(audioPath, { force: true });
        throw error;
      }
      changed(message.box);
      return id;
    },

    async pinMatches(box: string, pin: string): Promise<boolean | null> {
      const owner = db.orm.select({ hash: users.voicemailPinHash }).from(users).where(eq(users.extension, box)).get();
      return owner ? pinMatchesHash(pin, owner.hash) : null;
    },

    async checkPin(box: string, pin: string, policy: PinPolicy): Promise<PinCheck> {
      const check = await verifyVoicemailPin(db, box, pin, {
        maxAttempts: policy.maxAttempts,
        lockMs: policy.lockMs,
        now: policy.now,
      });
      if (check.ok) return { result: 'ok' };
      switch (check.reason) {
        case 'no-such-box':
          return { result: 'no-such-box' };
        case 'wrong-pin':
          return { result: 'wrong', attemptsLeft: check.attemptsLeft };
        case 'locked':
          // verifyVoicemailPin sets exactly now + lockMs when this PIN was the last one allowed.
          return {
            result: 'locked',
            until: check.lockedUntil,
            lockedNow: check.lockedUntil === policy.now + policy.lockMs,
          };
      }
    },

    messages(box: string): StoredVoicemailMessage[] {
      const rows = db.orm
        .select()
        .from(voicemailMessages)
        .where(and(eq(voicemailMessages.box, box), isNull(voicemailMessages.deletedAt)))
        .orderBy(sql`${voicemailMessages.heardAt} is not null`, voicemailMessages.receivedAt, voicemailMessages.id)
        .all();
      return rows.map((row) => ({
        id: row.id,
        box: row.box,
        callerNumber: row.callerNumber,
        callerName: row.callerName,
        receivedAt: row.receivedAt,
        durationMs: row.durationMs,
        heard: row.heardAt !== null,
        audio: mediaOf('message', row.audioPath),
      }));
    },

    markHeard(messageId: string, now: number): void {
      const result = db.orm
        .update(voicemailMessages)
        .set({ heardAt: now })
        .where(and(eq(voicemailMessages.id, messageId), isNull(voicemailMessages.heardAt)))
        .run();
      if (result.changes > 0) changed(boxOfMessage(messageId)!);
    },

    deleteMessage(messageId: string, now: number): void {
      // Soft delete, like the web inbox: the row stays for history, its audio is no longer served to anyone.
      const result = db.orm
        .update(voicemailMessages)
        .set({ deletedAt: now })
        .where(and(eq(voicemailMessages.id, messageId), isNull(voicemailMessages.deletedAt)))
        .run();
      if (result.changes > 0) changed(boxOfMessage(messageId)!);
    },

    async saveGreeting(box: string, audio: Uint8Array): Promise<void> {
      const owner = db.orm
        .select({ id: users.id, greetingPath: users.greetingPath })
        .from(users)
        .where(eq(users.extension, box))
        .get();
      if (!owner) throw new Error(`Cannot store a greeting: no person has extension ${box}`);
      const file = writeAudio(dir, 'greeting', audio);
      db.orm.update(users).set({ greetingPath: file, updatedAt: Date.now() }).where(eq(users.id, owner.id)).run();
      if (owner.greetingPath && owner.greetingPath !== file) rmSync(owner.greetingPath, { force: true });
    },
  };
}
