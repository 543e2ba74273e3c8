import type { PromptMedia } from '../call-port.ts';

// What the voicemail and voicemail-inbox executors need from the directory and the message store, as an interface:
// db/ implements it on SQLite and files, tests and the simulator may implement it in memory. No SQL in runtime/.

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
  /** The call it was left in, when recorded. */
  callId?: string;
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

export type PinCheck =
  | { result: 'ok' }
  | { result: 'wrong'; attemptsLeft: number }
  /** Too many wrong PINs: the box refuses every PIN until `until` (ms since the epoch). */
  | { result: 'locked'; until: number };

export interface VoicemailBoxes {
  box(box: string): VoicemailBox | null;
  saveMessage(message: NewVoicemailMessage): Promise<string>;
  checkPin(box: string, pin: string, now: number): PinCheck;
  /** Messages not deleted, new ones first, each group oldest first. */
  messages(box: string): StoredVoicemailMessage[];
  markHeard(messageId: string, now: number): void;
  deleteMessage(messageId: string, now: number): void;
  saveGreeting(box: string, audio: Uint8Array): Promise<void>;
}
