import { randomUUID } from 'node:crypto';
import {
  CallerHungUp,
  type CallParty,
  type CallPort,
  type DialOutcome,
  type DialRequest,
  type DialResult,
  type DigitRequest,
  type DigitResult,
  type PlayOptions,
  type PlayResult,
  type PromptMedia,
  type RecordRequest,
  type RecordResult,
} from './call-port.ts';
import { quietToneWav } from './audio/wav.ts';
import { personOfDialString } from './person-dial.ts';

// A CallPort with no telephone behind it, driven by code: tests and the browser simulator press keys, hang up,
// answer dial questions and skip waits. Waits use real timers (a 5 s menu timeout takes 5 s) unless skipped, so
// what a tester sees matches what a caller would live. It keeps count of its timers, listeners and waits, so a test
// can prove that nothing is left running once a call is over.

/** What the call is waiting for right now. */
export type SimulatedWait =
  | { kind: 'play'; media: PromptMedia; bargeIn: boolean }
  | { kind: 'digits'; request: Omit<DigitRequest, 'signal'> }
  | { kind: 'dial'; endpoint: string; ringSeconds: number; phase: 'ringing' | 'talking' }
  /** Recording the caller ("recording…"): the keypad's terminator or a hangup ends it, skipWait counts as silence. */
  | { kind: 'record'; request: Omit<RecordRequest, 'signal'> };

export type SimulatedWaitKind = SimulatedWait['kind'];

/** One line of the call's transcript. */
export type SimulatedCallEntry =
  | { kind: 'answered' }
  | { kind: 'played'; media: PromptMedia; outcome: PlayResult['outcome'] | 'cut-off' }
  | { kind: 'keys-pressed'; keys: string }
  | { kind: 'digits-read'; digits: string; ended: DigitResult['ended'] }
  | { kind: 'dialled'; endpoint: string; outcome: DialOutcome }
  | { kind: 'music'; playing: boolean; musicClass?: string }
  | { kind: 'recorded'; ended: RecordResult['ended']; durationMs: number }
  | { kind: 'hung-up'; by: 'caller' | 'flow' };

/** A question the simulated call puts to the tester instead of a real phone. */
export interface DialQuestion {
  kind: 'dial';
  endpoint: string;
  ringSeconds: number;
  callerId?: string;
}

export type DialAnswer = DialOutcome | DialResult;

export interface SimulatedCallOptions {
  id?: string;
  dialledNumber: string;
  caller?: CallParty;
  /** The SIP account the call comes from (tests of feature codes); absent like a call from outside. */
  sipEndpoint?: string;
  /** How long a playback lasts: 0 in tests, the real audio duration in the browser simulator. Default 0. */
  playbackMs?: number | ((media: PromptMedia) => number);
  /** Returns why a media cannot be played (a missing uploaded file...), or undefined when it plays. */
  playbackFailure?: (media: PromptMedia) => string | undefined;
  /** Outcomes of the next dials, in order; taken before `decide` is asked. */
  dialOutcomes?: DialAnswer[];
  /**
   * Asked for a dial outcome when the queue is empty. The signal is aborted if the question no longer matters
   * (the caller hung up, the wait was skipped). Without `decide`, an unqueued dial rings out: no-answer.
   */
  decide?: (question: DialQuestion, signal: AbortSignal) => Promise<DialAnswer>;
  /** Told whenever the call starts waiting (the wait) or stops (null), for live views such as the browser simulator. */
  onWaitChange?: (wait: SimulatedWait | null) => void;
}

interface Settle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
  /** A timer cleared when the wait ends, whatever ends it. */
  timer(ms: number, fire: () => void): () => void;
  readonly settled: boolean;
}

interface WaitHandlers {
  /** Set when the wait takes keys itself (reading digits); otherwise keys are buffered. */
  takeKey?(digit: string): void;
  /** Called after a key was buffered (a barge-in playback stops). */
  keyBuffered?(digit: string): void;
  /** Ends the wait now, as if its time had run out. */
  skip(): void;
  /** Called when the wait is abandoned because of a hangup or an aborted signal. */
  abandoned?(): void;
  /** Always called once the wait is over. */
  cleanup?(): void;
}

interface ActiveWait extends WaitHandlers {
  description: SimulatedWait;
  abandon(reason: unknown): void;
}

interface Waiter {
  kind: SimulatedWaitKind | undefined;
  resolve(wait: SimulatedWait): void;
  reject(error: Error): void;
}

const KEYS = /^[0-9*#]+$/;

function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new CallerHungUp();
}

export class SimulatedCall implements CallPort {
  readonly id: string;
  readonly dialledNumber: string;
  readonly caller: CallParty;
  readonly simulated = true;
  readonly sipEndpoint?: string;
  readonly transcript: SimulatedCallEntry[] = [];

