import { describe, expect, it } from 'vitest';
import { initialPhoneState, phoneReducer, type PhoneEvent, type PhoneState } from './phone-state.ts';

const alice = { number: '201', name: 'Alice Martin' };

function run(...events: PhoneEvent[]): PhoneState {
  return events.reduce(phoneReducer, initialPhoneState);
}

const registered: PhoneEvent[] = [{ type: 'registering' }, { type: 'registered' }];
const outgoingCall: PhoneEvent[] = [
  ...registered,
  { type: 'dialling', remote: alice, at: 1_000 },
  { type: 'answered', at: 3_000 },
];

describe('registration', () => {
  it('starts unregistered, then registering, then registered', () => {
    expect(initialPhoneState.registration).toEqual({ state: 'unregistered' });
    expect(run({ type: 'registering' }).registration).toEqual({ state: 'registering' });
    expect(run(...registered).registration).toEqual({ state: 'registered' });
  });

  it('keeps the reason of a refusal, and registers again afterwards', () => {
    const refused = run(
      { type: 'registering' },
      { type: 'registration-failed', failure: { kind: 'registration-refused' } },
    );
    expect(refused.registration).toEqual({ state: 'failed', reason: { kind: 'registration-refused' } });
    expect(phoneReducer(refused, { type: 'registering' }).registration).toEqual({ state: 'registering' });
  });

  it('goes back to unregistered when the phone stops', () => {
    expect(run(...registered, { type: 'unregistered' }).registration).toEqual({ state: 'unregistered' });
  });

  it('returns the same state for a repeated event', () => {
    const state = run(...registered);
    expect(phoneReducer(state, { type: 'registered' })).toBe(state);
  });

  it('keeps a call going when the registration is lost', () => {
    const state = run(...outgoingCall, {
      type: 'registration-failed',
      failure: { kind: 'connection-failed', host: 'pbx.example' },
    });
    expect(state.call.state).toBe('in-call');
    expect(state.registration.state).toBe('failed');
  });
});

describe('outgoing calls', () => {
  it('rings at the far end, then is in call from the answer on', () => {
    expect(run(...registered, { type: 'dialling', remote: alice, at: 1_000 }).call).toEqual({
      state: 'outgoing-ringing',
      remote: alice,
      startedAt: 1_000,
    });
    expect(run(...outgoingCall).call).toEqual({
      state: 'in-call',
      remote: alice,
      direction: 'outgoing',
      since: 3_000,
      muted: false,
      held: false,
    });
  });

  it('ends with the duration of the conversation, then goes back to idle when dismissed', () => {
    const state = run(...outgoingCall, { type: 'ended', cause: { kind: 'hung-up', by: 'remote' }, at: 65_400 });
    expect(state.call).toEqual({
      state: 'ended',
      remote: alice,
      direction: 'outgoing',
      cause: { kind: 'hung-up', by: 'remote' },
      duration: 62,
      endedAt: 65_400,
    });
    expect(phoneReducer(state, { type: 'call-dismissed' }).call).toEqual({ state: 'idle' });
  });

  it('ends a call that failed before an answer with a duration of zero and its failure', () => {
    const state = run(
      ...registered,
      { type: 'dialling', remote: alice, at: 1_000 },
      { type: 'ended', cause: { kind: 'failed', failure: { kind: 'busy' } }, at: 2_000 },
    );
    expect(state.call).toMatchObject({
      state: 'ended',
      duration: 0,
      cause: { kind: 'failed', failure: { kind: 'busy' } },
    });
  });

  it('lets a new call start from the summary of the last one', () => {
    const state = run(...outgoingCall, { type: 'ended', cause: { kind: 'hung-up', by: 'local' }, at: 5_000 });
    expect(phoneReducer(state, { type: 'dialling', remote: alice, at: 6_000 }).call.state).toBe('outgoing-ringing');
  });
});

describe('incoming calls', () => {
  const ringing: PhoneEvent[] = [...registered, { type: 'ringing-in', remote: alice, at: 10_000 }];

  it('rings with the name and number of the caller', () => {
    expect(run(...ringing).call).toEqual({ state: 'incoming-ringing', remote: alice, startedAt: 10_000 });
  });

  it('is in call once answered, as an incoming call', () => {
    expect(run(...ringing, { type: 'answered', at: 12_000 }).call).toMatchObject({
      state: 'in-call',
      direction: 'incoming',
      since: 12_000,
    });
  });

  it('records a declined call and a missed one', () => {
    expect(run(...ringing, { type: 'ended', cause: { kind: 'declined' }, at: 11_000 }).call).toMatchObject({
      state: 'ended',
      direction: 'incoming',
      cause: { kind: 'declined' },
    });
    expect(run(...ringing, { type: 'ended', cause: { kind: 'missed' }, at: 40_000 }).call).toMatchObject({
      cause: { kind: 'missed' },
      duration: 0,
    });
  });
});

