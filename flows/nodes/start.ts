import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';

export const startNode = defineNode({
  type: 'start',
  category: 'start',
  data: z.object({}),
  defaults: () => ({}),
  branches: () => [{ id: 'next', label: nodeMessage('start.branches.next'), required: true }],
  waitsForCaller: false,
  acceptsCalls: false,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
});
