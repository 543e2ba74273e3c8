import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '#runtime/queue/departments.ts';
import {
  afterLoginChange,
  afterPause,
  afterRuntimeStatus,
  afterUnpause,
  LOGGED_OUT,
  type StoredAgent,
} from './agent-state-rules.ts';

const agent = (fields: Partial<StoredAgent>): StoredAgent => ({ ...LOGGED_OUT, since: 1, ...fields });
const fromRuntime = (state: AgentStatus['state'], fields: Partial<AgentStatus> = {}): AgentStatus => ({
  username: 'alice',
  state,
  since: 50,
  lastCallEndedAt: 40,
  callsTaken: 2,
  ...fields,
});

describe('agent state rules', () => {
  it('the runtime cannot make a logged-out or paused agent available, but its counters are kept', () => {
    const out = afterRuntimeStatus(agent({}), fromRuntime({ kind: 'available' }), 0, 60);
    expect(out).toMatchObject({ state: { kind: 'logged-out' }, since: 1, lastCallEndedAt: 40, callsTaken: 2 });
    const paused = agent({ state: { kind: 'paused', reason: 'Lunch' } });
    expect(afterRuntimeStatus(paused, fromRuntime({ kind: 'wrap-up', until: 70 }), 1, 60).state).toEqual({
      kind: 'paused',
      reason: 'Lunch',
    });
  });

  it('a queue may pause an agent itself (autopause); that clears a pending pause', () => {
    const onCall = agent({ state: { kind: 'on-call', department: 'd' }, pendingPause: 'Lunch' });
    const next = afterRuntimeStatus(onCall, fromRuntime({ kind: 'paused', reason: 'Missed a call' }), 1, 60);
    expect(next).toMatchObject({ state: { kind: 'paused', reason: 'Missed a call' }, pendingPause: null, since: 50 });
  });

  it('ringing again for the same department keeps the time the state began', () => {
    const ringing = agent({ state: { kind: 'ringing', department: 'd' }, since: 10 });
    expect(afterRuntimeStatus(ringing, fromRuntime({ kind: 'ringing', department: 'd' }), 1, 60).since).toBe(10);
    expect(afterRuntimeStatus(ringing, fromRuntime({ kind: 'ringing', department: 'e' }), 1, 60).since).toBe(50);
  });

  it('the person’s changes wait while the runtime holds the agent, and apply at once otherwise', () => {
    const ringing = agent({ state: { kind: 'ringing', department: 'd' } });
    expect(afterPause(ringing, 'Break', 5)).toMatchObject({ state: { kind: 'ringing' }, pendingPause: 'Break' });
    expect(afterUnpause({ ...ringing, pendingPause: 'Break' }, 1, 5).pendingPause).toBeNull();
    expect(afterLoginChange(ringing, 0, 5).state.kind).toBe('ringing');
    const wrapUp = agent({ state: { kind: 'wrap-up', until: 99 } });
    expect(afterPause(wrapUp, 'Break', 5)).toMatchObject({ state: { kind: 'paused', reason: 'Break' }, since: 5 });
    expect(afterLoginChange(wrapUp, 0, 5).state).toEqual({ kind: 'logged-out' });
  });
});
