import { describe, expect, it } from 'vitest';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';

describe('set executor', () => {
  it('assigns in order, expanding {{name}} from earlier assignments and the built-ins', async () => {
    // GIVEN assignments that use the caller's number, the dialled number and each other
    const document = typedFlow({
      numbers: ['7500'],
      nodes: [
        draftNode('start', 'start'),
        draftNode('remember', 'set', {
          assignments: [
            { variable: 'who', value: '{{caller_number}}' },
            { variable: 'line', value: '{{ dialled_number }}' },
            { variable: 'summary', value: '{{who}} -> {{line}} ({{unknown}})' },
          ],
        }),
      ],
      edges: [connect('start', 'next', 'remember')],
    });
    const sim = simulate({
      flows: [{ flowId: 's', document }],
      dialledNumber: '7500',
      caller: { number: '0611223344', name: 'Ada' },
    });
    // WHEN the call runs
    await sim.run();
    // THEN each value is recorded, the missing variable expands to "" and is reported
    const sets = sim
      .events()
      .filter((event) => event.kind === 'variable-set')
      .map((event) => event.detail);
    expect(sets).toEqual([
      { variable: 'who', value: '0611223344' },
      { variable: 'line', value: '7500' },
      { variable: 'summary', value: '0611223344 -> 7500 ()', missing: ['unknown'] },
    ]);
  });
});
