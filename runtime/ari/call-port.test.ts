// AriCallPort's logic against a fake AriRest: which REST calls it makes for which events, and that every wait ends
// cleanly. The same behaviours are checked on a real Asterisk in call-port.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { AriHttpError } from './ari-http-client.ts';
import { CallerHungUp } from '#runtime/call-port.ts';
import { isDialLegOf, type AriEventJson } from './ari-events.ts';
import type { AriRest, OriginateRequest } from './ari-rest.ts';
import {
  AriCallPort,
  CallHungUpByFlow,
  ChannelLost,
  browserDeviceOf,
  callerIdOfParty,
  pjsipEndpointOf,
} from './call-port.ts';
import { quietToneWav } from '#runtime/audio/wav.ts';

type Call = [name: string, ...args: unknown[]];

function fakeRest(overrides: Partial<AriRest> = {}) {
  const calls: Call[] = [];
  const originated: OriginateRequest[] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const rest: AriRest = {
    answer: record('answer'),
    hangup: record('hangup'),
    play: record('play'),
    stopPlayback: record('stopPlayback'),
    startMoh: record('startMoh'),
    stopMoh: record('stopMoh'),
    deviceState: async () => 'NOT_INUSE',
    endpointChannels: async () => new Map(),
    originate: async (request) => {
      calls.push(['originate', request.endpoint]);
      originated.push(request);
    },
    createMixingBridge: record('createMixingBridge'),
    addToBridge: record('addToBridge'),
    destroyBridge: record('destroyBridge'),
    listChannelIds: async () => [],
    listChannels: async () => [],
    channelState: async () => 'Up',
    playbackExists: async () => false,
    recordChannel: record('recordChannel'),
    liveRecordingState: async () => undefined,
    storedRecordingFile: async () => null,
    deleteStoredRecording: record('deleteStoredRecording'),
    ...overrides,
  };
  return { rest, calls, originated };
}

function makePort(rest: AriRest, state = 'Up') {
  let ended = 0;
  const claimed: string[] = [];
  const released: string[] = [];
  const port = new AriCallPort({ id: 'caller-1', state, caller: { number: '0612', name: 'Ann' } }, ['123'], {
    rest,
    app: 'switchboard',
    media: { promptBaseUrl: 'http://127.0.0.1:3000/prompts', audioBaseUrl: 'http://127.0.0.1:3000/audio' },
    claimDialLeg: (legId) => claimed.push(legId),
    releaseDialLeg: (legId) => released.push(legId),
    onEnded: () => (ended += 1),
    playbackFailureGraceMs: 20,
  });
  return { port, claimed, released, endedCount: () => ended };
}

const forCaller = (type: string, extra: Partial<AriEventJson> = {}): AriEventJson => ({
  type,
  channel: { id: 'caller-1' },
  ...extra,
});
const finished = (id: string, state = 'done'): AriEventJson => ({
  type: 'PlaybackFinished',
  playback: { id, state, target_uri: 'channel:caller-1' },
});
const tick = () => new Promise((resolve) => setImmediate(resolve));
const open = () => new AbortController().signal;

