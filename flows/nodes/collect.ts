import { z } from 'zod';
import { defineNode, referencesNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { seconds, spokenPromptSchema, variableNameSchema } from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

export const collectNode = defineNode({
  type: 'collect',
  category: 'caller input',
  data: z.object({
    prompt: spokenPromptSchema.optional(),
    variable: variableNameSchema,
    maxDigits: z
      .number()
      .int()
      .min(1, schemaMessage('digitsMin', { count: 1 }))
      .max(32, schemaMessage('digitsMax', { count: 32 }))
      .default(4),
    /** Key that ends the input early; "none" waits for maxDigits or the timeout. */
    terminator: z.enum(['#', '*', 'none']).default('#'),
    timeoutSeconds: seconds(1, 60, 5),
  }),
  defaults: () => ({ variable: 'digits', maxDigits: 4, terminator: '#' as const, timeoutSeconds: 5 }),
  branches: () => [
    { id: 'next', label: nodeMessage('collect.branches.next'), required: true },
    { id: 'timeout', label: nodeMessage('collect.branches.timeout'), required: false },
  ],
  waitsForCaller: true,
  acceptsCalls: true,
  spokenPrompts: (data) => (data.prompt ? [data.prompt] : []),
  writtenPrompts: (data) => (data.prompt ? [{ field: 'prompt', prompt: data.prompt }] : []),
  ...referencesNothing,
});
