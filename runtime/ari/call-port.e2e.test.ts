// AriCallPort on a real Asterisk (the sandbox): calls come in through originate into the Stasis app, DTMF from the
// sandbox's [dtmf] context (Local/<digits>@dtmf sends <digits> 1.5 s after answering), callees from [wait].
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallerHungUp } from '#runtime/call-port.ts';
import { readWav } from '#runtime/audio/wav.ts';
import { ChannelLost } from './call-port.ts';
import { AriConnection } from './connection.ts';
import {
  AriProbeClient,
  nextIncomingCall,
  quietLog,
  requireAriSettings,
  testMedia,
  waitUntil,
} from './testing/asterisk.ts';

const settings = requireAriSettings();
const asterisk = new AriProbeClient(settings);
const connection = new AriConnection(settings, { media: testMedia, log: quietLog });
const open = () => new AbortController().signal;

beforeAll(async () => {
  await asterisk.clearAll();
  connection.start();
  await connection.waitForState('connected', 15_000);
});

afterEach(async () => {
  await asterisk.clearAll();
});

afterAll(async () => {
  await connection.stop();
});

function settled<T>(promise: Promise<T>): Promise<{ resolved: T } | { rejected: unknown }> {
  return promise.then(
    (resolved) => ({ resolved }),
    (rejected: unknown) => ({ rejected }),
  );
}

/**
 * The dial destroys its bridge before it returns, yet on a busy machine (two suites at once) a GET /bridges right
 * after still listed it, emptied: Asterisk finishes dissolving a bridge after answering the DELETE. Wait for it,
 * within a deadline that a leaked bridge would miss.
 */
async function bridgesGone(): Promise<void> {
  await waitUntil(async () => (await asterisk.bridges()).length === 0, 3_000, 'no bridge left in Asterisk');
}

async function expectNothingLeft(): Promise<void> {
  await waitUntil(async () => (await asterisk.channelIds()).length === 0, 5_000, 'no channel left in Asterisk');
  await bridgesGone();
  expect(connection.activeCalls.size).toBe(0);
  expect(connection.trackedDialLegs).toBe(0);
}

describe('an incoming call', () => {
  it('arrives with its number, plays with barge-in, and reads the digits pressed', async () => {
    // GIVEN a caller who dials 123 and presses 1 2 3 # about 1.5 s after being answered
    const arriving = nextIncomingCall(connection, '123');
    await asterisk.originateIntoApp('Local/123#@dtmf', '123');
    const call = await arriving;
    expect(call.simulated).toBe(false);
    await call.answer();

    // THEN a long prompt with barge-in is cut short by the first key, which stays buffered
    const startedAt = Date.now();
    const played = await call.play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: true, signal: open() });
    expect(played).toEqual({ outcome: 'interrupted', digit: '1' });
    expect(Date.now() - startedAt).toBeLessThan(6_000); // demo-congrats lasts ~30 s

    // AND the menu read gets the interrupting key plus the rest, ended by #
    const read = await call.readDigits({
      maxDigits: 5,
      terminator: '#',
      firstDigitTimeoutMs: 3_000,
      interDigitTimeoutMs: 2_000,
      signal: open(),
    });
    expect(read).toEqual({ digits: '123', ended: 'terminator' });

    // AND a short prompt plays to its end; a missing sound fails without ending the call
    expect(await call.play({ kind: 'sound', name: 'hello-world' }, { bargeIn: true, signal: open() })).toEqual({
      outcome: 'finished',
    });
    const missing = await call.play({ kind: 'sound', name: 'no-such-sound-here' }, { bargeIn: false, signal: open() });
    expect(missing.outcome).toBe('failed');
    expect(call.hangupSignal.aborted).toBe(false);

    await call.hangup();
    await expectNothingLeft();
  });

  it('hanging up mid-prompt aborts hangupSignal and leaves no channel or bridge behind', async () => {
    const arriving = nextIncomingCall(connection, '200');
    await asterisk.originateIntoApp('Local/30@wait', '200');
    const call = await arriving;
    await call.answer();
    // settled() observes the rejection at once: it may arrive before the REST hangup below returns
    const playing = settled(call.play({ kind: 'sound', name: 'demo-congrats' }, { bargeIn: true, signal: open() }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await asterisk.hangup(call.id);
    expect(await playing).toEqual({ rejected: expect.any(CallerHungUp) });
    expect(call.hangupSignal.aborted).toBe(true);
    await expectNothingLeft();
  });
});

