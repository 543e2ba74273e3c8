import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing } from '../node-definition.ts';

export const hangupNode = defineNode({
  type: 'hangup',
  category: 'logic',
  data: z.object({}),
  defaults: () => ({}),
  branches: () => [],
  waitsForCaller: false,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
});
