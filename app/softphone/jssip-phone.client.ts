// The JsSIP adapter (docs/decisions/019-jssip.md): one JsSIP UA registered as the person's browser device, and the
// translation of JsSIP's UA and RTCSession events into the reducer's PhoneEvents. Browser only (".client": never
// bundled into the server's render); the provider loads it with a dynamic import once the page runs.
//
// One call at a time, plus the consultation of an attended transfer: a second incoming call during a call is answered
// 486 Busy Here, so the flow (queue, voicemail) takes over as it would for a busy desk phone.
import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import {
  endCauseOf,
  failureOfMediaError,
  failureOfRegistration,
  failureOfSip,
  type SessionEnd,
} from './phone-errors.ts';
import {
  microphoneConstraints,
  sipWebSocketUrl,
  type CreatePhoneEngine,
  type PhoneEngine,
  type PhoneEngineOptions,
} from './phone-engine.ts';
import type { Party } from './phone-state.ts';

/** What the person did last to a session: JsSIP's end cause alone cannot tell "declined" from "missed". */
type LocalAction = SessionEnd['localAction'];

interface Leg {
  session: RTCSession;
  direction: 'incoming' | 'outgoing';
  localAction: LocalAction;
  established: boolean;
  local: MediaStream | null;
  remote: MediaStream | null;
}

