import { describe, expect, it } from 'vitest';
import { defaultDataOf } from '#flows/catalogue.ts';
import { connect, draftNode, simulate, typedFlow } from '../test-kit.ts';

describe('node types the engine cannot run yet', () => {
  it.each(['voicemail', 'voicemail-inbox', 'conference'] as const)(
    '%s says the service is not available, records an error and ends the call',
    async (type) => {
      // GIVEN a flow reaching a %s node that has a way on
      const document = typedFlow({
        numbers: ['7800'],
        nodes: [draftNode('start', 'start'), draftNode('later', type, defaultDataOf(type)), draftNode('after', 'say', { text: 'Après.' })],
        edges: [connect('start', 'next', 'later'), connect('later', 'next', 'after')],
      });
      const sim = simulate({ flows: [{ flowId: 'n', document }], dialledNumber: '7800' });
      // WHEN a call arrives
      const summary = await sim.run();
      // THEN the caller hears the French apology, staff see why, and the call ends there
      expect(sim.call.playedTexts()).toEqual(["Ce service n'est pas encore disponible."]);
      expect(sim.events().find((event) => event.kind === 'error')).toMatchObject({
        nodeId: 'later',
        detail: { message: `The "${type}" node cannot be executed yet` },
      });
      expect(sim.visited()).toEqual(['start', 'later']);
      expect(summary.outcome).toBe('completed');
    },
  );
});
