import { z } from 'zod';
import { defineNode, speaksNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { extensionSchema, languageSchema, voiceSchema } from './shared.ts';

export const voicemailInboxNode = defineNode({
  type: 'voicemail-inbox',
  category: 'people',
  data: z.object({
    /** "ask": the caller types the box number; "fixed": always this box (a personal access number). */
    box: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('ask') }),
        z.object({ kind: z.literal('fixed'), box: extensionSchema }),
      ])
      .default({ kind: 'ask' }),
    language: languageSchema,
    voice: voiceSchema,
    maxPinAttempts: z.number().int().min(1).max(10).default(3),
    lockMinutes: z.number().int().min(1).max(1440).default(5),
  }),
  defaults: () => ({ box: { kind: 'ask' as const }, language: 'fr-FR', maxPinAttempts: 3, lockMinutes: 5 }),
  branches: () => [{ id: 'next', label: nodeMessage('voicemail-inbox.branches.next'), required: false }],
  waitsForCaller: true,
  acceptsCalls: true,
  // Its sentences (the count of messages, the menu) are built during the call from what the box holds.
  spokenPrompts: speaksNothing,
  references: (data) => (data.box.kind === 'fixed' ? [{ kind: 'box', box: data.box.box }] : []),
  rewriteReferences: (data, replace) => {
    if (data.box?.kind !== 'fixed') return data;
    const replaced = replace({ kind: 'box', box: data.box.box });
    return replaced.kind === 'box' && replaced.box !== data.box.box
      ? { ...data, box: { kind: 'fixed' as const, box: replaced.box } }
      : data;
  },
});
