import { describe, expect, it } from 'vitest';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';

/** start -> collect into "account" -> next: a set echoing it / timeout: "Rien." */
function collectFlow(data: Record<string, unknown>) {
  return typedFlow({
    numbers: ['7200'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('ask', 'collect', { variable: 'account', ...data }),
      draftNode('echo', 'set', { assignments: [{ variable: 'echo', value: 'compte {{account}}' }] }),
      draftNode('nothing', 'say', { text: 'Rien.' }),
    ],
    edges: [connect('start', 'next', 'ask'), connect('ask', 'next', 'echo'), connect('ask', 'timeout', 'nothing')],
  });
}

function variableSets(events: { kind: string; detail?: Record<string, unknown> }[]) {
  return events
    .filter((event) => event.kind === 'variable-set')
    .map((event) => [event.detail?.variable, event.detail?.value]);
}

describe('collect executor', () => {
  it('stores the digits typed before the terminator and goes on by "next"', async () => {
    // GIVEN a collect of up to 6 digits ended by #
    const sim = simulate({ flows: [{ flowId: 'c', document: collectFlow({ maxDigits: 6 }) }], dialledNumber: '7200' });
    const done = sim.run();
    // WHEN the caller types 42#
    await sim.call.waitingFor('digits');
    sim.call.pressKeys('42#');
    await done;
    // THEN "account" is 42, and the next node sees it
    expect(variableSets(sim.events())).toEqual([
      ['account', '42'],
      ['echo', 'compte 42'],
    ]);
    expect(sim.events().find((event) => event.kind === 'digits')).toMatchObject({
      digits: '42',
      detail: { ended: 'terminator' },
    });
  });

  it('stops at maxDigits without waiting for a terminator', async () => {
    // GIVEN a collect of exactly 4 digits, no terminator
    const document = collectFlow({ maxDigits: 4, terminator: 'none' });
    const sim = simulate({ flows: [{ flowId: 'c', document }], dialledNumber: '7200' });
    const done = sim.run();
    // WHEN the caller types 12345
    await sim.call.waitingFor('digits');
    sim.call.pressKeys('12345');
    await done;
    // THEN the first four digits are kept
    expect(variableSets(sim.events())[0]).toEqual(['account', '1234']);
    expect(sim.events().find((event) => event.kind === 'digits')?.detail).toEqual({ ended: 'max-digits' });
  });

  it('takes "timeout" and stores "" when nothing is typed', async () => {
    // GIVEN a collect
    const sim = simulate({ flows: [{ flowId: 'c', document: collectFlow({}) }], dialledNumber: '7200' });
    const done = sim.run();
    // WHEN the caller types nothing
    await sim.call.waitingFor('digits');
    sim.call.skipWait();
    await done;
    // THEN the variable is empty and the timeout branch was taken
    expect(variableSets(sim.events())).toEqual([['account', '']]);
    expect(sim.call.playedTexts()).toEqual(['Rien.']);
  });

  it('keeps what was typed when the caller pauses too long mid-number', async () => {
    // GIVEN a collect of up to 8 digits
    const sim = simulate({ flows: [{ flowId: 'c', document: collectFlow({ maxDigits: 8 }) }], dialledNumber: '7200' });
    const done = sim.run();
    // WHEN the caller types 77 and then stops
    await sim.call.waitingFor('digits');
    sim.call.pressKeys('77');
    sim.call.skipWait();
    await done;
    // THEN 77 is stored and the call goes on by "next"
    expect(variableSets(sim.events())[0]).toEqual(['account', '77']);
    expect(sim.visited()).toEqual(['start', 'ask', 'echo']);
  });

  it('lets the first key interrupt its prompt and count as the first digit', async () => {
    // GIVEN a collect with a long prompt
    const document = collectFlow({ prompt: { text: 'Tapez votre numéro de compte.' }, maxDigits: 3 });
    const sim = simulate({ flows: [{ flowId: 'c', document }], dialledNumber: '7200', playbackMs: 60_000 });
    const done = sim.run();
    // WHEN the caller types 5 during the prompt, then 67
    await sim.call.waitingFor('play');
    sim.call.pressKeys('5');
    await sim.call.waitingFor('digits');
    sim.call.pressKeys('67');
    await done;
    // THEN the prompt was interrupted and the number is 567
    expect(sim.call.transcript.find((entry) => entry.kind === 'played')).toMatchObject({ outcome: 'interrupted' });
    expect(variableSets(sim.events())[0]).toEqual(['account', '567']);
  });
});