const DTMF_KEYS = /^[0-9*#A-D]$/;

export const createJssipPhone: CreatePhoneEngine = (options) => new JssipPhone(options);

class JssipPhone implements PhoneEngine {
  private readonly ua: JsSIP.UA;
  private primary: Leg | null = null;
  /** The call to the target of an attended transfer, while the primary waits on hold. */
  private consultation: Leg | null = null;
  /** Set once the REFER of an attended transfer is sent: the consultation's end is then the transfer's, not a failure. */
  private completing = false;
  private stopped = false;
  /** Between the click on Call and the INVITE (the microphone is being opened): a hang-up then cancels the dial. */
  private pendingDial: { cancelled: boolean } | null = null;
  private answering = false;
  private microphoneId: string | null;

  constructor(private readonly options: PhoneEngineOptions) {
    const { credentials } = options;
    this.microphoneId = options.microphoneId;
    const socket = new JsSIP.WebSocketInterface(sipWebSocketUrl(options.location, credentials.websocketPath));
    this.ua = new JsSIP.UA({
      sockets: [socket],
      uri: credentials.sipUri,
      authorization_user: credentials.authorizationUser,
      password: credentials.password,
      realm: credentials.realm,
      display_name: credentials.displayName,
      register: true,
      register_expires: 300,
      // Asterisk's PJSIP endpoints of browser devices run without timers; a refresh re-INVITE would only add failures.
      session_timers: false,
      user_agent: 'Switchboard softphone',
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
    });
    this.listenToUa();
    void this.setSpeaker(options.speakerId);
    this.ua.start();
  }

  // --- The UA: registration and incoming calls ---

  private listenToUa(): void {
    const { dispatch } = this.options;
    this.ua.on('connecting', () => {
      if (!this.stopped) dispatch({ type: 'registering' });
    });
    this.ua.on('registered', () => dispatch({ type: 'registered' }));
    this.ua.on('unregistered', () => dispatch({ type: 'unregistered' }));
    this.ua.on('registrationFailed', (event) => {
      const statusCode = event.response?.status_code ?? null;
      dispatch({
        type: 'registration-failed',
        failure: failureOfRegistration(String(event.cause ?? ''), statusCode, this.options.location.host),
      });
    });
    this.ua.on('disconnected', () => {
      // JsSIP tries again by itself (connection_recovery_*); until then the person must know calls cannot come in.
      if (this.stopped) return;
      dispatch({
        type: 'registration-failed',
        failure: { kind: 'connection-failed', host: this.options.location.host },
      });
    });
    this.ua.on('newRTCSession', (event: RTCSessionEvent) => {
      if (event.originator !== 'remote') return;
      const { session } = event;
      if (this.primary) {
        session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
        return;
      }
      const leg = this.track(session, 'incoming', 'primary');
      this.primary = leg;
      dispatch({ type: 'ringing-in', remote: partyOf(session), at: Date.now() });
    });
  }

  // --- Calls ---

  async call(target: string): Promise<void> {
    const number = target.trim();
    if (!number || this.primary || this.pendingDial) return;
    const { dispatch } = this.options;
    const pending = { cancelled: false };
    this.pendingDial = pending;
    dispatch({ type: 'dialling', remote: { number, name: null }, at: Date.now() });
    let stream: MediaStream;
    try {
      stream = await this.microphone();
    } catch (error) {
      this.pendingDial = null;
      dispatch({ type: 'ended', cause: { kind: 'failed', failure: failureOfMediaError(error) }, at: Date.now() });
      return;
    } finally {
      if (this.pendingDial === pending) this.pendingDial = null;
    }
    if (pending.cancelled || this.stopped) {
      stopStream(stream);
      dispatch({ type: 'ended', cause: { kind: 'cancelled' }, at: Date.now() });
      return;
    }
    try {
      const session = this.ua.call(number, this.callOptions(stream));
      const leg = this.track(session, 'outgoing', 'primary');
      leg.local = stream;
      this.primary = leg;
      this.watchPeerConnection(leg);
      this.options.onStreamsChanged();
    } catch (error) {
      stopStream(stream);
      dispatch({
        type: 'ended',
        cause: { kind: 'failed', failure: failureOfSip(String(error), null) },
        at: Date.now(),
      });
    }
  }

  async answer(): Promise<void> {
    const leg = this.primary;
    if (!leg || leg.direction !== 'incoming' || leg.established || this.answering || !leg.session.isInProgress()) {
      return;
    }
    this.answering = true;
    let stream: MediaStream;
    try {
      stream = await this.microphone();
    } catch (error) {
      // The call keeps ringing: the person may allow the microphone and answer again, or decline.
      this.options.dispatch({ type: 'failed', failure: failureOfMediaError(error) });
      return;
    } finally {
      this.answering = false;
    }
    if (this.primary !== leg || !leg.session.isInProgress()) {
      stopStream(stream);
      return;
    }
    leg.local = stream;
    try {
      leg.session.answer({ mediaStream: stream, pcConfig: this.pcConfig() });
    } catch (error) {
      // The caller gave up at that very moment: JsSIP refuses to answer an ended session.
      stopStream(stream);
      leg.local = null;
      this.options.dispatch({ type: 'failed', failure: failureOfSip(String(error), null) });
      return;
    }
    this.watchPeerConnection(leg);
    this.options.onStreamsChanged();
  }

  decline(): void {
    const leg = this.primary;
    if (!leg || leg.direction !== 'incoming' || leg.established) return;
    leg.localAction = 'decline';
    terminate(leg.session, { status_code: 603, reason_phrase: 'Decline' });
  }

  hangUp(): void {
    if (this.pendingDial) {
      this.pendingDial.cancelled = true;
      return;
    }
    if (this.consultation) {
      this.cancelTransfer();
      return;
    }
    const leg = this.primary;
    if (!leg) return;
    leg.localAction = leg.direction === 'incoming' && !leg.established ? 'decline' : 'hang-up';
    terminate(leg.session);
  }

  setMuted(muted: boolean): void {
    for (const leg of this.legs()) {
      if (muted) leg.session.mute({ audio: true });
      else leg.session.unmute({ audio: true });
    }
  }

  setHeld(held: boolean): void {
    const session = this.primary?.session;
    if (!session || this.consultation) return;
    if (held) session.hold();
    else session.unhold();
  }

  sendDtmf(key: string): void {
    if (!DTMF_KEYS.test(key)) return;
    const leg = this.activeLeg();
    if (!leg?.established) return;
    try {
      leg.session.sendDTMF(key, { transportType: JsSIP.C.DTMF_TRANSPORT.RFC2833, duration: 160, interToneGap: 70 });
    } catch (error) {
      this.options.dispatch({ type: 'failed', failure: { kind: 'other', detail: String(error) } });
    }
  }

  // --- Transfers ---

  blindTransfer(target: string): void {
    const leg = this.primary;
    const to = target.trim();
    if (!leg?.established || this.consultation || !to) return;
    const { dispatch } = this.options;
    dispatch({ type: 'transfer-started', kind: 'blind', target: to });
    const failed = () => {
      if (leg.localAction === 'transfer') leg.localAction = null;
      if (this.primary === leg) dispatch({ type: 'transfer-abandoned', failure: { kind: 'transfer-failed' } });
    };
    try {
      leg.session.refer(to, {
        eventHandlers: {
          // 202 Accepted: from now on the call's end is the transfer's.
          requestSucceeded: () => {
            leg.localAction = 'transfer';
          },
          requestFailed: failed,
          // NOTIFY 200: the target has the call; Asterisk normally hangs our leg up, in case it does not:
          accepted: () => {
            leg.localAction = 'transfer';
            terminate(leg.session);
          },
          failed,
        },
      });
    } catch {
      failed();
    }
  }

  async attendedTransfer(target: string): Promise<void> {
    const leg = this.primary;
    const to = target.trim();
    if (!leg?.established || this.consultation || !to) return;
    const { dispatch } = this.options;
    leg.session.hold();
    dispatch({ type: 'transfer-started', kind: 'attended', target: to });
    let stream: MediaStream;
    try {
      stream = await this.microphone();
    } catch (error) {
      dispatch({ type: 'transfer-abandoned', failure: failureOfMediaError(error) });
      return;
    }
    try {
      const session = this.ua.call(to, this.callOptions(stream));
      const consultation = this.track(session, 'outgoing', 'consultation');
      consultation.local = stream;
      this.consultation = consultation;
      this.watchPeerConnection(consultation);
      this.options.onStreamsChanged();
    } catch {
      stopStream(stream);
      dispatch({ type: 'transfer-abandoned', failure: { kind: 'transfer-failed' } });
    }
  }

  completeTransfer(): void {
    const leg = this.primary;
    const consultation = this.consultation;
    if (!leg || !consultation?.established || this.completing) return;
    this.completing = true;
    const { dispatch } = this.options;
    const failed = () => {
      if (!this.completing) return;
      this.completing = false;
      leg.localAction = null;
      if (this.consultation) terminate(this.consultation.session);
      dispatch({ type: 'transfer-abandoned', failure: { kind: 'transfer-failed' } });
    };
    try {
      // The first call's far end is asked to call the target, replacing our call with it (RFC 3891): both of our
      // legs then end, and the two other people talk to each other.
      leg.session.refer(consultation.session.remote_identity.uri, {
        replaces: consultation.session,
        eventHandlers: {
          requestSucceeded: () => {
            leg.localAction = 'transfer';
          },
          requestFailed: failed,
          accepted: () => {
            leg.localAction = 'transfer';
            terminate(leg.session);
            if (this.consultation) terminate(this.consultation.session);
          },
          failed,
        },
      });
    } catch {
      failed();
    }
  }

  cancelTransfer(): void {
    const consultation = this.consultation;
    if (!consultation || this.completing) return;
    consultation.localAction = 'hang-up';
    terminate(consultation.session);
  }

  // --- Devices and media ---

  async setMicrophone(deviceId: string | null): Promise<void> {
    this.microphoneId = deviceId;
    const legs = this.legs().filter((leg) => leg.local);
    if (legs.length === 0) return;
    try {
      for (const leg of legs) {
        const stream = await this.microphone();
        const track = stream.getAudioTracks()[0];
        const sender = leg.session.connection?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
        if (!track || !sender) {
          stopStream(stream);
          continue;
        }
        // Keep the mute: JsSIP's mute() disabled the old track, the new one must stay as silent.
        track.enabled = !leg.session.isMuted().audio;
        await sender.replaceTrack(track);
        stopStream(leg.local);
        leg.local = stream;
      }
      this.options.onStreamsChanged();
    } catch (error) {
      this.options.dispatch({ type: 'failed', failure: failureOfMediaError(error) });
    }
  }

  async setSpeaker(deviceId: string | null): Promise<void> {
    const audio = this.options.remoteAudio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (typeof audio.setSinkId !== 'function') return;
    try {
      await audio.setSinkId(deviceId ?? '');
    } catch (error) {
      this.options.dispatch({ type: 'failed', failure: failureOfMediaError(error) });
    }
  }

  localStream(): MediaStream | null {
    return this.activeLeg()?.local ?? null;
  }

  remoteStream(): MediaStream | null {
    return this.activeLeg()?.remote ?? null;
  }

  peerConnection(): RTCPeerConnection | undefined {
    return this.activeLeg()?.session.connection ?? undefined;
  }

  stop(): void {
    this.stopped = true;
    for (const leg of this.legs()) terminate(leg.session);
    this.ua.stop();
    this.options.remoteAudio.srcObject = null;
  }

  // --- Plumbing ---

  /** The consultation while there is one, else the call itself. */
  private activeLeg(): Leg | null {
    return this.consultation ?? this.primary;
  }

  private legs(): Leg[] {
    return [this.primary, this.consultation].filter((leg): leg is Leg => leg !== null);
  }

  private pcConfig(): RTCConfiguration {
    return { iceServers: this.options.credentials.iceServers };
  }

  private callOptions(stream: MediaStream) {
    return {
      mediaStream: stream,
      pcConfig: this.pcConfig(),
      rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
    };
  }

  private microphone(): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getUserMedia) {
      // Plain http on another host than localhost: the browser hides getUserMedia altogether.
      return Promise.reject(Object.assign(new Error('no mediaDevices'), { name: 'SecurityError' }));
    }
    return navigator.mediaDevices.getUserMedia(microphoneConstraints(this.microphoneId));
  }

  /** Listens to one session's events and turns them into reducer events. */
  private track(session: RTCSession, direction: Leg['direction'], role: 'primary' | 'consultation'): Leg {
    const leg: Leg = { session, direction, localAction: null, established: false, local: null, remote: null };
    const { dispatch } = this.options;
    const isPrimary = () => role === 'primary' && this.primary === leg;
    const answered = () => {
      if (leg.established) return;
      leg.established = true;
      if (role === 'primary') dispatch({ type: 'answered', at: Date.now() });
      else dispatch({ type: 'consultation-answered' });
      this.playActiveLeg();
    };
    session.on('peerconnection', () => this.watchPeerConnection(leg));
    session.on('accepted', answered);
    session.on('confirmed', answered);
    session.on('hold', (event) => {
      if (event.originator === 'local' && isPrimary()) dispatch({ type: 'held' });
    });
    session.on('unhold', (event) => {
      if (event.originator === 'local' && isPrimary()) dispatch({ type: 'resumed' });
    });
    session.on('muted', () => dispatch({ type: 'muted' }));
    session.on('unmuted', () => dispatch({ type: 'unmuted' }));
    const end = (established: boolean) => (event: { originator: string; cause: string; message: unknown }) => {
      this.release(leg);
      if (role === 'consultation') {
        if (this.consultation === leg) this.consultation = null;
        if (this.completing) return;
        const cause = endCauseOf({ ...this.endOf(leg, event), established });
        dispatch({ type: 'transfer-abandoned', failure: cause.kind === 'failed' ? cause.failure : null });
        this.playActiveLeg();
        return;
      }
      if (this.primary !== leg) return;
      this.primary = null;
      this.completing = false;
      if (this.consultation) terminate(this.consultation.session);
      dispatch({ type: 'ended', cause: endCauseOf({ ...this.endOf(leg, event), established }), at: Date.now() });
    };
    session.on('ended', end(true));
    session.on('failed', end(false));
    return leg;
  }

  private endOf(
    leg: Leg,
    event: { originator: string; cause: string; message: unknown },
  ): Omit<SessionEnd, 'established'> {
    const originator = event.originator === 'local' || event.originator === 'remote' ? event.originator : 'system';
    return {
      direction: leg.direction,
      originator,
      cause: String(event.cause),
      statusCode: statusOf(event.message),
      localAction: leg.localAction,
    };
  }

  /** Keeps the remote stream of a leg as its tracks arrive, and plays it when the leg is the active one. */
  private watchPeerConnection(leg: Leg): void {
    const connection = leg.session.connection;
    if (!connection || watched.has(connection)) return;
    watched.add(connection);
    connection.addEventListener('track', (event) => {
      leg.remote = event.streams[0] ?? new MediaStream([event.track]);
      this.playActiveLeg();
    });
  }

  private playActiveLeg(): void {
    const audio = this.options.remoteAudio;
    const stream = this.activeLeg()?.remote ?? null;
    if (audio.srcObject !== stream) {
      audio.srcObject = stream;
      // Autoplay is allowed: the person clicked (call, answer) before any sound comes.
      if (stream) void audio.play().catch(() => undefined);
    }
    this.options.onStreamsChanged();
  }

  private release(leg: Leg): void {
    stopStream(leg.local);
    leg.local = null;
    leg.remote = null;
    if (this.activeLeg() === leg || this.activeLeg() === null) this.options.remoteAudio.srcObject = null;
    this.options.onStreamsChanged();
  }
}

const watched = new WeakSet<RTCPeerConnection>();

function partyOf(session: RTCSession): Party {
  const identity = session.remote_identity;
  const number = identity?.uri?.user ?? '';
  const name = identity?.display_name?.trim() || null;
  return { number, name: name === number ? null : name };
}

function statusOf(message: unknown): number | null {
  if (message && typeof message === 'object' && 'status_code' in message) {
    const code = Number((message as { status_code: unknown }).status_code);
    return Number.isInteger(code) ? code : null;
  }
  return null;
}

/** JsSIP throws when a session is already terminated; ending it twice is not an error here. */
function terminate(session: RTCSession, options?: Parameters<RTCSession['terminate']>[0]): void {
  if (session.isEnded()) return;
  try {
    session.terminate(options);
  } catch {
    // Already ended between the check and the call.
  }
}

function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
