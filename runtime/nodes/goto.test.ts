import { describe, expect, it } from 'vitest';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';

function entryFlow(target: Record<string, unknown>) {
  return typedFlow({
    numbers: ['7400'],
    nodes: [draftNode('start', 'start'), draftNode('jump', 'goto', { target })],
    edges: [connect('start', 'next', 'jump')],
  });
}

const otherFlow = typedFlow({
  numbers: ['7401'],
  nodes: [draftNode('start', 'start'), draftNode('hello', 'say', { text: 'Ici le service.' })],
  edges: [connect('start', 'next', 'hello')],
});

describe('goto executor', () => {
  it('enters a flow by its id, at its current version', async () => {
    // GIVEN a goto to flow "service", published twice
    const sim = simulate({
      flows: [
        { flowId: 'entry', document: entryFlow({ kind: 'flow', flowId: 'service' }) },
        { flowId: 'service', document: otherFlow },
      ],
      dialledNumber: '7400',
    });
    sim.flows.publish('service', otherFlow);
    // WHEN a call arrives
    const summary = await sim.run();
    // THEN it continues in version 2 of that flow
    expect(sim.steps.slice(2)).toEqual([
      ['start', 'service@v2'],
      ['hello', 'service@v2'],
    ]);
    expect(sim.call.playedTexts()).toEqual(['Ici le service.']);
    expect(summary.outcome).toBe('completed');
  });

  it('ends the call without a word, and records why, when no flow answers the number', async () => {
    // GIVEN a goto to a number nobody published
    const sim = simulate({
      flows: [{ flowId: 'entry', document: entryFlow({ kind: 'number', number: '7999' }) }],
      dialledNumber: '7400',
    });
    // WHEN a call arrives
    const summary = await sim.run();
    // THEN nothing was said, an error event names the number, and the call ended
    expect(sim.call.playedTexts()).toEqual([]);
    expect(sim.events().find((event) => event.kind === 'error')).toMatchObject({
      nodeId: 'jump',
      detail: { message: 'Go to: no published flow answers number 7999' },
    });
    expect(summary.outcome).toBe('completed');
    expect(sim.call.ended).toBe('flow');
  });

  it('ends the call when the flow has no published version', async () => {
    // GIVEN a goto to an unknown flow id
    const sim = simulate({
      flows: [{ flowId: 'entry', document: entryFlow({ kind: 'flow', flowId: 'gone' }) }],
      dialledNumber: '7400',
    });
    // WHEN a call arrives
    await sim.run();
    // THEN the error event names the flow
    expect(sim.events().find((event) => event.kind === 'error')?.detail).toMatchObject({
      message: 'Go to: flow gone has no published version',
    });
  });

  it('is caught by the step cap when two flows go to each other', async () => {
    // GIVEN 7400 going to 7401 and 7401 going back to 7400
    const back = typedFlow({
      numbers: ['7401'],
      nodes: [draftNode('start', 'start'), draftNode('back', 'goto', { target: { kind: 'number', number: '7400' } })],
      edges: [connect('start', 'next', 'back')],
    });
    const sim = simulate({
      flows: [
        { flowId: 'a', document: entryFlow({ kind: 'number', number: '7401' }) },
        { flowId: 'b', document: back },
      ],
      dialledNumber: '7400',
      stepLimit: 20,
    });
    // WHEN a call arrives
    const summary = await sim.run();
    // THEN it stops at the cap
    expect(summary).toMatchObject({ outcome: 'step-limit', steps: 20 });
    // 20 nodes = 10 pairs of (start, goto), each goto entering the other flow.
    expect(sim.events().filter((event) => event.kind === 'flow-entered').length).toBe(10);
  });
});