  private readonly hangupController = new AbortController();
  private readonly playbackMs: (media: PromptMedia) => number;
  private readonly playbackFailure: (media: PromptMedia) => string | undefined;
  private readonly dialOutcomes: DialAnswer[];
  private readonly decide: SimulatedCallOptions['decide'];
  private readonly onWaitChange: (wait: SimulatedWait | null) => void;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private abortListeners = 0;
  private buffered: string[] = [];
  private active: ActiveWait | null = null;
  private waiters: Waiter[] = [];
  private endedBy: 'caller' | 'flow' | null = null;
  /** Speech added by speakFor() to the recording in progress, on top of the real time it has lasted. */
  private spokenMs = 0;

  constructor(options: SimulatedCallOptions) {
    this.id = options.id ?? `sim-${randomUUID()}`;
    this.dialledNumber = options.dialledNumber;
    this.caller = options.caller ?? { number: '0600000000', name: 'Simulator' };
    if (options.sipEndpoint !== undefined) this.sipEndpoint = options.sipEndpoint;
    const playbackMs = options.playbackMs ?? 0;
    this.playbackMs = typeof playbackMs === 'number' ? () => playbackMs : playbackMs;
    this.playbackFailure = options.playbackFailure ?? (() => undefined);
    this.dialOutcomes = [...(options.dialOutcomes ?? [])];
    this.decide = options.decide;
    this.onWaitChange = options.onWaitChange ?? (() => {});
  }

  get hangupSignal(): AbortSignal {
    return this.hangupController.signal;
  }

  // ---- Driven by the tester ----

  /** The caller presses keys, e.g. "2" or "1234#". */
  pressKeys(keys: string): void {
    if (!KEYS.test(keys)) throw new Error(`pressKeys: "${keys}" is not a sequence of keys (0-9, * and #)`);
    if (this.endedBy) throw new Error(`pressKeys: the call is over (hung up by the ${this.endedBy})`);
    this.transcript.push({ kind: 'keys-pressed', keys });
    for (const digit of keys) {
      const active = this.active;
      if (active?.takeKey) {
        active.takeKey(digit);
      } else {
        this.buffered.push(digit);
        active?.keyBuffered?.(digit);
      }
    }
  }

  /**
   * The caller hangs up: the hangup signal aborts and whatever the call was waiting for stops at once. Tests pass a
   * ChannelLost to play a call cut by Asterisk going away instead.
   */
  hangUp(reason: CallerHungUp = new CallerHungUp()): void {
    if (this.endedBy) return;
    this.end('caller');
    this.hangupController.abort(reason);
  }

  /**
   * The caller speaks for `ms` during the recording in progress: it counts in the recorded duration without taking
   * that long (tests), on top of the real time the recording lasts (the browser).
   */
  speakFor(ms: number): void {
    if (this.active?.description.kind !== 'record') throw new Error('speakFor: the call is not recording');
    this.spokenMs += ms;
  }

  /** Ends the current wait now: a prompt finishes, a digit read times out, a ringing phone gives no answer. */
  skipWait(): boolean {
    if (!this.active) return false;
    this.active.skip();
    return true;
  }

  /** Resolves when the call waits for something (of this kind), at once if it already does. */
  waitingFor(kind?: SimulatedWaitKind): Promise<SimulatedWait> {
    if (this.active && (kind === undefined || this.active.description.kind === kind)) {
      return Promise.resolve(this.active.description);
    }
    if (this.endedBy) return Promise.reject(new Error(`The call is over: it will not wait for ${kind ?? 'anything'}`));
    return new Promise((resolve, reject) => this.waiters.push({ kind, resolve, reject }));
  }

  get currentWait(): SimulatedWait | null {
    return this.active?.description ?? null;
  }

  get ended(): 'caller' | 'flow' | null {
    return this.endedBy;
  }

  /** What is still running; all zero once a call is over, or something leaks. */
  pendingWork(): { timers: number; waits: number; abortListeners: number; waiters: number } {
    return {
      timers: this.timers.size,
      waits: this.active ? 1 : 0,
      abortListeners: this.abortListeners,
      waiters: this.waiters.length,
    };
  }

  /** What the caller heard, in order: prompt texts, "sound:<name>" and "file:<id>". */
  playedTexts(): string[] {
    return this.transcript.flatMap((entry) => {
      if (entry.kind !== 'played') return [];
      const { media } = entry;
      return [
        media.kind === 'prompt' ? media.text : media.kind === 'sound' ? `sound:${media.name}` : `file:${media.fileId}`,
      ];
    });
  }

  // ---- CallPort, used by the executors ----

  async answer(): Promise<void> {
    this.assertOpen('answer');
    this.transcript.push({ kind: 'answered' });
  }

