// One "dial" of a call: originate the target into our Stasis app, wait for it to answer, bridge it with the caller
// and wait until the callee hangs up. The callee is a channel we own: whatever happens (callee hangs up, caller hangs
// up, the flow cancels, ARI fails) the leg is hung up and the bridge destroyed before run() settles.
import { randomUUID } from 'node:crypto';
import type { DialConnection, DialRequest, DialResult } from '#runtime/call-port.ts';
import { abortedReason, onAnyAbort } from './abort.ts';
import { DIAL_LEG_MARK, type AriEventJson } from './ari-events.ts';
import { errorMessage, type AriRest } from './ari-rest.ts';
import { dialOutcomeFromCause } from './dial-outcome.ts';

/** Extra time past the ring time before we stop waiting for Asterisk to report the originate's timeout itself. */
export const RING_GRACE_MS = 5_000;

type LegSignal = { kind: 'answered' } | { kind: 'gone'; cause?: number; causeText?: string } | { kind: 'left-stasis' };

export interface DialAttemptDeps {
  rest: AriRest;
  callerChannelId: string;
  /** The caller must be answered before it can talk to anyone. */
  ensureCallerAnswered(): Promise<void>;
  /** Aborted when the caller hangs up. */
  hangupSignal: AbortSignal;
}

export class DialAttempt {
  readonly legId: string;
  private readonly queue: LegSignal[] = [];
  private wake: (() => void) | undefined;
  private legExists = false;
  private legGone = false;
  private bridgeId: string | undefined;
  private phase: 'originating' | 'ringing' | 'bridging' | 'bridged' | 'over' = 'originating';

  constructor(
    private readonly deps: DialAttemptDeps,
    private readonly request: DialRequest,
    /** The conversation a previous run of the runtime bridged, to take back with resumeBridged(). */
    private readonly existing?: DialConnection,
  ) {
    if (existing) this.legId = existing.legId;
    else {
      validateDialRequest(request);
      this.legId = `dial-${randomUUID()}`;
    }
  }

  /**
   * Takes back the conversation `existing` after a runtime restart: waits until the callee leaves (or the caller,
   * which rejects like run()), then hangs up the callee and destroys the bridge, as run() does after an answer.
   */
  async resumeBridged(answeredAt: number): Promise<DialResult> {
    if (!this.existing) throw new Error('resumeBridged needs the conversation to take back');
    const signals = [this.request.signal, this.deps.hangupSignal];
    const already = abortedReason(signals);
    if (already) throw already.reason;
    this.legExists = true;
    this.bridgeId = this.existing.bridgeId;
    this.phase = 'bridged';
    try {
      // Its hang-up may have come before the leg's events were routed here: ask Asterisk (an event meanwhile is queued).
      if ((await this.deps.rest.channelState(this.legId)) === undefined) {
        this.legGone = true;
        return { outcome: 'answered', talkMs: Date.now() - answeredAt, detail: 'the callee left during the restart' };
      }
      for (;;) {
        const next = await this.nextSignal(signals, Number.POSITIVE_INFINITY);
        if (next !== 'timeout' && (next.kind === 'gone' || next.kind === 'left-stasis')) {
          return { outcome: 'answered', talkMs: Date.now() - answeredAt };
        }
      }
    } finally {
      this.phase = 'over';
      await this.cleanUp(undefined);
    }
  }

  /** Events of the leg channel (routed here by id). */
  handleLegEvent(event: AriEventJson): void {
    if (event.type === 'StasisStart') this.push({ kind: 'answered' });
    else if (event.type === 'StasisEnd') this.push({ kind: 'left-stasis' });
    else if (event.type === 'ChannelDestroyed') {
      this.legGone = true;
      this.push({ kind: 'gone', cause: event.cause, causeText: event.cause_txt });
    }
  }

  /** After a reconnect: a leg that is up while we still wait for it answered during the gap. */
  async recheckAfterReconnect(): Promise<void> {
    if (this.phase !== 'ringing') return;
    const state = await this.deps.rest.channelState(this.legId);
    if (state === 'Up' && this.phase === 'ringing') this.push({ kind: 'answered' });
  }

  /** The leg vanished while ARI was away (found missing on resync). */
  handleLegLost(): void {
    this.legGone = true;
    this.push({ kind: 'gone', causeText: 'the dialled channel was lost while ARI was disconnected' });
  }

