import { describe, expect, it } from 'vitest';
import type { DialQuestion } from '../simulated-call.ts';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';

/** start -> dial target, every outcome to a say naming it. */
function dialFlow(target: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const outcomes = ['answered', 'no-answer', 'busy', 'failed'];
  return typedFlow({
    numbers: ['7300'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('ring', 'dial', { target, ringSeconds: 1, ...extra }),
      ...outcomes.map((outcome) => draftNode(outcome, 'say', { text: outcome })),
    ],
    edges: [connect('start', 'next', 'ring'), ...outcomes.map((outcome) => connect('ring', outcome, outcome))],
  });
}

describe('dial executor', () => {
  it('rings the owner of an extension on their SIP account and takes the outcome branch', async () => {
    // GIVEN a dial to extension 6004 (julien) who is busy
    const document = dialFlow({ kind: 'extension', extension: '6004' });
    const sim = simulate({ flows: [{ flowId: 'd', document }], dialledNumber: '7300', dialOutcomes: ['busy'] });
    // WHEN the call runs
    await sim.run();
    // THEN PJSIP/julien was rung and the busy branch taken
    expect(sim.call.transcript).toContainEqual({ kind: 'dialled', endpoint: 'julien', outcome: 'busy' });
    expect(sim.call.playedTexts()).toEqual(['busy']);
  });

  it('dials a raw endpoint as it is, with the caller id given', async () => {
    // GIVEN a dial to a trunk, answered after a 20 ms conversation
    const questions: DialQuestion[] = [];
    const document = dialFlow({ kind: 'endpoint', endpoint: 'PJSIP/trunk-out' }, { callerId: '0102030405' });
    const sim = simulate({
      flows: [{ flowId: 'd', document }],
      dialledNumber: '7300',
      decide: async (question) => {
        questions.push(question);
        return { outcome: 'answered', talkMs: 20 };
      },
    });
    // WHEN the call runs
    await sim.run();
    // THEN the tester was asked about that endpoint, and the event keeps the conversation length
    expect(questions).toEqual([{ kind: 'dial', endpoint: 'PJSIP/trunk-out', ringSeconds: 1, callerId: '0102030405' }]);
    expect(sim.events().find((event) => event.kind === 'dial')?.detail).toMatchObject({
      endpoint: 'PJSIP/trunk-out',
      outcome: 'answered',
      talkMs: 20,
    });
    expect(sim.call.playedTexts()).toEqual(['answered']);
  });

  it('records that the callee answered even when the caller hangs up mid-conversation', async () => {
    // GIVEN bob answers and would talk for a minute
    const document = dialFlow({ kind: 'user', username: 'bob' });
    const sim = simulate({
      flows: [{ flowId: 'd', document }],
      dialledNumber: '7300',
      dialOutcomes: [{ outcome: 'answered', talkMs: 60_000 }],
    });
    const done = sim.run();
    // WHEN the caller hangs up while they talk
    await sim.call.waitingFor('dial');
    sim.call.hangUp();
    const summary = await done;
    // THEN the call ended by the caller, and history still shows bob answered
    expect(summary.outcome).toBe('caller-hung-up');
    expect(sim.events()).toContainEqual(
      expect.objectContaining({
        kind: 'note',
        detail: expect.objectContaining({ message: 'answered', endpoint: 'Local/bob@switchboard-person/n' }),
      }),
    );
  });

  it('writes the final dial event (answered, talk time) when the caller hangs up mid-conversation', async () => {
    // GIVEN bob answers and would talk for a minute
    const document = dialFlow({ kind: 'user', username: 'bob' });
    const sim = simulate({
      flows: [{ flowId: 'd', document }],
      dialledNumber: '7300',
      dialOutcomes: [{ outcome: 'answered', talkMs: 60_000 }],
    });
    const done = sim.run();
    await sim.call.waitingFor('dial');
    // WHEN the caller hangs up after talking about 200 ms
    await new Promise((resolve) => setTimeout(resolve, 200));
    sim.call.hangUp();
    await done;
    // THEN the dial is recorded once, as answered with the time they talked, before the node is left
    const events = sim.events();
    const dials = events.filter((event) => event.kind === 'dial');
    expect(dials).toHaveLength(1);
    expect(dials[0]!.detail).toMatchObject({
      endpoint: 'Local/bob@switchboard-person/n',
      outcome: 'answered',
      detail: 'The caller hung up during the conversation',
    });
    expect(Number(dials[0]!.detail?.talkMs)).toBeGreaterThanOrEqual(150);
    expect(Number(dials[0]!.detail?.talkMs)).toBeLessThan(5_000);
    const kinds = events.filter((event) => event.nodeId === 'ring').map((event) => event.kind);
    expect(kinds).toEqual(['node-entered', 'note', 'dial', 'node-left']);
  });

  it('writes one dial event when the conversation ends normally', async () => {
    // GIVEN bob answers and talks 30 ms, then hangs up
    const document = dialFlow({ kind: 'user', username: 'bob' });
    const sim = simulate({
      flows: [{ flowId: 'd', document }],
      dialledNumber: '7300',
      dialOutcomes: [{ outcome: 'answered', talkMs: 30 }],
    });
    // WHEN the call runs to its end
    await sim.run();
    // THEN one dial event, with the talk time the phone reported, and the answered branch
    const dials = sim.events().filter((event) => event.kind === 'dial');
    expect(dials.map((event) => event.detail)).toEqual([expect.objectContaining({ outcome: 'answered', talkMs: 30 })]);
    expect(sim.call.playedTexts()).toEqual(['answered']);
  });

  it('takes "failed" with a note when the person is not in the directory any more', async () => {
    // GIVEN a dial to a user nobody has
    const document = dialFlow({ kind: 'user', username: 'zoe' });
    const sim = simulate({ flows: [{ flowId: 'd', document }], dialledNumber: '7300' });
    // WHEN the call runs
    await sim.run();
    // THEN nothing was rung, a note says why, and the failed branch was taken
    expect(sim.call.transcript.some((entry) => entry.kind === 'dialled')).toBe(false);
    expect(sim.events().find((event) => event.kind === 'note')?.detail).toMatchObject({
      message: 'No person "zoe" in the directory',
    });
    expect(sim.events().find((event) => event.kind === 'node-left' && event.nodeId === 'ring')?.branch).toBe('failed');
    expect(sim.call.playedTexts()).toEqual(['failed']);
  });

  it('rings for ringSeconds and gives no-answer when nobody decides', async () => {
    // GIVEN a 1 s dial with no queued outcome and no one to ask
    const document = dialFlow({ kind: 'user', username: 'alice' });
    const sim = simulate({ flows: [{ flowId: 'd', document }], dialledNumber: '7300' });
    const startedAt = Date.now();
    // WHEN the call runs
    await sim.run();
    // THEN it rang about a second and went on by no-answer
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(sim.call.playedTexts()).toEqual(['no-answer']);
  });

  it('withdraws the question to the tester when the caller hangs up while it rings', async () => {
    // GIVEN a tester who never answers
    let withdrawn = false;
    const document = dialFlow({ kind: 'user', username: 'bob' });
    const sim = simulate({
      flows: [{ flowId: 'd', document }],
      dialledNumber: '7300',
      decide: (_question, signal) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (withdrawn = true));
        }),
    });
    const done = sim.run();
    // WHEN the caller hangs up during the ringing
    await sim.call.waitingFor('dial');
    sim.call.hangUp();
    const summary = await done;
    // THEN the question is withdrawn and the call ends as caller-hung-up with nothing pending
    expect(withdrawn).toBe(true);
    expect(summary.outcome).toBe('caller-hung-up');
    expect(sim.call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
  });
});
