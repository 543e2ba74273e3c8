// The adapter against a stand-in for JsSIP: what it asks of the UA and the sessions, and which reducer events it
// makes of theirs. Real SIP and audio are the end-to-end suite's (Asterisk, Chromium's fake microphone).
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PhoneEvent } from './phone-state.ts';

const jssip = vi.hoisted(() => ({ uas: [] as unknown[] }));

vi.mock('jssip', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class WebSocketInterface {
    constructor(readonly url: string) {}
  }
  class UA extends Emitter {
    started = false;
    stopped = false;
    calls: Array<{ target: string; options: unknown; session: unknown }> = [];
    nextSession: unknown = null;
    constructor(readonly configuration: Record<string, unknown>) {
      super();
      jssip.uas.push(this);
    }
    start() {
      this.started = true;
    }
    stop() {
      this.stopped = true;
    }
    call(target: string, options: unknown) {
      const session = this.nextSession;
      this.calls.push({ target, options, session });
      return session;
    }
  }
  return { UA, WebSocketInterface, C: { DTMF_TRANSPORT: { INFO: 'INFO', RFC2833: 'RFC2833' } } };
});

const { createJssipPhone } = await import('./jssip-phone.client.ts');

class FakeSession extends EventEmitter {
  ended = false;
  terminated: unknown[] = [];
  answered: unknown[] = [];
  dtmf: Array<[string, unknown]> = [];
  refers: Array<[unknown, Record<string, unknown>]> = [];
  holds: string[] = [];
  muted = false;
  connection = { getSenders: () => [], addEventListener: () => undefined };
  constructor(
    readonly remote_identity = { uri: { user: '201', toString: () => 'sip:201@pbx' }, display_name: 'Alice' },
  ) {
    super();
  }
  isInProgress() {
    return !this.ended;
  }
  isEnded() {
    return this.ended;
  }
  terminate(options?: unknown) {
    this.terminated.push(options ?? {});
  }
  answer(options: unknown) {
    this.answered.push(options);
  }
  sendDTMF(tone: string, options: unknown) {
    this.dtmf.push([tone, options]);
  }
  refer(target: unknown, options: Record<string, unknown>) {
    this.refers.push([target, options]);
  }
  hold() {
    this.holds.push('hold');
    this.emit('hold', { originator: 'local' });
  }
  unhold() {
    this.holds.push('unhold');
    this.emit('unhold', { originator: 'local' });
  }
  mute() {
    this.muted = true;
    this.emit('muted', { audio: true });
  }
  unmute() {
    this.muted = false;
    this.emit('unmuted', { audio: true });
  }
  isMuted() {
    return { audio: this.muted };
  }
  end(type: 'ended' | 'failed', originator: string, cause: string, message: unknown = null) {
    this.ended = true;
    this.emit(type, { originator, cause, message });
  }
}

interface FakeUa extends EventEmitter {
  configuration: Record<string, unknown>;
  started: boolean;
  stopped: boolean;
  calls: Array<{ target: string; options: { mediaStream?: unknown; pcConfig?: unknown } }>;
  nextSession: FakeSession | null;
}

const credentials = {
  status: 'ready' as const,
  websocketPath: '/sip',
  sipUri: 'sip:bob~web@switchboard.invalid',
  authorizationUser: 'bob~web',
  password: 'a-very-long-password-1234',
  realm: 'asterisk',
  displayName: 'Bob',
  extension: '6002',
  iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
};

let events: PhoneEvent[];
let getUserMedia: ReturnType<typeof vi.fn>;
const stream = { getTracks: () => [], getAudioTracks: () => [] };

function start() {
  events = [];
  const phone = createJssipPhone({
    credentials,
    location: { protocol: 'https:', host: 'pbx.example:8443' },
    dispatch: (event) => events.push(event),
    remoteAudio: { srcObject: null, play: async () => undefined } as unknown as HTMLAudioElement,
    onStreamsChanged: () => undefined,
    microphoneId: null,
    speakerId: null,
  });
  const ua = jssip.uas.at(-1) as FakeUa;
  return { phone, ua };
}