describe('AriCallPort basics', () => {
  it('takes number and caller from the StasisStart', () => {
    const { port } = makePort(fakeRest().rest);
    expect(port).toMatchObject({
      id: 'caller-1',
      dialledNumber: '123',
      caller: { number: '0612', name: 'Ann' },
      simulated: false,
    });
  });

  it('knows the SIP account a PJSIP channel came from, by the channel name, never by the caller number', () => {
    expect(pjsipEndpointOf('PJSIP/alice-0000002a')).toBe('alice');
    expect(pjsipEndpointOf('PJSIP/jean-paul-00000001')).toBe('jean-paul');
    expect(pjsipEndpointOf('Local/6001@stasis-00000003;1')).toBeNull();
    expect(pjsipEndpointOf('PJSIP/alice')).toBeNull();
    expect(pjsipEndpointOf(undefined)).toBeNull();
  });

  it("takes a person's browser device for the person: a call from PJSIP/bob~web is bob's", () => {
    const deps = {
      rest: fakeRest().rest,
      app: 'switchboard',
      media: { promptBaseUrl: 'http://127.0.0.1:3000/prompts', audioBaseUrl: 'http://127.0.0.1:3000/audio' },
      claimDialLeg: () => {},
      releaseDialLeg: () => {},
      onEnded: () => {},
    };
    const fromBrowser = new AriCallPort({ id: 'c-1', name: 'PJSIP/bob~web-0000000a' }, ['*45'], deps);
    const fromDesk = new AriCallPort({ id: 'c-2', name: 'PJSIP/bob-0000000b' }, ['*45'], deps);
    const fromLocal = new AriCallPort({ id: 'c-3', name: 'Local/bob@switchboard-person-00000001;1' }, ['x'], deps);
    expect([fromBrowser.sipEndpoint, fromDesk.sipEndpoint, fromLocal.sipEndpoint]).toEqual(['bob', 'bob', undefined]);
  });

  it('answers only a channel that is not up yet', async () => {
    const up = fakeRest();
    await makePort(up.rest, 'Up').port.answer();
    expect(up.calls).toEqual([]);
    const ringing = fakeRest();
    await makePort(ringing.rest, 'Ring').port.answer();
    expect(ringing.calls).toEqual([['answer', 'caller-1']]);
  });

  it('hangup() hangs up the channel and ends the port once', async () => {
    const { rest, calls } = fakeRest();
    const { port, endedCount } = makePort(rest);
    await port.hangup();
    expect(calls).toEqual([['hangup', 'caller-1']]);
    expect(port.hangupSignal.reason).toBeInstanceOf(CallHungUpByFlow);
    port.handleChannelEvent(forCaller('StasisEnd'));
    expect(endedCount()).toBe(1);
  });
});

describe('AriCallPort end of call: the caller, or Asterisk going away', () => {
  it("a caller's hang-up (cause 16) is CallerHungUp; Asterisk shutting down (soft, shutdown flag) is ChannelLost", async () => {
    // GIVEN two calls
    const caller = makePort(fakeRest().rest).port;
    const restart = makePort(fakeRest().rest).port;
    // WHEN the first caller hangs up (normal clearing) and Asterisk shuts down under the second
    caller.handleChannelEvent(forCaller('ChannelHangupRequest', { cause: 16 }));
    caller.handleChannelEvent(forCaller('StasisEnd'));
    restart.handleChannelEvent(forCaller('ChannelHangupRequest', { cause: 4, soft: true }));
    restart.handleChannelEvent(forCaller('StasisEnd'));
    // THEN only the second is lost
    expect(caller.hangupSignal.reason).toBeInstanceOf(CallerHungUp);
    expect(caller.hangupSignal.reason).not.toBeInstanceOf(ChannelLost);
    expect(restart.hangupSignal.reason).toBeInstanceOf(ChannelLost);
    expect((restart.hangupSignal.reason as Error).message).toContain('Asterisk shut down or restarted');
  });
});

