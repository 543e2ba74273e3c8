import { describe, expect, it } from 'vitest';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';

function flowChoosingBy(data: unknown) {
  return typedFlow({
    numbers: ['7600'],
    nodes: [draftNode('start', 'start'), draftNode('choose', 'language', data)],
    edges: [connect('start', 'next', 'choose')],
  });
}

async function languageSetFor(data: unknown, callerNumber: string) {
  const sim = simulate({
    flows: [{ flowId: 'l', document: flowChoosingBy(data) }],
    dialledNumber: '7600',
    caller: { number: callerNumber, name: '' },
  });
  await sim.run();
  return sim
    .events()
    .filter((event) => event.kind === 'variable-set')
    .map((event) => event.detail);
}

describe('language executor', () => {
  it('sets the call variable language to the fixed language, and records it', async () => {
    expect(await languageSetFor({ choice: 'fixed', language: 'en-GB' }, '0611223344')).toEqual([
      { variable: 'language', value: 'en-GB' },
    ]);
  });

  it("chooses by the start of the caller's number, else the default", async () => {
    const data = { choice: 'caller-number', rules: [{ prefix: '+44', language: 'en-GB' }], otherwise: 'fr-FR' };
    expect(await languageSetFor(data, '+447700900123')).toEqual([{ variable: 'language', value: 'en-GB' }]);
    expect(await languageSetFor(data, '0611223344')).toEqual([{ variable: 'language', value: 'fr-FR' }]);
  });
});
