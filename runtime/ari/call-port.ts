// AriCallPort: the CallPort of one real call, i.e. one channel in our Stasis application. It never touches HTTP or the
// WebSocket: REST goes through AriRest, events arrive from AriConnection already routed to this channel. Every wait it starts
// (playback, digits, dial) ends when the caller hangs up or the executor's signal aborts, and leaves nothing behind.
import { randomUUID } from 'node:crypto';
import {
  CallerHungUp,
  ChannelLost,
  type CallParty,
  type CallPort,
  type DialRequest,
  type DialResult,
  type DigitRequest,
  type DigitResult,
  type PlayOptions,
  type PlayResult,
  type PromptMedia,
  type RecordRequest,
  type RecordResult,
  type ResumeDialRequest,
} from '#runtime/call-port.ts';
import { readWav } from '#runtime/audio/wav.ts';
import { abortedReason, onAnyAbort, sleep } from './abort.ts';
import type { AriChannelJson, AriEventJson } from './ari-events.ts';
import { errorMessage, isNotFoundError, type AriRest } from './ari-rest.ts';
import { DialAttempt } from './dial-attempt.ts';
import { DigitBuffer, readDigits } from './digit-buffer.ts';
import { mediaUri, type MediaLocations } from './media-uri.ts';
import { DEVICE_STASIS_CONTEXT } from '#provisioning/asterisk/extensions-conf.ts';
import { personOfDevice } from '#provisioning/asterisk/browser-device.ts';

// The channel disappeared without the caller hanging up (ARI was disconnected meanwhile, Asterisk shut down, or the
// adapter stopped): the session records such a call as "lost".
export { ChannelLost };

/**
 * ChannelHangupRequest's `cause` is a soft-hangup flag when `soft` is true; AST_SOFTHANGUP_SHUTDOWN (1 << 2) is the
 * one Asterisk sets on every channel when it shuts down or restarts (`core restart now`...). A caller's BYE is a
 * hard hang-up request with a Q.850 cause (16, normal clearing), never `soft`.
 */
const SOFTHANGUP_SHUTDOWN = 4;

/** "PJSIP/alice-0000002a" -> "alice": the endpoint of a PJSIP channel's name; null for other channels. */
export function pjsipEndpointOf(channelName: string | undefined): string | null {
  const match = /^PJSIP\/(.+)-[0-9a-f]+$/.exec(channelName ?? '');
  return match ? match[1]! : null;
}

/**
 * A browser device's call arrives on a Local channel (extensions-conf.ts, deviceContexts) whose Stasis arguments are
 * "<number>,device,<endpoint>". Trusted only from that context: there, the dialplan wrote them, not the caller.
 */
export function browserDeviceOf(channel: AriChannelJson, stasisArgs: readonly string[]): string | null {
  if (channel.dialplan?.context !== DEVICE_STASIS_CONTEXT || stasisArgs[1] !== 'device') return null;
  return stasisArgs[2] || null;
}

/** Abort reason after the flow itself hung up the call. */
export class CallHungUpByFlow extends Error {
  constructor() {
    super('The flow hung up the call');
    this.name = 'CallHungUpByFlow';
  }
}

export interface AriCallPortDeps {
  rest: AriRest;
  /** The Stasis app this port's channel is in, and its dial legs are originated into. */
  app: string;
  media: MediaLocations;
  /** Route events of a dial leg we are about to originate to this port. */
  claimDialLeg(legId: string): void;
  /** The dial is over (its leg hung up or never created): stop routing the leg's events here. */
  releaseDialLeg(legId: string): void;
  /** Called once, when the call is over for this port (hangup, channel lost, adapter stopped). */
  onEnded(): void;
  /**
   * How long a failed playback waits for the channel's end before it is reported as failed: a caller hanging up
   * mid-prompt fails the playback (or the REST call) just before StasisEnd arrives. Default 500 ms.
   */
  playbackFailureGraceMs?: number;
}

export class AriCallPort implements CallPort {
  readonly id: string;
  readonly dialledNumber: string;
  readonly caller: CallParty;
  readonly simulated = false;
  readonly sipEndpoint?: string;
  private readonly ended = new AbortController();
  private readonly digits = new DigitBuffer();
  private readonly playbackListeners = new Map<string, (event: AriEventJson) => void>();
  private readonly recordingListeners = new Map<string, (event: AriEventJson) => void>();
  private readonly dials = new Map<string, DialAttempt>();
  private channelState: string;
  /** Set by ChannelHangupRequest: StasisEnd follows within milliseconds. */
  private hangupRequested = false;
  /** Set when that request came from Asterisk shutting down, not from the caller. */
  private asteriskShuttingDown = false;