  play(media: PromptMedia, options: PlayOptions): Promise<PlayResult> {
    return this.begin<PlayResult>({ kind: 'play', media, bargeIn: options.bargeIn }, options.signal, (settle) => {
      const entry: SimulatedCallEntry & { kind: 'played' } = { kind: 'played', media, outcome: 'cut-off' };
      this.transcript.push(entry);
      const finish = (result: PlayResult) => {
        entry.outcome = result.outcome;
        settle.resolve(result);
      };
      const firstBuffered = this.buffered[0];
      const failure = this.playbackFailure(media);
      if (failure !== undefined) {
        finish({ outcome: 'failed', reason: failure });
      } else if (options.bargeIn && firstBuffered !== undefined) {
        finish({ outcome: 'interrupted', digit: firstBuffered });
      } else {
        settle.timer(this.playbackMs(media), () => finish({ outcome: 'finished' }));
      }
      return {
        keyBuffered: (digit) => {
          if (options.bargeIn) finish({ outcome: 'interrupted', digit });
        },
        skip: () => finish({ outcome: 'finished' }),
      };
    });
  }

  readDigits(request: DigitRequest): Promise<DigitResult> {
    const { signal, ...shown } = request;
    return this.begin<DigitResult>({ kind: 'digits', request: shown }, signal, (settle) => {
      let digits = '';
      let cancelTimer = () => {};
      const finish = (ended: DigitResult['ended']) => {
        this.transcript.push({ kind: 'digits-read', digits, ended });
        settle.resolve({ digits, ended });
      };
      const take = (digit: string) => {
        if (request.terminator !== undefined && digit === request.terminator) return finish('terminator');
        digits += digit;
        if (digits.length >= request.maxDigits) return finish('max-digits');
        cancelTimer();
        cancelTimer = settle.timer(request.interDigitTimeoutMs, () => finish('timeout'));
      };
      // Keys pressed during a barge-in prompt are the start of the answer.
      while (this.buffered.length > 0 && !settle.settled) take(this.buffered.shift()!);
      if (!settle.settled && digits === '') {
        cancelTimer = settle.timer(request.firstDigitTimeoutMs, () => finish('timeout'));
      }
      return { takeKey: take, skip: () => finish('timeout') };
    });
  }

  clearDigits(): void {
    this.buffered = [];
  }

  /** The music class playing to the caller now, or null. */
  musicClass: string | null = null;

  startMusic(musicClass: string): Promise<void> {
    this.assertOpen('music');
    this.musicClass = musicClass;
    this.transcript.push({ kind: 'music', playing: true, musicClass });
    return Promise.resolve();
  }

  stopMusic(): Promise<void> {
    if (this.musicClass !== null) this.transcript.push({ kind: 'music', playing: false });
    this.musicClass = null;
    return Promise.resolve();
  }

  dial(request: DialRequest): Promise<DialResult> {
    const { ringSeconds, callerId, signal } = request;
    // The tester reads who is rung: a person by their username, not the Local channel that rings their devices.
    const endpoint = personOfDialString(request.endpoint) ?? request.endpoint;
    const description: SimulatedWait = { kind: 'dial', endpoint, ringSeconds, phase: 'ringing' };
    return this.begin<DialResult>(description, signal, (settle) => {
      let answered: DialResult | null = null;
      const question = new AbortController();
      const conclude = (result: DialResult) => {
        this.transcript.push({ kind: 'dialled', endpoint, outcome: result.outcome });
        settle.resolve(result);
      };
      const decided = (answer: DialAnswer) => {
        if (settle.settled) return;
        const result = typeof answer === 'string' ? { outcome: answer } : answer;
        if (result.outcome !== 'answered') return conclude(result);
        // A dial without a claim (a dial node) answered without a talk time: over at once, as before.
        if (!request.claim && !result.talkMs) return conclude(result);
        // Answered: the callee claims the caller first (a queue agent: docs/decisions/014), then the conversation
        // lasts talkMs, unless the tester skips to its end.
        void Promise.resolve(request.claim ? request.claim() : true).then((claimed) => {
          if (settle.settled) return;
          if (!claimed) return conclude({ outcome: 'no-answer', claimLost: true });
          if (!result.talkMs) {
            request.onAnswered?.();
            return conclude(result);
          }
          answered = result;
          description.phase = 'talking';
          this.musicClass = null;
          request.onAnswered?.();
          settle.timer(result.talkMs!, () => conclude(result));
        });
      };
      const queued = this.dialOutcomes.shift();
      if (queued !== undefined) {
        decided(queued);
      } else if (this.decide) {
        const asked: DialQuestion = { kind: 'dial', endpoint, ringSeconds, ...(callerId ? { callerId } : {}) };
        this.decide(asked, question.signal).then(decided, (error: unknown) => {
          if (!settle.settled) settle.reject(error);
        });
      } else {
        settle.timer(ringSeconds * 1000, () => conclude({ outcome: 'no-answer' }));
      }
      return {
        skip: () => conclude(answered ?? { outcome: 'no-answer' }),
        cleanup: () => question.abort(new Error('The dial is over')),
      };
    });
  }