describe('AriCallPort.play', () => {
  it('resolves on the PlaybackFinished of its own playback only', async () => {
    const { rest, calls } = fakeRest();
    const { port } = makePort(rest);
    const playing = port.play({ kind: 'prompt', hash: 'abc', text: 'Hi' }, { bargeIn: false, signal: open() });
    await tick();
    const [, channelId, uri, playbackId] = calls[0] as [string, string, string, string];
    expect([channelId, uri]).toEqual(['caller-1', 'sound:http://127.0.0.1:3000/prompts/abc.wav']);
    let settled = false;
    void playing.then(() => (settled = true));
    port.handleChannelEvent(finished('someone-else'));
    port.handleChannelEvent(forCaller('ChannelDtmfReceived', { digit: '5' })); // no barge-in: ignored by play
    await tick();
    expect(settled).toBe(false);
    port.handleChannelEvent(finished(playbackId));
    await expect(playing).resolves.toEqual({ outcome: 'finished' });
    expect(port.bufferedDigits).toBe('5');
  });

  it('reports a playback Asterisk could not play, or a refused REST call, as failed', async () => {
    const { rest, calls } = fakeRest();
    const { port } = makePort(rest);
    const playing = port.play({ kind: 'sound', name: 'no-such-sound' }, { bargeIn: false, signal: open() });
    await tick();
    port.handleChannelEvent(finished(calls[0]![3] as string, 'failed'));
    await expect(playing).resolves.toMatchObject({
      outcome: 'failed',
      reason: expect.stringContaining('sound:no-such-sound'),
    });

    const refusing = fakeRest({
      play: async () =>
        Promise.reject(new AriHttpError('Channel not in Stasis application', 409, 'POST', '/channels/x/play')),
    });
    const result = await makePort(refusing.rest).port.play(
      { kind: 'sound', name: 'x' },
      { bargeIn: false, signal: open() },
    );
    expect(result).toEqual({ outcome: 'failed', reason: 'Could not play sound:x: Channel not in Stasis application' });
  });

  it('with barge-in, stops the playback on the first key and keeps the key for the next read', async () => {
    const { rest, calls } = fakeRest();
    const { port } = makePort(rest);
    const playing = port.play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: true, signal: open() });
    await tick();
    port.handleChannelEvent(forCaller('ChannelDtmfReceived', { digit: '7' }));
    await expect(playing).resolves.toEqual({ outcome: 'interrupted', digit: '7' });
    expect(calls.map(([name]) => name)).toEqual(['play', 'stopPlayback']);
    await expect(
      port.readDigits({ maxDigits: 1, firstDigitTimeoutMs: 10, interDigitTimeoutMs: 10, signal: open() }),
    ).resolves.toEqual({
      digits: '7',
      ended: 'max-digits',
    });
  });

  it('rejects with CallerHungUp when the caller hangs up, without touching the dead channel', async () => {
    const { rest, calls } = fakeRest();
    const { port, endedCount } = makePort(rest);
    const playing = port.play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: true, signal: open() });
    await tick();
    port.handleChannelEvent(forCaller('StasisEnd'));
    await expect(playing).rejects.toBeInstanceOf(CallerHungUp);
    expect(port.hangupSignal.aborted).toBe(true);
    expect(calls.map(([name]) => name)).toEqual(['play']);
    expect(endedCount()).toBe(1);
    await expect(port.play({ kind: 'sound', name: 'x' }, { bargeIn: false, signal: open() })).rejects.toBeInstanceOf(
      CallerHungUp,
    );
  });

  it('reports a hang-up, not a failed prompt, when Asterisk fails the playback because the channel is going', async () => {
    const { rest, calls } = fakeRest();
    const { port } = makePort(rest);
    const playing = port.play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: false, signal: open() });
    await tick();
    // the order Asterisk 22 sends them in when a channel in Stasis is hung up mid-playback
    port.handleChannelEvent(forCaller('ChannelHangupRequest', { cause: 16 }));
    port.handleChannelEvent(finished(calls[0]![3] as string, 'failed'));
    port.handleChannelEvent(forCaller('StasisEnd'));
    await expect(playing).rejects.toBeInstanceOf(CallerHungUp);
  });

  it('reports a hang-up, not a failed prompt, when the failure comes before any ChannelHangupRequest', async () => {
    // GIVEN a prompt playing
    const { rest, calls } = fakeRest();
    const { port } = makePort(rest);
    const playing = port.play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: false, signal: open() });
    await tick();
    // WHEN Asterisk fails the playback first, then the channel leaves Stasis (no hang-up request seen)
    port.handleChannelEvent(finished(calls[0]![3] as string, 'failed'));
    await tick();
    port.handleChannelEvent(forCaller('StasisEnd'));
    // THEN play() ends with the hang-up
    await expect(playing).rejects.toBeInstanceOf(CallerHungUp);

    // and a REST refusal for a channel that is going ("Channel not found") is the hang-up too
    const refusing = fakeRest({
      play: async () => Promise.reject(new AriHttpError('Channel not found', 404, 'POST', '/channels/x/play')),
    });
    const going = makePort(refusing.rest).port;
    const refused = going.play({ kind: 'sound', name: 'x' }, { bargeIn: false, signal: open() });
    await tick();
    going.handleChannelEvent(forCaller('ChannelDestroyed'));
    await expect(refused).rejects.toBeInstanceOf(CallerHungUp);
  });

  it("stops the playback when the executor's own signal aborts", async () => {
    const { rest, calls } = fakeRest();
    const { port } = makePort(rest);
    const stop = new AbortController();
    const playing = port.play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: false, signal: stop.signal });
    await tick();
    stop.abort(new Error('node timed out'));
    await expect(playing).rejects.toThrow('node timed out');
    expect(calls.map(([name]) => name)).toEqual(['play', 'stopPlayback']);
  });
});

