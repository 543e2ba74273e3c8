import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { variableNameSchema } from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

export const setNode = defineNode({
  type: 'set',
  category: 'logic',
  data: z.object({
    assignments: z
      .array(z.object({ variable: variableNameSchema, value: z.string().max(500) }))
      .min(1, schemaMessage('atLeastOneVariable')),
  }),
  defaults: () => ({ assignments: [{ variable: 'language', value: 'fr' }] }),
  branches: () => [{ id: 'next', label: nodeMessage('set.branches.next'), required: false }],
  waitsForCaller: false,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
});