  constructor(
    channel: AriChannelJson,
    stasisArgs: readonly string[],
    private readonly deps: AriCallPortDeps,
  ) {
    this.id = channel.id;
    // Args come from the dialplan, Stasis(app,${EXTEN}); the channel's own extension is the fallback.
    this.dialledNumber = stasisArgs[0] ?? channel.dialplan?.exten ?? '';
    this.caller = { number: channel.caller?.number ?? '', name: channel.caller?.name ?? '' };
    this.channelState = channel.state ?? 'Unknown';
    // A person's browser ("bob~web") is that person: feature codes and caller identification see "bob".
    const endpoint = pjsipEndpointOf(channel.name) ?? browserDeviceOf(channel, stasisArgs);
    if (endpoint !== null) this.sipEndpoint = personOfDevice(endpoint);
  }

  get hangupSignal(): AbortSignal {
    return this.ended.signal;
  }

  get isEnded(): boolean {
    return this.ended.signal.aborted;
  }

  /** Digits pressed and not yet read (for tests and diagnostics). */
  get bufferedDigits(): string {
    return this.digits.pending;
  }

  async answer(): Promise<void> {
    this.throwIfEnded();
    if (this.channelState === 'Up') return;
    try {
      await this.deps.rest.answer(this.id);
      this.channelState = 'Up';
    } catch (error) {
      this.throwIfEnded();
      throw new Error(`Could not answer channel ${this.id}: ${errorMessage(error)}`);
    }
  }

