// The CallPort is everything a node executor may do to a call. The ARI adapter (runtime/ari/) implements it on a
// real Asterisk channel; the simulator implements it in memory and drives it from the browser. Executors never see
// which one they talk to: one interpreter, two ways to drive it.

/** What to play. Prompts are pre-rendered TTS files, addressed by content hash. */
export type PromptMedia =
  | { kind: 'prompt'; hash: string; text: string }
  | { kind: 'sound'; name: string } // an Asterisk sound, e.g. "hello-world"
  | { kind: 'audio-file'; fileId: string }; // an uploaded audio file served by Switchboard

export interface PlayOptions {
  /** Stop the playback as soon as the caller presses a key; the digit stays buffered for the next read. */
  bargeIn: boolean;
  signal: AbortSignal;
}

export type PlayResult =
  { outcome: 'finished' } | { outcome: 'interrupted'; digit: string } | { outcome: 'failed'; reason: string };

export interface DigitRequest {
  maxDigits: number;
  /** A key that ends the input early and is not part of the result, usually "#". */
  terminator?: string;
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
  signal: AbortSignal;
}

export interface DigitResult {
  digits: string;
  ended: 'max-digits' | 'terminator' | 'timeout';
}

export interface RecordRequest {
  /** The recording stops after this long whatever happens. */
  maxSeconds: number;
  /** The recording stops after this much silence (trailing silence is not kept where the platform can trim it). */
  silenceSeconds: number;
  /** Play a beep before recording starts. */
  beep: boolean;
  /** A key that ends the recording, usually "#"; it is not part of the audio. */
  terminator?: string;
  signal: AbortSignal;
}

export interface RecordResult {
  /** Why it stopped. "hung-up" still carries the audio recorded so far: a caller who speaks then hangs up leaves a message. */
  ended: 'terminator' | 'silence' | 'max-length' | 'hung-up';
  durationMs: number;
  /** An 8 kHz 16-bit mono WAV file, or null when nothing could be recorded. */
  audio: Uint8Array | null;
}

export type DialOutcome = 'answered' | 'no-answer' | 'busy' | 'failed';

export interface DialRequest {
  /** An Asterisk dial string, e.g. "PJSIP/bob". */
  endpoint: string;
  ringSeconds: number;
  callerId?: string;
  signal: AbortSignal;
  /**
   * Told the moment the callee answers and is connected to the caller. The call may still end with the caller
   * hanging up mid-conversation (dial then rejects), so this is the only sure sign for history that it was answered.
   */
  onAnswered?: (connected?: DialConnection) => void;
  /**
   * Asked when the callee answers, before they are connected: false hangs them up and the dial ends as no-answer
   * with `claimLost` set (a queue rang several agents and another one answered first). Connects when absent.
   */
  claim?: () => boolean | Promise<boolean>;
}

/** Where a dial's conversation lives in Asterisk (a runtime that restarts mid-conversation takes it back). */
export interface DialConnection {
  bridgeId: string;
  legId: string;
}

export interface ResumeDialRequest extends DialConnection {
  /** When the callee answered (before the restart), for the talk time. */
  answeredAt: number;
  signal: AbortSignal;
}

export interface DialResult {
  outcome: DialOutcome;
  /** Set when answered: how long the two parties were bridged. */
  talkMs?: number;
  detail?: string;
  /** The callee answered but `claim` said no: someone else had already taken the call. */
  claimLost?: boolean;
}

export interface CallParty {
  number: string;
  name: string;
}

export interface CallPort {
  /** Stable id of the call (the Asterisk channel id, or a simulator id). */
  readonly id: string;
  readonly dialledNumber: string;
  readonly caller: CallParty;
  readonly simulated: boolean;
  /**
   * The SIP account (PJSIP endpoint) the call came from, read from the channel's name "PJSIP/<endpoint>-<n>":
   * who is really calling, where the caller number is whatever the caller's phone or trunk says. Absent for calls
   * that did not come in over PJSIP (Local channels, the simulator). A person's browser device ("bob~web") gives the
   * person's username ("bob"): the browser is that person.
   */
  readonly sipEndpoint?: string;
  /** Aborted the moment the caller hangs up. Every wait an executor starts must honour it. */
  readonly hangupSignal: AbortSignal;

  answer(): Promise<void>;
  play(media: PromptMedia, options: PlayOptions): Promise<PlayResult>;
  /** Reads digits, starting with any digits already buffered (pressed during a barge-in prompt). */
  readDigits(request: DigitRequest): Promise<DigitResult>;
  /** Forgets buffered digits, so keys pressed before a menu cannot answer it. */
  clearDigits(): void;
  /** Rings the target; when answered, bridges it with the caller and resolves once the conversation ends. */
  dial(request: DialRequest): Promise<DialResult>;
  /**
   * Takes back a conversation a previous run of the runtime bridged (the call survived a restart): waits until the
   * caller or the callee hangs up, then hangs up the callee and destroys the bridge, like dial() after an answer.
   * Only ports of real channels have it.
   */
  resumeDial?(request: ResumeDialRequest): Promise<DialResult>;
  /**
   * Records the caller. Resolves (does not reject) when the caller hangs up meanwhile, with what was recorded; rejects
   * only when `signal` aborts for another reason (the session stopped) or the recording could not start.
   */
  record(request: RecordRequest): Promise<RecordResult>;
  hangup(): Promise<void>;
  /** Plays music on hold of an Asterisk class ("default") until stopMusic() or a dial connects the caller. */
  startMusic(musicClass: string): Promise<void>;
  stopMusic(): Promise<void>;
}

/** Thrown (or used as abort reason) when the caller hangs up; the session loop treats it as a normal end. */
export class CallerHungUp extends Error {
  constructor() {
    super('The caller hung up');
    this.name = 'CallerHungUp';
  }
}

/**
 * The call ended without the caller hanging up: Asterisk shut down or restarted, or the channel vanished while the
 * runtime was disconnected from it. Still a CallerHungUp (every wait stops the same way), but history records the
 * call as "lost" with this detail, not as the caller's hang-up.
 */
export class ChannelLost extends CallerHungUp {
  constructor(readonly detail: string) {
    super();
    this.name = 'ChannelLost';
    this.message = `The call's channel was lost: ${detail}`;
  }
}
