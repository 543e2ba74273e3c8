import type { PromptMedia } from '../call-port.ts';

// What the voicemail and voicemail-inbox executors need from the directory and the message store, as an interface:
// db/ implements it on SQLite and files (db/voicemail.ts), tests and the simulator may implement it in memory
// (runtime/memory-ports.ts). No SQL in runtime/.

export interface VoicemailBox {
  /** The box number: the owner's extension. */
  box: string;
  ownerName: string;
  /** The owner's language, for prompts spoken on their behalf. */
  language: string;
  /** The owner's recorded greeting, or null when they recorded none. */
  greeting: PromptMedia | null;
}

export interface NewVoicemailMessage {
  box: string;
  callerNumber: string;
  callerName: string;
  /** Milliseconds since the epoch. */
  receivedAt: number;
  durationMs: number;
  /** The message as an 8 kHz 16-bit mono WAV file. */
  audio: Uint8Array;
  /** The CallPort id (Asterisk channel or simulator id) of the call it was left in; the store links the call record. */
  channelId?: string;
}

export interface StoredVoicemailMessage {
  id: string;
  box: string;
  callerNumber: string;
  callerName: string;
  receivedAt: number;
  durationMs: number;
  heard: boolean;
  /** How a call plays the message. */
  audio: PromptMedia;
}

export interface PinPolicy {
  /** Wrong PINs in a row before the box locks. */
  maxAttempts: number;
  /** How long the box then refuses every PIN. */
  lockMs: number;
  /** Milliseconds since the epoch. */
  now: number;
}

export type PinCheck =
  | { result: 'ok' }
  /** No box has this number; callers are told "wrong PIN" so box numbers cannot be probed. */
  | { result: 'no-such-box' }
  | { result: 'wrong'; attemptsLeft: number }
  /**
   * Too many wrong PINs: the box refuses every PIN until `until` (ms since the epoch). `lockedNow` when this very
   * PIN was the last one allowed, so the caller can be told why.
   */
  | { result: 'locked'; until: number; lockedNow: boolean };

export interface VoicemailBoxes {
  box(box: string): VoicemailBox | null;
  saveMessage(message: NewVoicemailMessage): Promise<string>;
  /** Checks a PIN typed on the phone; wrong PINs count per box, across calls, until the right one or the lock. */
  checkPin(box: string, pin: string, policy: PinPolicy): Promise<PinCheck>;
  /** Whether the PIN is the box's, without counting a failure (test calls keep their own count); null: no box. */
  pinMatches(box: string, pin: string): Promise<boolean | null>;
  /** Messages not deleted, new ones first, each group oldest first. */
  messages(box: string): StoredVoicemailMessage[];
  markHeard(messageId: string, now: number): void;
  deleteMessage(messageId: string, now: number): void;
  /** Replaces the box's personal greeting (an 8 kHz 16-bit mono WAV file). */
  saveGreeting(box: string, audio: Uint8Array): Promise<void>;
}