  record(request: RecordRequest): Promise<RecordResult> {
    const { signal, ...shown } = request;
    return this.begin<RecordResult>({ kind: 'record', request: shown }, signal, (settle) => {
      const startedAt = Date.now();
      this.spokenMs = 0;
      const result = (ended: RecordResult['ended']): RecordResult => {
        const durationMs = Math.min(Date.now() - startedAt + this.spokenMs, request.maxSeconds * 1000);
        this.transcript.push({ kind: 'recorded', ended, durationMs });
        return { ended, durationMs, audio: quietToneWav(durationMs) };
      };
      settle.timer(request.maxSeconds * 1000, () => settle.resolve(result('max-length')));
      return {
        takeKey: (digit) => {
          if (digit === request.terminator) settle.resolve(result('terminator'));
        },
        skip: () => settle.resolve(result('silence')),
        // A caller who hangs up mid-message still leaves it; any other end (the flow, a stopped session) rejects.
        abandoned: () => {
          if (this.endedBy === 'caller') settle.resolve(result('hung-up'));
        },
      };
    });
  }

  async hangup(): Promise<void> {
    if (this.endedBy) return;
    this.end('flow');
  }

  // ---- Internals ----

  /**
   * Runs one wait: only one at a time (a session does one thing at a time; two at once is an executor bug), ended by
   * its own logic, by skipWait(), by the request's signal or by a hangup. Whatever ends it clears its timers and
   * listeners.
   */
  private begin<T>(
    description: SimulatedWait,
    signal: AbortSignal,
    setup: (settle: Settle<T>) => WaitHandlers,
  ): Promise<T> {
    try {
      this.assertOpen(description.kind);
      if (this.active) {
        throw new Error(
          `The simulated call is asked to ${description.kind} while it waits for ${this.active.description.kind}`,
        );
      }
    } catch (error) {
      return Promise.reject(error);
    }
    if (signal.aborted) return Promise.reject(abortReason(signal));

    return new Promise<T>((resolve, reject) => {
      const cleanups: (() => void)[] = [];
      let settled = false;
      let handlers: WaitHandlers | null = null;
      const finish = (complete: () => void) => {
        if (settled) return;
        settled = true;
        for (const cleanup of cleanups.splice(0)) cleanup();
        handlers?.cleanup?.();
        if (this.active === wait) {
          this.active = null;
          this.onWaitChange(null);
        }
        complete();
      };
      const settle: Settle<T> = {
        resolve: (value) => finish(() => resolve(value)),
        reject: (error) => finish(() => reject(error)),
        timer: (ms, fire) => {
          if (settled) return () => {};
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            fire();
          }, ms);
          this.timers.add(timer);
          const cancel = () => {
            clearTimeout(timer);
            this.timers.delete(timer);
          };
          cleanups.push(cancel);
          return cancel;
        },
        get settled() {
          return settled;
        },
      };
      const abandon = (reason: unknown) => {
        if (settled) return;
        handlers?.abandoned?.();
        settle.reject(reason);
      };
      const onAbort = () => abandon(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      this.abortListeners += 1;
      cleanups.push(() => {
        signal.removeEventListener('abort', onAbort);
        this.abortListeners -= 1;
      });

      const wait: ActiveWait = { description, skip: () => handlers?.skip(), abandon };
      this.active = wait;
      handlers = setup(settle);
      if (settled) {
        handlers.cleanup?.();
        return;
      }
      Object.assign(wait, handlers, { description, abandon });
      this.onWaitChange(description);
      this.notifyWaiters(description);
    });
  }

  private notifyWaiters(description: SimulatedWait): void {
    const matching = this.waiters.filter((waiter) => waiter.kind === undefined || waiter.kind === description.kind);
    this.waiters = this.waiters.filter((waiter) => !matching.includes(waiter));
    for (const waiter of matching) waiter.resolve(description);
  }

  private end(by: 'caller' | 'flow'): void {
    this.endedBy = by;
    this.transcript.push({ kind: 'hung-up', by });
    this.active?.abandon(by === 'caller' ? new CallerHungUp() : new Error('The flow hung up the call'));
    this.buffered = [];
    const waiters = this.waiters.splice(0);
    for (const waiter of waiters)
      waiter.reject(new Error(`The call ended (hung up by the ${by}) before waiting for ${waiter.kind ?? 'anything'}`));
  }

  private assertOpen(action: string): void {
    if (this.endedBy === 'caller') throw new CallerHungUp();
    if (this.endedBy === 'flow') throw new Error(`Cannot ${action}: the flow already hung up this call`);
  }
}