  play(media: PromptMedia, options: PlayOptions): Promise<PlayResult> {
    const signals = [options.signal, this.hangupSignal];
    const already = abortedReason(signals);
    if (already) return Promise.reject(already.reason);
    let uri: string;
    try {
      uri = mediaUri(media, this.deps.media);
    } catch (error) {
      return Promise.resolve({ outcome: 'failed', reason: errorMessage(error) });
    }
    const playbackId = `play-${randomUUID()}`;

    return new Promise<PlayResult>((resolve, reject) => {
      let settled = false;
      let failureTimer: ReturnType<typeof setTimeout> | undefined;
      const settle = (outcome: { result: PlayResult } | { error: unknown }, stopPlayback: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(failureTimer);
        this.playbackListeners.delete(playbackId);
        stopWatchingKeys();
        stopWatchingAbort();
        // No REST call for a channel that is gone: Asterisk already stopped its playbacks.
        if (stopPlayback && !this.isEnded) this.deps.rest.stopPlayback(playbackId).catch(() => {});
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.result);
      };
      // A hang-up fails the playback (or the REST call) just before StasisEnd arrives, and ChannelHangupRequest does
      // not always come first: a failure only counts once the channel has outlived it by the grace period. Until
      // then the hang-up wins (onAnyAbort below settles with it), and no "failed" prompt is recorded.
      const failUnlessHangingUp = (reason: string) => {
        if (this.hangupRequested || failureTimer !== undefined) return;
        failureTimer = setTimeout(() => {
          if (!this.hangupRequested) settle({ result: { outcome: 'failed', reason } }, false);
        }, this.deps.playbackFailureGraceMs ?? 500);
      };
      // Registered before the REST call: a failing playback can report PlaybackFinished before play() returns.
      this.playbackListeners.set(playbackId, (event) => {
        if (event.type !== 'PlaybackFinished') return;
        if (event.playback?.state === 'failed') failUnlessHangingUp(`Asterisk could not play ${uri}`);
        else settle({ result: { outcome: 'finished' } }, false);
      });
      const stopWatchingKeys = options.bargeIn
        ? this.digits.onDigit((digit) => settle({ result: { outcome: 'interrupted', digit } }, true))
        : () => {};
      const stopWatchingAbort = onAnyAbort(signals, (reason) => settle({ error: reason }, true));
      this.deps.rest.play(this.id, uri, playbackId).catch((error: unknown) => {
        if (this.isEnded) settle({ error: this.hangupSignal.reason }, false);
        else failUnlessHangingUp(`Could not play ${uri}: ${errorMessage(error)}`);
      });
    });
  }

  readDigits(request: DigitRequest): Promise<DigitResult> {
    return readDigits(this.digits, request, [this.hangupSignal]);
  }

  clearDigits(): void {
    this.digits.clear();
  }

  async startMusic(musicClass: string): Promise<void> {
    this.throwIfEnded();
    try {
      await this.deps.rest.startMoh(this.id, musicClass);
    } catch (error) {
      this.throwIfEnded();
      throw new Error(`Could not play music on hold "${musicClass}" to channel ${this.id}: ${errorMessage(error)}`);
    }
  }

  async stopMusic(): Promise<void> {
    if (this.isEnded) return;
    await this.deps.rest.stopMoh(this.id).catch((error: unknown) => {
      if (!this.isEnded && !isNotFoundError(error)) throw error;
    });
  }

  async dial(request: DialRequest): Promise<DialResult> {
    this.throwIfEnded();
    // Unless the flow sets one, the person rung sees who is calling: an originated channel has no caller id of its
    // own (the phone would show "anonymous").
    const callerId = request.callerId ?? callerIdOfParty(this.caller);
    return this.runDialAttempt({ ...request, ...(callerId ? { callerId } : {}) }, undefined, (attempt) =>
      attempt.run(),
    );
  }

  async resumeDial(request: ResumeDialRequest): Promise<DialResult> {
    this.throwIfEnded();
    // Not a new dial: nothing to ring, so the endpoint and ring time are never used.
    return this.runDialAttempt(
      { endpoint: '', ringSeconds: 0, signal: request.signal },
      { bridgeId: request.bridgeId, legId: request.legId },
      (attempt) => attempt.resumeBridged(request.answeredAt),
    );
  }

  /** Runs one dial attempt with its leg routed to it (and owned by this call) for as long as it lasts. */
  private async runDialAttempt(
    request: DialRequest,
    bridged: ConstructorParameters<typeof DialAttempt>[2],
    run: (attempt: DialAttempt) => Promise<DialResult>,
  ): Promise<DialResult> {
    const attempt = new DialAttempt(
      {
        rest: this.deps.rest,
        callerChannelId: this.id,
        ensureCallerAnswered: () => this.answer(),
        hangupSignal: this.hangupSignal,
        app: this.deps.app,
      },
      request,
      bridged,
    );
    this.dials.set(attempt.legId, attempt);
    this.deps.claimDialLeg(attempt.legId);
    try {
      return await run(attempt);
    } finally {
      this.dials.delete(attempt.legId);
      this.deps.releaseDialLeg(attempt.legId);
    }
  }

  /**
   * Records the caller with ARI's channel recording (stored by Asterisk as <name>.wav), then downloads the file and
   * deletes Asterisk's copy: Switchboard keeps messages itself. When the caller hangs up meanwhile, Asterisk closes
   * the file with what was said so far, and that is still returned.
   */
  async record(request: RecordRequest): Promise<RecordResult> {
    this.throwIfEnded();
    request.signal.throwIfAborted();
    const name = `switchboard-rec-${randomUUID()}`;
    let terminatorPressed = false;
    const stopWatchingKeys = this.digits.onDigit((digit) => {
      if (digit === request.terminator) terminatorPressed = true;
    });
    const finished = new Promise<'finished' | 'hung-up'>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: { value: 'finished' | 'hung-up' } | { error: unknown }) => {
        if (settled) return;
        settled = true;
        this.recordingListeners.delete(name);
        stopWatchingAbort();
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.value);
      };
      this.recordingListeners.set(name, (event) => {
        if (event.type === 'RecordingFinished') settle({ value: this.hangupRequested ? 'hung-up' : 'finished' });
        else if (event.type === 'RecordingFailed' && !this.hangupRequested) {
          settle({
            error: new Error(
              `Asterisk could not record channel ${this.id}: ${event.recording?.cause ?? 'no cause given'}`,
            ),
          });
        }
      });
      // The executor's signal aborts right after the hangup signal when the caller leaves: that is a message, not an error.
      const stopWatchingAbort = onAnyAbort([request.signal, this.hangupSignal], (reason) =>
        this.hangupSignal.aborted ? settle({ value: 'hung-up' }) : settle({ error: reason }),
      );
      this.deps.rest
        .recordChannel(this.id, {
          name,
          maxDurationSeconds: request.maxSeconds,
          maxSilenceSeconds: request.silenceSeconds,
          beep: request.beep,
          terminateOn: request.terminator ?? 'none',
        })
        .catch((error: unknown) => {
          if (this.isEnded) settle({ value: 'hung-up' });
          else settle({ error: new Error(`Could not record channel ${this.id}: ${errorMessage(error)}`) });
        });
    });
    let how: 'finished' | 'hung-up';
    try {
      how = await finished;
    } catch (error) {
      // Not a hangup: the session is stopping or Asterisk refused. Leave no stored file behind if one appears.
      this.deps.rest.deleteStoredRecording(name).catch(() => {});
      throw error;
    } finally {
      stopWatchingKeys();
    }
    // Keys pressed while recording (the terminator above all) are not answers to what comes next.
    this.digits.clear();
    const audio = await this.collectRecording(name, how === 'hung-up');
    const durationMs = audio ? readWav(audio, `recording ${name}`).durationMs : 0;
    const ended: RecordResult['ended'] =
      how === 'hung-up'
        ? 'hung-up'
        : terminatorPressed
          ? 'terminator'
          : durationMs >= request.maxSeconds * 1000 - 500
            ? 'max-length'
            : 'silence';
    return { ended, durationMs, audio };
  }

  /**
   * Downloads and deletes the stored recording. After a hangup its RecordingFinished no longer reaches us (the port
   * ended), so wait until Asterisk no longer lists it as live, i.e. the file is closed.
   */
  private async collectRecording(name: string, afterHangup: boolean): Promise<Uint8Array | null> {
    if (afterHangup) {
      for (let tries = 0; tries < 30; tries += 1) {
        const state = await this.deps.rest.liveRecordingState(name).catch(() => undefined);
        if (state === undefined || state === 'done' || state === 'failed' || state === 'canceled') break;
        await sleep(100, []);
      }
    }
    const audio = await this.deps.rest.storedRecordingFile(name);
    if (audio) await this.deps.rest.deleteStoredRecording(name).catch(() => {});
    return audio;
  }

  async hangup(): Promise<void> {
    if (this.isEnded) return;
    try {
      await this.deps.rest.hangup(this.id);
    } catch (error) {
      if (!isNotFoundError(error) && !this.isEnded)
        throw new Error(`Could not hang up channel ${this.id}: ${errorMessage(error)}`);
    }
    this.end(new CallHungUpByFlow());
  }

  /** An event about this port's own channel (routed by AriConnection). */
  handleChannelEvent(event: AriEventJson): void {
    switch (event.type) {
      case 'ChannelDtmfReceived':
        if (event.digit) this.digits.push(event.digit);
        return;
      case 'ChannelHangupRequest':
        this.hangupRequested = true;
        if (event.soft === true && event.cause === SOFTHANGUP_SHUTDOWN) this.asteriskShuttingDown = true;
        return;
      case 'ChannelStateChange':
        if (event.channel?.state) this.channelState = event.channel.state;
        return;
      case 'PlaybackStarted':
      case 'PlaybackFinished': {
        const id = event.playback?.id;
        if (id) this.playbackListeners.get(id)?.(event);
        return;
      }
      case 'RecordingFinished':
      case 'RecordingFailed': {
        const name = event.recording?.name;
        if (name) this.recordingListeners.get(name)?.(event);
        return;
      }
      case 'StasisEnd':
      case 'ChannelDestroyed':
        this.end(
          this.asteriskShuttingDown
            ? new ChannelLost('Asterisk shut down or restarted during the call')
            : new CallerHungUp(),
        );
        return;
    }
  }

  /** An event about one of this port's dial legs. */
  handleDialLegEvent(event: AriEventJson): void {
    const legId = event.channel?.id;
    if (legId) this.dials.get(legId)?.handleLegEvent(event);
  }

  handleDialLegLost(legId: string): void {
    this.dials.get(legId)?.handleLegLost();
  }

  /**
   * After a reconnect the channel is still there, but events of the gap are gone for good: settle playbacks that
   * ended meanwhile (else their play() would wait forever) and let dials check whether their callee answered.
   */
  async recheckAfterReconnect(): Promise<void> {
    for (const [playbackId, listener] of [...this.playbackListeners]) {
      if (!(await this.deps.rest.playbackExists(playbackId))) {
        listener({ type: 'PlaybackFinished', playback: { id: playbackId, state: 'done' } });
      }
    }
    for (const dial of [...this.dials.values()]) await dial.recheckAfterReconnect();
  }

  /** Ends the port: aborts hangupSignal (which ends every wait in progress) and drops all listeners. Idempotent. */
  end(reason: Error): void {
    if (this.isEnded) return;
    this.ended.abort(reason);
    this.digits.dispose();
    this.playbackListeners.clear();
    this.recordingListeners.clear();
    this.deps.onEnded();
  }

  private throwIfEnded(): void {
    if (this.isEnded) throw this.hangupSignal.reason;
  }
}

/** `"Name" <number>` for an originate's callerId; undefined when the caller gave no number. */
export function callerIdOfParty(party: CallParty): string | undefined {
  if (!party.number) return undefined;
  const name = party.name.replaceAll('"', "'").trim();
  return name && name !== party.number ? `"${name}" <${party.number}>` : `<${party.number}>`;
}