const types = () => events.map((event) => event.type);

beforeEach(() => {
  jssip.uas.length = 0;
  getUserMedia = vi.fn(async () => stream);
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia } });
});
afterEach(() => vi.unstubAllGlobals());

describe('the JsSIP adapter', () => {
  it('registers the browser device over wss on the page host, without session timers', () => {
    const { ua } = start();
    expect(ua.started).toBe(true);
    expect(ua.configuration).toMatchObject({
      uri: 'sip:bob~web@switchboard.invalid',
      authorization_user: 'bob~web',
      password: credentials.password,
      realm: 'asterisk',
      register: true,
      register_expires: 300,
      session_timers: false,
    });
    const [socket] = ua.configuration.sockets as Array<{ url: string }>;
    expect(socket?.url).toBe('wss://pbx.example:8443/sip');
  });

  it('reports registering, registered, and a refusal as registration-refused', () => {
    const { ua } = start();
    ua.emit('connecting', {});
    ua.emit('registered', {});
    ua.emit('registrationFailed', { cause: 'SIP Failure Code', response: { status_code: 403 } });
    expect(events).toEqual([
      { type: 'registering' },
      { type: 'registered' },
      { type: 'registration-failed', failure: { kind: 'registration-refused' } },
    ]);
  });

  it('reports a lost WebSocket as a connection failure naming the host, but not after stop()', () => {
    const { phone, ua } = start();
    ua.emit('disconnected', { error: true });
    expect(events.at(-1)).toEqual({
      type: 'registration-failed',
      failure: { kind: 'connection-failed', host: 'pbx.example:8443' },
    });
    phone.stop();
    ua.emit('disconnected', { error: false });
    expect(events).toHaveLength(1);
    expect(ua.stopped).toBe(true);
  });

  it('places a call with the microphone and the ICE servers, then follows it to the end', async () => {
    const { phone, ua } = start();
    const session = new FakeSession();
    ua.nextSession = session;
    await phone.call(' 201 ');
    expect(ua.calls[0]?.target).toBe('201');
    expect(ua.calls[0]?.options.mediaStream).toBe(stream);
    expect(ua.calls[0]?.options.pcConfig).toEqual({ iceServers: credentials.iceServers });
    session.emit('accepted', {});
    session.emit('confirmed', {});
    session.end('ended', 'remote', 'Terminated');
    expect(types()).toEqual(['dialling', 'answered', 'ended']);
    expect(events.at(-1)).toMatchObject({ cause: { kind: 'hung-up', by: 'remote' } });
  });

  it('ends the call with the microphone failure when getUserMedia is refused', async () => {
    const { phone, ua } = start();
    getUserMedia.mockRejectedValueOnce(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
    await phone.call('201');
    expect(ua.calls).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({
      type: 'ended',
      cause: { kind: 'failed', failure: { kind: 'microphone-refused' } },
    });
  });

  it('cancels a dial hung up while the microphone is still opening, without an INVITE', async () => {
    const { phone, ua } = start();
    const dialling = phone.call('201');
    phone.hangUp();
    await dialling;
    expect(ua.calls).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ type: 'ended', cause: { kind: 'cancelled' } });
  });

  it('maps a busy answer to the busy failure', async () => {
    const { phone, ua } = start();
    const session = new FakeSession();
    ua.nextSession = session;
    await phone.call('201');
    session.end('failed', 'remote', 'Busy', { status_code: 486 });
    expect(events.at(-1)).toMatchObject({ type: 'ended', cause: { kind: 'failed', failure: { kind: 'busy' } } });
  });

  it('rings with the caller, answers with the microphone, and refuses a second call as busy', async () => {
    const { phone, ua } = start();
    const session = new FakeSession();
    ua.emit('newRTCSession', { originator: 'remote', session, request: {} });
    expect(events.at(-1)).toMatchObject({ type: 'ringing-in', remote: { number: '201', name: 'Alice' } });
    await phone.answer();
    expect(session.answered[0]).toMatchObject({ mediaStream: stream });
    const second = new FakeSession();
    ua.emit('newRTCSession', { originator: 'remote', session: second, request: {} });
    expect(second.terminated[0]).toMatchObject({ status_code: 486 });
  });

  it('declines an incoming call with 603 and records it as declined', () => {
    const { phone, ua } = start();
    const session = new FakeSession();
    ua.emit('newRTCSession', { originator: 'remote', session, request: {} });
    phone.decline();
    expect(session.terminated[0]).toMatchObject({ status_code: 603 });
    session.end('failed', 'local', 'Rejected');
    expect(events.at(-1)).toMatchObject({ type: 'ended', cause: { kind: 'declined' } });
  });

  it('sends keypad digits as RFC 2833 (RFC 4733) tones, mutes and holds', async () => {
    const { phone, ua } = start();
    const session = new FakeSession();
    ua.nextSession = session;
    await phone.call('201');
    session.emit('confirmed', {});
    phone.sendDtmf('5');
    phone.sendDtmf('x');
    expect(session.dtmf).toEqual([['5', expect.objectContaining({ transportType: 'RFC2833' })]]);
    phone.setMuted(true);
    phone.setHeld(true);
    expect(types().slice(-2)).toEqual(['muted', 'held']);
  });

  it('transfers blind with REFER, and ends as transferred once accepted', async () => {
    const { phone, ua } = start();
    const session = new FakeSession();
    ua.nextSession = session;
    await phone.call('201');
    session.emit('confirmed', {});
    phone.blindTransfer('202');
    const [target, options] = session.refers[0] ?? [];
    expect(target).toBe('202');
    (options?.eventHandlers as Record<string, () => void>).accepted?.();
    session.end('ended', 'remote', 'Terminated');
    expect(types()).toContain('transfer-started');
    expect(events.at(-1)).toMatchObject({ type: 'ended', cause: { kind: 'transferred' } });
  });

  it('transfers attended: holds A, calls B, then REFERs A to B with Replaces', async () => {
    const { phone, ua } = start();
    const first = new FakeSession();
    ua.nextSession = first;
    await phone.call('201');
    first.emit('confirmed', {});
    const consultation = new FakeSession({ uri: { user: '202', toString: () => 'sip:202@pbx' }, display_name: '' });
    ua.nextSession = consultation;
    await phone.attendedTransfer('202');
    expect(first.holds).toEqual(['hold']);
    expect(ua.calls[1]?.target).toBe('202');
    consultation.emit('confirmed', {});
    expect(types()).toContain('consultation-answered');
    phone.completeTransfer();
    const [target, options] = first.refers[0] ?? [];
    expect(target).toBe(consultation.remote_identity.uri);
    expect(options?.replaces).toBe(consultation);
    (options?.eventHandlers as Record<string, () => void>).accepted?.();
    consultation.end('ended', 'remote', 'Terminated');
    first.end('ended', 'remote', 'Terminated');
    expect(events.at(-1)).toMatchObject({ type: 'ended', cause: { kind: 'transferred' } });
  });

  it('goes back to the held call when the transfer target is busy', async () => {
    const { phone, ua } = start();
    const first = new FakeSession();
    ua.nextSession = first;
    await phone.call('201');
    first.emit('confirmed', {});
    const consultation = new FakeSession();
    ua.nextSession = consultation;
    await phone.attendedTransfer('202');
    consultation.end('failed', 'remote', 'Busy', { status_code: 486 });
    expect(events.at(-1)).toEqual({ type: 'transfer-abandoned', failure: { kind: 'busy' } });
    expect(first.terminated).toEqual([]);
  });
});