describe('AriCallPort.dial', () => {
  const dialRequest = (signal = open()) => ({ endpoint: 'PJSIP/bob', ringSeconds: 20, signal });

  it('bridges an answered leg and returns the talk time when the callee hangs up; the caller stays', async () => {
    const { rest, calls, originated } = fakeRest();
    const { port, claimed, released } = makePort(rest);
    const dialling = port.dial(dialRequest());
    await tick();
    const leg = originated[0]!;
    expect(leg).toMatchObject({ endpoint: 'PJSIP/bob', timeoutSeconds: 20, appArgs: 'dial-leg,caller-1' });
    // Its id names the app, so a restarted runtime of this app (and only it) knows it while it still rings.
    expect(isDialLegOf(leg.channelId, 'switchboard')).toBe(true);
    expect(isDialLegOf(leg.channelId, 'switchboard-caller')).toBe(false);
    expect(isDialLegOf('1796537419.40', 'switchboard')).toBe(false);
    expect(claimed).toEqual([leg.channelId]);
    port.handleDialLegEvent({ type: 'StasisStart', channel: { id: leg.channelId }, args: ['dial-leg', 'caller-1'] });
    await tick();
    await new Promise((resolve) => setTimeout(resolve, 20));
    port.handleDialLegEvent({ type: 'StasisEnd', channel: { id: leg.channelId } });
    port.handleDialLegEvent({ type: 'ChannelDestroyed', channel: { id: leg.channelId }, cause: 16 });
    const result = await dialling;
    expect(result.outcome).toBe('answered');
    expect(result.talkMs).toBeGreaterThanOrEqual(15);
    const bridgeId = `bridge-${leg.channelId}`;
    expect(calls).toEqual([
      ['originate', 'PJSIP/bob'],
      ['createMixingBridge', bridgeId],
      ['addToBridge', bridgeId, ['caller-1', leg.channelId]],
      ['destroyBridge', bridgeId],
    ]);
    expect(port.hangupSignal.aborted).toBe(false);
    expect(released).toEqual([leg.channelId]);
  });

  it('maps a leg destroyed before answer by its cause', async () => {
    for (const [cause, outcome] of [
      [17, 'busy'],
      [19, 'no-answer'],
      [3, 'failed'],
    ] as const) {
      const { rest, originated, calls } = fakeRest();
      const { port } = makePort(rest);
      const dialling = port.dial(dialRequest());
      await tick();
      port.handleDialLegEvent({
        type: 'ChannelDestroyed',
        channel: { id: originated[0]!.channelId },
        cause,
        cause_txt: 'why',
      });
      await expect(dialling).resolves.toEqual({ outcome, detail: 'why' });
      expect(calls.map(([name]) => name)).toEqual(['originate']);
    }
  });

  it('reports a refused originate as failed, with the reason', async () => {
    const { rest } = fakeRest({
      originate: async () => Promise.reject(new AriHttpError('Allocation failed', 500, 'POST', '/channels')),
    });
    await expect(makePort(rest).port.dial(dialRequest())).resolves.toEqual({
      outcome: 'failed',
      detail: 'Could not dial PJSIP/bob: Allocation failed',
    });
  });

  it('when the caller hangs up while bridged: rejects, hangs up the leg and destroys the bridge', async () => {
    const { rest, calls, originated } = fakeRest();
    const { port } = makePort(rest);
    const dialling = port.dial(dialRequest());
    await tick();
    const legId = originated[0]!.channelId;
    port.handleDialLegEvent({ type: 'StasisStart', channel: { id: legId }, args: ['dial-leg', 'caller-1'] });
    await tick();
    port.handleChannelEvent(forCaller('ChannelDestroyed', { cause: 16 }));
    await expect(dialling).rejects.toBeInstanceOf(CallerHungUp);
    expect(calls.slice(-2)).toEqual([
      ['hangup', legId],
      ['destroyBridge', `bridge-${legId}`],
    ]);
  });

  it('validates the dial string and ring time', async () => {
    const { port } = makePort(fakeRest().rest);
    await expect(port.dial({ endpoint: 'bob', ringSeconds: 20, signal: open() })).rejects.toThrow(
      /Asterisk dial string/,
    );
    await expect(port.dial({ endpoint: 'PJSIP/bob', ringSeconds: 0, signal: open() })).rejects.toThrow(/ringSeconds/);
  });
});