describe('during a call', () => {
  it('mutes and unmutes', () => {
    const muted = run(...outgoingCall, { type: 'muted' });
    expect(muted.call).toMatchObject({ state: 'in-call', muted: true });
    expect(phoneReducer(muted, { type: 'unmuted' }).call).toMatchObject({ muted: false });
  });

  it('puts the call on hold and takes it back', () => {
    const held = run(...outgoingCall, { type: 'held' });
    expect(held.call).toMatchObject({ state: 'in-call', held: true });
    expect(phoneReducer(held, { type: 'resumed' }).call).toMatchObject({ held: false });
  });

  it('transfers blind: transferring to the target, then ended as transferred', () => {
    const transferring = run(...outgoingCall, { type: 'transfer-started', kind: 'blind', target: '202' });
    expect(transferring.call).toMatchObject({ state: 'transferring', kind: 'blind', target: '202', remote: alice });
    expect(phoneReducer(transferring, { type: 'ended', cause: { kind: 'transferred' }, at: 9_000 }).call).toMatchObject(
      { state: 'ended', cause: { kind: 'transferred' }, duration: 6 },
    );
  });

  it('transfers attended: the first call held while the target rings, then answers', () => {
    const consulting = run(...outgoingCall, { type: 'transfer-started', kind: 'attended', target: '202' });
    expect(consulting.call).toMatchObject({
      state: 'transferring',
      kind: 'attended',
      consultation: 'ringing',
      held: true,
    });
    expect(phoneReducer(consulting, { type: 'consultation-answered' }).call).toMatchObject({
      consultation: 'connected',
    });
  });

  it('comes back to the first call, with the reason, when a transfer fails', () => {
    const state = run(
      ...outgoingCall,
      { type: 'transfer-started', kind: 'attended', target: '299' },
      { type: 'transfer-abandoned', failure: { kind: 'transfer-failed' } },
    );
    expect(state.call).toMatchObject({ state: 'in-call', held: true, remote: alice });
    expect(state.notice).toEqual({ kind: 'transfer-failed' });
    expect(phoneReducer(state, { type: 'notice-dismissed' }).notice).toBeNull();
  });

  it('shows a failure that belongs to no state (a microphone lost) until dismissed', () => {
    const state = run(...outgoingCall, { type: 'failed', failure: { kind: 'no-microphone' } });
    expect(state.notice).toEqual({ kind: 'no-microphone' });
    expect(state.call.state).toBe('in-call');
  });
});

describe('impossible transitions are ignored', () => {
  const cases: Array<[string, PhoneEvent[], PhoneEvent]> = [
    ['an answer when nothing rings', registered, { type: 'answered', at: 1 }],
    ['a hang-up when there is no call', registered, { type: 'ended', cause: { kind: 'hung-up', by: 'local' }, at: 1 }],
    ['a second incoming call during a call', outgoingCall, { type: 'ringing-in', remote: alice, at: 5 }],
    ['dialling during a call', outgoingCall, { type: 'dialling', remote: alice, at: 5 }],
    ['mute before the answer', [...registered, { type: 'dialling', remote: alice, at: 1 }], { type: 'muted' }],
    ['hold while ringing', [...registered, { type: 'ringing-in', remote: alice, at: 1 }], { type: 'held' }],
    ['a transfer with no call', registered, { type: 'transfer-started', kind: 'blind', target: '202' }],
    [
      'resuming during an attended transfer',
      [...outgoingCall, { type: 'transfer-started', kind: 'attended', target: '202' }],
      { type: 'resumed' },
    ],
    [
      'a consultation answer in a blind transfer',
      [...outgoingCall, { type: 'transfer-started', kind: 'blind', target: '202' }],
      { type: 'consultation-answered' },
    ],
    ['abandoning a transfer that never started', outgoingCall, { type: 'transfer-abandoned', failure: null }],
    ['dismissing a call still going', outgoingCall, { type: 'call-dismissed' }],
    ['a second answer', outgoingCall, { type: 'answered', at: 9 }],
  ];

  it.each(cases)('ignores %s', (_name, before, event) => {
    const state = run(...before);
    expect(phoneReducer(state, event)).toBe(state);
  });
});