  async run(): Promise<DialResult> {
    const signals = [this.request.signal, this.deps.hangupSignal];
    const already = abortedReason(signals);
    if (already) throw already.reason;
    let originate: Promise<void> | undefined;
    try {
      originate = this.deps.rest.originate({
        endpoint: this.request.endpoint,
        channelId: this.legId,
        appArgs: `${DIAL_LEG_MARK},${this.deps.callerChannelId}`,
        timeoutSeconds: this.request.ringSeconds,
        callerId: this.request.callerId,
      });
      try {
        await this.untilAborted(originate, signals);
      } catch (error) {
        if (abortedReason(signals)) throw error;
        return { outcome: 'failed', detail: `Could not dial ${this.request.endpoint}: ${errorMessage(error)}` };
      }
      this.legExists = true;
      this.phase = 'ringing';

      const ringDeadline = Date.now() + this.request.ringSeconds * 1000 + RING_GRACE_MS;
      for (;;) {
        const next = await this.nextSignal(signals, ringDeadline - Date.now());
        if (next === 'timeout')
          return { outcome: 'no-answer', detail: `no answer after ${this.request.ringSeconds} s` };
        if (next.kind === 'answered') break;
        if (next.kind === 'gone') {
          return {
            outcome: dialOutcomeFromCause(next.cause),
            detail: next.causeText ?? `hangup cause ${next.cause ?? 'unknown'}`,
          };
        }
      }

      if (this.request.claim) {
        let claimed: boolean;
        try {
          claimed = await this.untilAborted(Promise.resolve(this.request.claim()), signals);
        } catch (error) {
          if (abortedReason(signals)) throw error;
          claimed = false;
        }
        if (!claimed)
          return { outcome: 'no-answer', claimLost: true, detail: 'answered after someone else took the call' };
      }
      this.phase = 'bridging';
      try {
        await this.untilAborted(this.bridgeWithCaller(), signals);
      } catch (error) {
        if (abortedReason(signals)) throw error;
        if (this.legGone) return { outcome: 'answered', talkMs: 0 }; // the callee hung up at once
        return {
          outcome: 'failed',
          detail: `Answered but could not be connected to the caller: ${errorMessage(error)}`,
        };
      }
      this.phase = 'bridged';
      this.request.onAnswered?.({ bridgeId: this.bridgeId!, legId: this.legId });
      const talkStartedAt = Date.now();
      for (;;) {
        const next = await this.nextSignal(signals, Number.POSITIVE_INFINITY);
        if (next !== 'timeout' && (next.kind === 'gone' || next.kind === 'left-stasis')) {
          return { outcome: 'answered', talkMs: Date.now() - talkStartedAt };
        }
      }
    } finally {
      this.phase = 'over';
      await this.cleanUp(originate);
    }
  }

  private async bridgeWithCaller(): Promise<void> {
    await this.deps.ensureCallerAnswered();
    const bridgeId = `bridge-${this.legId}`;
    await this.deps.rest.createMixingBridge(bridgeId);
    this.bridgeId = bridgeId;
    await this.deps.rest.addToBridge(bridgeId, [this.deps.callerChannelId, this.legId]);
  }

  private async cleanUp(originate: Promise<void> | undefined): Promise<void> {
    this.wake = undefined;
    // If we gave up while originate was still in flight, the leg may appear right after: wait for the answer first.
    if (originate)
      this.legExists = await originate.then(
        () => true,
        () => false,
      );
    if (this.legExists && !this.legGone) await this.quietly(this.deps.rest.hangup(this.legId));
    if (this.bridgeId) await this.quietly(this.deps.rest.destroyBridge(this.bridgeId));
  }

  /** Best effort: "not found" means it is already gone; anything else is covered by the orphan-leg handling. */
  private async quietly(operation: Promise<void>): Promise<void> {
    await operation.catch(() => {});
  }

  private push(signal: LegSignal): void {
    this.queue.push(signal);
    this.wake?.();
  }

  private nextSignal(signals: AbortSignal[], timeoutMs: number): Promise<LegSignal | 'timeout'> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    const already = abortedReason(signals);
    if (already) return Promise.reject(already.reason);
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        this.wake = undefined;
        clearTimeout(timer);
        stopWatchingAbort();
      };
      this.wake = () => {
        const next = this.queue.shift();
        if (!next) return;
        done();
        resolve(next);
      };
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(
          () => {
            done();
            resolve('timeout');
          },
          Math.max(0, timeoutMs),
        );
      }
      const stopWatchingAbort = onAnyAbort(signals, (reason) => {
        done();
        reject(reason);
      });
    });
  }

  /** Waits for `operation` but rejects at once on abort (the operation itself keeps running; cleanUp awaits it). */
  private untilAborted<T>(operation: Promise<T>, signals: AbortSignal[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stopWatchingAbort = onAnyAbort(signals, reject);
      operation.then(
        (value) => {
          stopWatchingAbort();
          resolve(value);
        },
        (error: unknown) => {
          stopWatchingAbort();
          reject(error);
        },
      );
    });
  }
}

export function validateDialRequest(request: DialRequest): void {
  if (typeof request.endpoint !== 'string' || !/^[^\s/]+\/\S+$/.test(request.endpoint)) {
    throw new Error(`dial: endpoint must be an Asterisk dial string like "PJSIP/bob", got "${request.endpoint}"`);
  }
  if (!Number.isFinite(request.ringSeconds) || request.ringSeconds < 1 || request.ringSeconds > 600) {
    throw new Error(`dial: ringSeconds must be between 1 and 600, got ${request.ringSeconds}`);
  }
}