describe('dial', () => {
  it('bridges an answered callee; when the callee hangs up the caller carries on', async () => {
    const arriving = nextIncomingCall(connection, '300');
    await asterisk.originateIntoApp('Local/30@wait', '300');
    const call = await arriving;
    await call.answer();

    const dialling = call.dial({ endpoint: 'Local/s@wait', ringSeconds: 10, signal: open() });
    let bridge: { id: string; channels: string[] } | undefined;
    await waitUntil(
      async () => {
        bridge = (await asterisk.bridges()).find((candidate) => candidate.channels.includes(call.id));
        return bridge?.channels.length === 2;
      },
      5_000,
      'caller and callee in one bridge',
    );
    const calleeId = bridge!.channels.find((id) => id !== call.id)!;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await asterisk.hangup(calleeId);

    const result = await dialling;
    expect(result.outcome).toBe('answered');
    expect(result.talkMs).toBeGreaterThanOrEqual(250);
    await bridgesGone();
    expect(call.hangupSignal.aborted).toBe(false);
    expect(await call.play({ kind: 'sound', name: 'hello-world' }, { bargeIn: false, signal: open() })).toEqual({
      outcome: 'finished',
    });
    await call.hangup();
    await expectNothingLeft();
  });

  it('when the caller hangs up while bridged: rejects, hangs up the callee and destroys the bridge', async () => {
    const arriving = nextIncomingCall(connection, '301');
    await asterisk.originateIntoApp('Local/30@wait', '301');
    const call = await arriving;
    const dialling = settled(call.dial({ endpoint: 'Local/s@wait', ringSeconds: 10, signal: open() }));
    await waitUntil(
      async () => (await asterisk.bridges()).some((bridge) => bridge.channels.length === 2),
      5_000,
      'bridged',
    );
    await asterisk.hangup(call.id);
    expect(await dialling).toEqual({ rejected: expect.any(CallerHungUp) });
    await expectNothingLeft();
  });

  it('reports failed, no-answer and busy', async () => {
    const arriving = nextIncomingCall(connection, '400');
    await asterisk.originateIntoApp('Local/60@wait', '400');
    const call = await arriving;
    await call.answer();

    // an endpoint Asterisk cannot even create
    expect(await call.dial({ endpoint: 'PJSIP/nobody-here', ringSeconds: 5, signal: open() })).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('Allocation failed'),
    });
    // a number that routes nowhere
    expect((await call.dial({ endpoint: 'Local/999@no-such-context', ringSeconds: 5, signal: open() })).outcome).toBe(
      'failed',
    );

    // a callee that rings (it arrives in our app as a new call for 5 and is never answered)
    const ringing = nextIncomingCall(connection, '5');
    const startedAt = Date.now();
    const unanswered = await call.dial({ endpoint: 'Local/5@stasis', ringSeconds: 2, signal: open() });
    expect(unanswered.outcome).toBe('no-answer');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_900);
    // AND the callee stops ringing at once. Asterisk requests the callee's hang-up in the same millisecond as it
    // destroys the dial leg, but the callee's StasisEnd may reach us just after the leg's ChannelDestroyed (which is
    // what ends the dial): wait for that event, within a deadline that a still-ringing phone would miss.
    const callee = await ringing;
    const dialEndedAt = Date.now();
    await waitUntil(() => callee.hangupSignal.aborted, 1_000, 'the unanswered callee to be hung up');
    expect(Date.now() - dialEndedAt).toBeLessThan(1_000);

    // a callee that answers "busy"
    connection.once('incoming-call', (callee) => {
      if (callee.dialledNumber === '6') void asterisk.hangup(callee.id, 'busy');
    });
    expect((await call.dial({ endpoint: 'Local/6@stasis', ringSeconds: 10, signal: open() })).outcome).toBe('busy');

    expect(call.hangupSignal.aborted).toBe(false);
    await call.hangup();
    await expectNothingLeft();
  });
});

describe('HTTP sockets', () => {
  it('never opens more than maxHttpSockets to Asterisk, however many REST calls are in flight', async () => {
    const agent = connection.httpAgent;
    let peak = 0;
    const count = () => Object.values(agent.sockets).reduce((sum, list) => sum + (list?.length ?? 0), 0);
    const sampler = setInterval(() => (peak = Math.max(peak, count())), 1);
    try {
      const results = await Promise.all(
        Array.from({ length: 150 }, () =>
          connection.rest.listChannelIds().then((ids) => {
            peak = Math.max(peak, count());
            return ids;
          }),
        ),
      );
      expect(results).toHaveLength(150);
    } finally {
      clearInterval(sampler);
    }
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(32);
  });
});

describe('ChannelLost', () => {
  it('is a CallerHungUp, so the session loop ends such calls normally', () => {
    expect(new ChannelLost('x')).toBeInstanceOf(CallerHungUp);
  });
});

describe('recording the caller', () => {
  it('records until # and returns the WAV, leaving no stored recording in Asterisk', async () => {
    // GIVEN a caller who presses # about 1.5 s after being answered
    const arriving = nextIncomingCall(connection, '#');
    await asterisk.originateIntoApp('Local/#@dtmf', '#');
    const call = await arriving;
    await call.answer();
    // WHEN the call records with # as terminator
    const result = await call.record({
      maxSeconds: 20,
      silenceSeconds: 10,
      beep: false,
      terminator: '#',
      signal: open(),
    });
    // THEN # ended it, with an 8 kHz mono WAV, and Asterisk kept no copy. (This Local caller sends no audio frames
    // while it waits, so the file holds next to nothing; tests/e2e/voicemail.e2e.test.ts records a real 3 s tone.)
    expect(result.ended).toBe('terminator');
    expect(result.durationMs).toBeLessThan(2_000);
    expect(readWav(result.audio!)).toMatchObject({ sampleRate: 8000, channels: 1, durationMs: result.durationMs });
    expect(await asterisk.request('GET', '/recordings/stored')).toEqual([]);
    expect(call.bufferedDigits).toBe('');
    await call.hangup();
    await expectNothingLeft();
  });
});
