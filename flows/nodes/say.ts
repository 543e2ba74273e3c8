import { defineNode, referencesNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { spokenPromptSchema } from './shared.ts';

export const sayNode = defineNode({
  type: 'say',
  category: 'prompts',
  data: spokenPromptSchema,
  defaults: () => ({ text: 'Bonjour, et bienvenue.', language: 'fr-FR' }),
  branches: () => [{ id: 'next', label: nodeMessage('say.branches.next'), required: false }],
  waitsForCaller: true,
  acceptsCalls: true,
  spokenPrompts: (data) => [data],
  writtenPrompts: (data) => [{ field: '', prompt: data }],
  ...referencesNothing,
});
