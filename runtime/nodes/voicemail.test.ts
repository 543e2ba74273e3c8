import { describe, expect, it } from 'vitest';
import { defaultDataOf } from '#flows/catalogue.ts';
import { MemoryVoicemailBoxes } from '../memory-ports.ts';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';
import { readWav } from '../audio/wav.ts';

const GREETING =
  'Vous êtes bien sur la messagerie de Bob. Laissez votre message après le bip, puis raccrochez ou tapez dièse.';
const SAVED = 'Votre message a bien été enregistré. Au revoir.';

function voicemailFlow(data: Record<string, unknown> = {}) {
  return typedFlow({
    numbers: ['7600'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('vm', 'voicemail', { ...defaultDataOf('voicemail'), box: '6002', ...data }),
    ],
    edges: [connect('start', 'next', 'vm')],
  });
}

function bobsBox() {
  return new MemoryVoicemailBoxes([{ box: '6002', ownerName: 'Bob', pin: '1234' }]);
}

function leaveMessage(data: Record<string, unknown> = {}, voicemail = bobsBox()) {
  const sim = simulate({
    flows: [{ flowId: 'vm', document: voicemailFlow(data) }],
    dialledNumber: '7600',
    caller: { number: '0612345678', name: 'Ann' },
    voicemail,
  });
  return { sim, voicemail, done: sim.run() };
}

describe('voicemail node', () => {
  it('greets with the owner name, beeps, records until # and stores the message with the caller', async () => {
    // GIVEN a caller reaching bob's box, which has no recorded greeting
    const { sim, voicemail, done } = leaveMessage();
    // WHEN they speak for 3 s and press #
    const wait = await sim.call.waitingFor('record');
    expect(wait).toMatchObject({
      kind: 'record',
      request: { beep: true, maxSeconds: 120, silenceSeconds: 5, terminator: '#' },
    });
    sim.call.speakFor(3_000);
    sim.call.pressKeys('#');
    const summary = await done;
    // THEN the default greeting was spoken, the message is stored with who called, and the caller heard it was saved
    expect(sim.call.playedTexts()).toEqual([GREETING, SAVED]);
    const [message] = voicemail.messages('6002');
    expect(message).toMatchObject({ box: '6002', callerNumber: '0612345678', callerName: 'Ann', heard: false });
    expect(message!.durationMs).toBeGreaterThanOrEqual(3_000);
    expect(message!.durationMs).toBeLessThan(3_500);
    const stored = voicemail.messagesById.get(message!.id)!;
    expect(stored.channelId).toBe(sim.call.id);
    expect(readWav(stored.audioFile).durationMs).toBe(message!.durationMs);
    expect(summary.outcome).toBe('completed');
  });

  it('keeps the message of a caller who hangs up while speaking', async () => {
    const { sim, voicemail, done } = leaveMessage();
    await sim.call.waitingFor('record');
    sim.call.speakFor(2_000);
    sim.call.hangUp();
    const summary = await done;
    expect(summary.outcome).toBe('caller-hung-up');
    // The executor saves after the session has seen the hangup: wait for it.
    await expect.poll(() => voicemail.messages('6002').length).toBe(1);
    expect(voicemail.messages('6002')[0]!.durationMs).toBeGreaterThanOrEqual(2_000);
    // History still says a message was left, and which
    const note = sim.events().find((event) => event.detail?.voicemail === 'recorded');
    expect(note?.detail).toMatchObject({ ended: 'hung-up', messageId: voicemail.messages('6002')[0]!.id });
  });

  it('discards a message shorter than minSeconds (hung up at the beep)', async () => {
    const { sim, voicemail, done } = leaveMessage({ minSeconds: 2 });
    await sim.call.waitingFor('record');
    sim.call.speakFor(500);
    sim.call.pressKeys('#');
    await done;
    expect(voicemail.messages('6002')).toEqual([]);
    expect(sim.call.playedTexts()).toEqual([GREETING]);
    expect(sim.events().some((event) => event.detail?.discarded === 'too short')).toBe(true);
  });

  it('plays the owner recorded greeting, or the node text when the flow chose one', async () => {
    // GIVEN bob recorded a greeting
    const voicemail = bobsBox();
    await voicemail.saveGreeting('6002', new Uint8Array([1]));
    const owner = leaveMessage({}, voicemail);
    await owner.sim.call.waitingFor('record');
    owner.sim.call.hangUp();
    await owner.done;
    expect(owner.sim.call.playedTexts()).toEqual(['file:greeting-6002']);

    const spoken = leaveMessage(
      { greeting: { kind: 'spoken', text: 'Le service est fermé, laissez un message.' } },
      voicemail,
    );
    await spoken.sim.call.waitingFor('record');
    spoken.sim.call.hangUp();
    await spoken.done;
    expect(spoken.sim.call.playedTexts()).toEqual(['Le service est fermé, laissez un message.']);
  });

  it('stops at the maximum length, and treats silence as the end of the message', async () => {
    const { sim, voicemail, done } = leaveMessage({ maxSeconds: 5 });
    await sim.call.waitingFor('record');
    sim.call.speakFor(60_000);
    sim.call.skipWait(); // the caller falls silent
    await done;
    expect(voicemail.messages('6002')[0]!.durationMs).toBe(5_000);
    expect(sim.call.transcript).toContainEqual({ kind: 'recorded', ended: 'silence', durationMs: 5_000 });
  });

  it('fails clearly when the box does not exist', async () => {
    const { sim, done } = leaveMessage({ box: '6999' });
    const summary = await done;
    expect(summary.outcome).toBe('error');
    expect(sim.events().find((event) => event.kind === 'error')?.detail?.message).toMatch(
      /Voicemail box 6999 does not exist/,
    );
  });
});

describe('voicemail without a voicemail store', () => {
  it('fails with a clear error and the apology (a runtime started without voicemail)', async () => {
    const sim = simulate({ flows: [{ flowId: 'vm', document: voicemailFlow() }], dialledNumber: '7600' });
    const summary = await sim.run();
    expect(summary.outcome).toBe('error');
    expect(sim.events().find((event) => event.kind === 'error')?.detail?.message).toBe(
      'The voicemail service is not available in this runtime',
    );
    expect(sim.call.playedTexts()).toEqual(['Nous sommes désolés, une erreur technique est survenue. Au revoir.']);
  });
});
