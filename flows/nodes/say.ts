import { defineNode, referencesNothing } from '../node-definition.ts';
import { spokenPromptSchema } from './shared.ts';

export const sayNode = defineNode({
  type: 'say',
  title: 'Say',
  summary: 'Speak a sentence to the caller with a synthetic voice.',
  category: 'prompts',
  data: spokenPromptSchema,
  defaults: () => ({ text: 'Bonjour, et bienvenue.', language: 'fr-FR' }),
  branches: () => [{ id: 'next', label: 'Then', required: false }],
  waitsForCaller: true,
  acceptsCalls: true,
  spokenPrompts: (data) => [data],
  writtenPrompts: (data) => [{ field: '', prompt: data }],
  ...referencesNothing,
});