describe('AriCallPort.resumeDial (a conversation a previous run of the runtime bridged)', () => {
  const taken = (signal = open()) => ({
    bridgeId: 'bridge-dial-1',
    legId: 'dial-1',
    answeredAt: Date.now() - 3_000,
    signal,
  });

  it('waits in the bridge until the callee leaves, then destroys the bridge; the caller stays', async () => {
    const { rest, calls } = fakeRest();
    const { port, claimed, released } = makePort(rest);
    const talking = port.resumeDial(taken());
    await tick();
    expect(claimed).toEqual(['dial-1']);
    port.handleDialLegEvent({ type: 'StasisEnd', channel: { id: 'dial-1' } });
    port.handleDialLegEvent({ type: 'ChannelDestroyed', channel: { id: 'dial-1' }, cause: 16 });
    const result = await talking;
    expect(result.outcome).toBe('answered');
    expect(result.talkMs).toBeGreaterThanOrEqual(3_000);
    // The leg is already gone: only the bridge is left to destroy.
    expect(calls).toEqual([['destroyBridge', 'bridge-dial-1']]);
    expect(released).toEqual(['dial-1']);
    expect(port.hangupSignal.aborted).toBe(false);
  });

  it('when the caller hangs up: rejects, hangs up the callee and destroys the bridge', async () => {
    const { rest, calls } = fakeRest();
    const { port } = makePort(rest);
    const talking = port.resumeDial(taken());
    await tick();
    port.handleChannelEvent(forCaller('ChannelDestroyed', { cause: 16 }));
    await expect(talking).rejects.toBeInstanceOf(CallerHungUp);
    expect(calls).toEqual([
      ['hangup', 'dial-1'],
      ['destroyBridge', 'bridge-dial-1'],
    ]);
  });

  it('a callee who left during the restart ends the conversation at once', async () => {
    const { rest, calls } = fakeRest({ channelState: async () => undefined });
    const result = await makePort(rest).port.resumeDial(taken());
    expect(result).toMatchObject({ outcome: 'answered', detail: 'the callee left during the restart' });
    expect(calls).toEqual([['destroyBridge', 'bridge-dial-1']]);
  });
});

describe('AriCallPort after a reconnect (events of the gap are lost)', () => {
  it('settles a playback that ended meanwhile and bridges a callee that answered meanwhile', async () => {
    const { rest, calls, originated } = fakeRest();
    const { port } = makePort(rest);
    const playing = port.play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: false, signal: open() });
    const dialling = port.dial({ endpoint: 'PJSIP/bob', ringSeconds: 30, signal: open() });
    await tick();
    await port.recheckAfterReconnect();
    await expect(playing).resolves.toEqual({ outcome: 'finished' });
    await tick();
    const legId = originated[0]!.channelId;
    expect(calls.map(([name]) => name)).toContain('addToBridge');
    port.handleDialLegEvent({ type: 'ChannelDestroyed', channel: { id: legId }, cause: 16 });
    await expect(dialling).resolves.toMatchObject({ outcome: 'answered' });
  });

  it('leaves a playback that is still running alone', async () => {
    const { rest, calls } = fakeRest({ playbackExists: async () => true });
    const { port } = makePort(rest);
    let settled = false;
    void port
      .play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: false, signal: open() })
      .then(() => (settled = true));
    await tick();
    await port.recheckAfterReconnect();
    await tick();
    expect(settled).toBe(false);
    port.handleChannelEvent(finished(calls[0]![3] as string));
    await tick();
    expect(settled).toBe(true);
  });
});

