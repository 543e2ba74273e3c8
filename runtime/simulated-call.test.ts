import { describe, expect, it } from 'vitest';
import { CallerHungUp, type PromptMedia } from './call-port.ts';
import { SimulatedCall } from './simulated-call.ts';

const hello: PromptMedia = { kind: 'prompt', hash: 'h', text: 'Bonjour.' };
const open = () => new AbortController().signal;
const digits = (overrides: Partial<Parameters<SimulatedCall['readDigits']>[0]> = {}) => ({
  maxDigits: 4,
  terminator: '#',
  firstDigitTimeoutMs: 60_000,
  interDigitTimeoutMs: 60_000,
  signal: open(),
  ...overrides,
});

describe('SimulatedCall', () => {
  it('plays for the configured duration, then reports finished', async () => {
    // GIVEN playbacks lasting 40 ms
    const call = new SimulatedCall({ dialledNumber: '6003', playbackMs: 40 });
    const startedAt = Date.now();
    // WHEN a prompt is played
    const result = await call.play(hello, { bargeIn: false, signal: open() });
    // THEN it took about that long and is logged
    expect(result).toEqual({ outcome: 'finished' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(35);
    expect(call.transcript).toEqual([{ kind: 'played', media: hello, outcome: 'finished' }]);
  });

  it('reads buffered digits first, and keeps the rest after the terminator buffered', async () => {
    // GIVEN keys pressed before anyone reads them
    const call = new SimulatedCall({ dialledNumber: '6003' });
    call.pressKeys('12#9');
    // WHEN digits are read twice
    const first = await call.readDigits(digits());
    const second = await call.readDigits(digits({ maxDigits: 1 }));
    // THEN the terminator ends the first read and is not part of it; the 9 answers the second
    expect(first).toEqual({ digits: '12', ended: 'terminator' });
    expect(second).toEqual({ digits: '9', ended: 'max-digits' });
  });

  it('forgets buffered digits on clearDigits', async () => {
    // GIVEN a buffered key
    const call = new SimulatedCall({ dialledNumber: '6003' });
    call.pressKeys('5');
    // WHEN the buffer is cleared and a read is skipped
    call.clearDigits();
    const reading = call.readDigits(digits());
    await call.waitingFor('digits');
    call.skipWait();
    // THEN nothing was read
    expect(await reading).toEqual({ digits: '', ended: 'timeout' });
  });

  it('times out a digit read with real timers: first digit, then between digits', async () => {
    // GIVEN short timeouts
    const call = new SimulatedCall({ dialledNumber: '6003' });
    const startedAt = Date.now();
    // WHEN nobody types
    const silent = await call.readDigits(digits({ firstDigitTimeoutMs: 30 }));
    // THEN the read ends empty after the first-digit timeout
    expect(silent).toEqual({ digits: '', ended: 'timeout' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(25);
    // AND WHEN one key is typed and then nothing
    const reading = call.readDigits(digits({ firstDigitTimeoutMs: 60_000, interDigitTimeoutMs: 30 }));
    await call.waitingFor('digits');
    call.pressKeys('4');
    // THEN the inter-digit timeout ends it with that key
    expect(await reading).toEqual({ digits: '4', ended: 'timeout' });
    expect(call.pendingWork().timers).toBe(0);
  });

  it('stops a barge-in playback on a key and leaves the key buffered', async () => {
    // GIVEN a long barge-in prompt
    const call = new SimulatedCall({ dialledNumber: '6003', playbackMs: 60_000 });
    const playing = call.play(hello, { bargeIn: true, signal: open() });
    await call.waitingFor('play');
    // WHEN a key is pressed
    call.pressKeys('3');
    // THEN the prompt is interrupted and the key is still there to read
    expect(await playing).toEqual({ outcome: 'interrupted', digit: '3' });
    expect(await call.readDigits(digits({ maxDigits: 1 }))).toEqual({ digits: '3', ended: 'max-digits' });
  });

  it('uses queued dial outcomes in order, and skipWait ends a conversation', async () => {
    // GIVEN a busy line, then an answer with a long conversation
    const call = new SimulatedCall({
      dialledNumber: '6003',
      dialOutcomes: ['busy', { outcome: 'answered', talkMs: 60_000 }],
    });
    const request = { endpoint: 'PJSIP/bob', ringSeconds: 10, signal: open() };
    // WHEN two dials are made, skipping the conversation
    const busy = await call.dial(request);
    const talking = call.dial(request);
    const wait = await call.waitingFor('dial');
    expect(wait).toMatchObject({ phase: 'talking' });
    call.skipWait();
    // THEN the outcomes come in order
    expect(busy).toEqual({ outcome: 'busy' });
    expect(await talking).toEqual({ outcome: 'answered', talkMs: 60_000 });
    expect(call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
  });

  it('rejects the current wait with CallerHungUp when the caller hangs up, and refuses more work', async () => {
    // GIVEN a read in progress
    const call = new SimulatedCall({ dialledNumber: '6003' });
    const reading = call.readDigits(digits());
    await call.waitingFor('digits');
    // WHEN the caller hangs up
    call.hangUp();
    // THEN the read fails with CallerHungUp, the signal is aborted, and nothing is pending
    await expect(reading).rejects.toBeInstanceOf(CallerHungUp);
    expect(call.hangupSignal.aborted).toBe(true);
    expect(call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
    await expect(call.play(hello, { bargeIn: false, signal: open() })).rejects.toBeInstanceOf(CallerHungUp);
    expect(() => call.pressKeys('1')).toThrow(/the call is over/);
  });

  it('ends a wait when its own signal aborts', async () => {
    // GIVEN a playback with its own signal
    const call = new SimulatedCall({ dialledNumber: '6003', playbackMs: 60_000 });
    const controller = new AbortController();
    const playing = call.play(hello, { bargeIn: false, signal: controller.signal });
    // WHEN that signal aborts
    controller.abort(new Error('session stopped'));
    // THEN the playback fails with that reason and leaves nothing behind
    await expect(playing).rejects.toThrow('session stopped');
    expect(call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
    expect(call.transcript).toEqual([{ kind: 'played', media: hello, outcome: 'cut-off' }]);
  });

  it('refuses two waits at once and bad keys, with clear messages', async () => {
    // GIVEN a read in progress
    const call = new SimulatedCall({ dialledNumber: '6003' });
    const reading = call.readDigits(digits());
    // WHEN a playback is started meanwhile, or letters are "pressed"
    // THEN both are refused
    await expect(call.play(hello, { bargeIn: false, signal: open() })).rejects.toThrow(
      /asked to play while it waits for digits/,
    );
    expect(() => call.pressKeys('1a')).toThrow('pressKeys: "1a" is not a sequence of keys (0-9, * and #)');
    call.skipWait();
    await reading;
  });

  it('rejects waitingFor once the call is over', async () => {
    // GIVEN someone waiting for a dial
    const call = new SimulatedCall({ dialledNumber: '6003' });
    const waiting = call.waitingFor('dial');
    // WHEN the flow hangs up
    await call.hangup();
    // THEN the waiter is told, and the caller's hangup signal is untouched
    await expect(waiting).rejects.toThrow(/hung up by the flow/);
    expect(call.hangupSignal.aborted).toBe(false);
    expect(call.ended).toBe('flow');
  });
});

describe('SimulatedCall.record', () => {
  const request = (signal = open()) => ({ maxSeconds: 120, silenceSeconds: 5, beep: true, terminator: '#', signal });

  it('ends on the terminator with a WAV as long as the caller spoke, leaving nothing running', async () => {
    const call = new SimulatedCall({ dialledNumber: '6002' });
    const recording = call.record(request());
    await call.waitingFor('record');
    call.speakFor(2_000);
    call.pressKeys('5#'); // other keys are not the end of the message
    const result = await recording;
    expect(result.ended).toBe('terminator');
    expect(result.durationMs).toBeGreaterThanOrEqual(2_000);
    expect(result.audio!.length).toBe(44 + Math.round((result.durationMs / 1000) * 8000) * 2);
    expect(call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
  });

  it('resolves with the audio so far when the caller hangs up, but rejects when the flow or the session stops it', async () => {
    const call = new SimulatedCall({ dialledNumber: '6002' });
    const recording = call.record(request());
    await call.waitingFor('record');
    call.speakFor(1_500);
    call.hangUp();
    await expect(recording).resolves.toMatchObject({ ended: 'hung-up', durationMs: expect.any(Number) });
    expect(call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });

    const stopped = new SimulatedCall({ dialledNumber: '6002' });
    const controller = new AbortController();
    const cut = stopped.record(request(controller.signal));
    await stopped.waitingFor('record');
    controller.abort(new Error('session stopped'));
    await expect(cut).rejects.toThrow('session stopped');
  });
});
