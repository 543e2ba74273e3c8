import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing } from '../node-definition.ts';

export const startNode = defineNode({
  type: 'start',
  title: 'Start',
  summary: 'Where every call to this flow begins.',
  category: 'start',
  data: z.object({}),
  defaults: () => ({}),
  branches: () => [{ id: 'next', label: 'Call arrives', required: true }],
  waitsForCaller: false,
  acceptsCalls: false,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
});