describe('AriCallPort.record', () => {
  const wavOf = (ms: number) => quietToneWav(ms);
  const recordingEvent = (type: string, name: string): AriEventJson => ({
    type,
    recording: { name, target_uri: 'channel:caller-1', state: 'done' },
  });
  const request = (signal = open()) => ({ maxSeconds: 120, silenceSeconds: 5, beep: true, terminator: '#', signal });

  it('records as WAV with the limits, downloads the stored file, deletes it, and says # ended it', async () => {
    // GIVEN Asterisk stores 3 s of audio
    const { rest, calls } = fakeRest({ storedRecordingFile: async () => wavOf(3000) });
    const { port } = makePort(rest);
    const recording = port.record(request());
    await tick();
    const [, channelId, options] = calls.find(([name]) => name === 'recordChannel')!;
    expect(channelId).toBe('caller-1');
    expect(options).toMatchObject({ maxDurationSeconds: 120, maxSilenceSeconds: 5, beep: true, terminateOn: '#' });
    const name = (options as { name: string }).name;
    // WHEN the caller presses # and Asterisk finishes the recording
    port.handleChannelEvent(forCaller('ChannelDtmfReceived', { digit: '#' }));
    port.handleChannelEvent(recordingEvent('RecordingFinished', name));
    // THEN the result carries the audio and its duration, Asterisk's copy is deleted and # is not left buffered
    const result = await recording;
    expect(result).toMatchObject({ ended: 'terminator', durationMs: 3000 });
    expect(result.audio?.length).toBe(44 + 3 * 8000 * 2);
    expect(calls).toContainEqual(['deleteStoredRecording', name]);
    expect(port.bufferedDigits).toBe('');
  });

  it('still returns what was said when the caller hangs up mid-message', async () => {
    const { rest } = fakeRest({ storedRecordingFile: async () => wavOf(2000) });
    const { port } = makePort(rest);
    const recording = port.record(request());
    await tick();
    port.handleChannelEvent(forCaller('ChannelHangupRequest'));
    port.handleChannelEvent(forCaller('StasisEnd'));
    await expect(recording).resolves.toMatchObject({ ended: 'hung-up', durationMs: 2000 });
  });

  it('reports silence when neither the key nor the maximum ended it, and fails clearly when Asterisk fails', async () => {
    const { rest, calls } = fakeRest({ storedRecordingFile: async () => wavOf(1500) });
    const { port } = makePort(rest);
    const recording = port.record(request());
    await tick();
    const name = (calls.find(([call]) => call === 'recordChannel')![2] as { name: string }).name;
    port.handleChannelEvent(recordingEvent('RecordingFinished', name));
    await expect(recording).resolves.toMatchObject({ ended: 'silence', durationMs: 1500 });

    const failing = port.record(request());
    await tick();
    const second = (calls.filter(([call]) => call === 'recordChannel')[1]![2] as { name: string }).name;
    port.handleChannelEvent({
      type: 'RecordingFailed',
      recording: { name: second, target_uri: 'channel:caller-1', cause: 'disk full' },
    });
    await expect(failing).rejects.toThrow(/could not record.*disk full/);
  });
});

describe('callerIdOfParty', () => {
  it("gives the person rung the caller's name and number, or only the number", () => {
    expect(callerIdOfParty({ number: '0612345678', name: 'Claire "CC" Dupont' })).toBe(
      `"Claire 'CC' Dupont" <0612345678>`,
    );
    expect(callerIdOfParty({ number: '6001', name: '6001' })).toBe('<6001>');
    expect(callerIdOfParty({ number: '6001', name: '' })).toBe('<6001>');
    expect(callerIdOfParty({ number: '', name: 'Nobody' })).toBeUndefined();
  });
});

describe('browserDeviceOf', () => {
  const local = (context: string) => ({
    id: 'l-2',
    name: 'Local/6003@switchboard-device-stasis-00000001;2',
    dialplan: { context, exten: '6003', app_name: 'Stasis' },
  });

  it("names the browser device of a call that came through the device context's Local channel", () => {
    expect(browserDeviceOf(local('switchboard-device-stasis'), ['6003', 'device', 'bob~web'])).toBe('bob~web');
  });

  it('trusts those arguments from no other context: a phone dialling "6003,device,alice~web" is not alice', () => {
    expect(browserDeviceOf(local('from-internal'), ['6003', 'device', 'alice~web'])).toBeNull();
    expect(browserDeviceOf(local('switchboard-device-stasis'), ['6003'])).toBeNull();
    expect(browserDeviceOf(local('switchboard-device-stasis'), ['6003', 'device', ''])).toBeNull();
  });
});
