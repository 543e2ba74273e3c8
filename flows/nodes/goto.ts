import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing } from '../node-definition.ts';
import { dialledNumberSchema } from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

export const gotoNode = defineNode({
  type: 'goto',
  category: 'logic',
  data: z.object({
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('number'), number: dialledNumberSchema }),
      z.object({ kind: z.literal('flow'), flowId: z.string().min(1, schemaMessage('chooseFlow')) }),
    ]),
  }),
  defaults: () => ({ target: { kind: 'number' as const, number: '6001' } }),
  branches: () => [],
  waitsForCaller: false,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
});
