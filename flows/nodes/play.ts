import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

export const soundSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('asterisk'),
    /** A sound shipped with Asterisk, without extension, e.g. "hello-world" or "digits/1". */
    name: z.string().regex(/^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/i, schemaMessage('soundName')),
  }),
  z.object({
    kind: z.literal('upload'),
    /** An audio file uploaded to Switchboard. */
    fileId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, schemaMessage('uploadedFile')),
  }),
]);

export const playNode = defineNode({
  type: 'play',
  category: 'prompts',
  data: z.object({ sound: soundSchema }),
  defaults: () => ({ sound: { kind: 'asterisk' as const, name: 'hello-world' } }),
  branches: () => [{ id: 'next', label: nodeMessage('play.branches.next'), required: false }],
  waitsForCaller: true,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
});
