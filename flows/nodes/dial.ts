import { z } from 'zod';
import { defineNode, speaksNothing, type DirectoryReference } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { extensionSchema, seconds, usernameSchema } from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

export const dialTargetSchema = z.discriminatedUnion('kind', [
  /** A person of the directory, rung on their SIP account. */
  z.object({ kind: z.literal('user'), username: usernameSchema }),
  /** Whoever owns this extension in the directory. */
  z.object({ kind: z.literal('extension'), extension: extensionSchema }),
  /** A raw Asterisk dial string, for trunks and devices outside the directory. */
  z.object({
    kind: z.literal('endpoint'),
    endpoint: z.string().regex(/^(PJSIP|Local|SIP|IAX2|DAHDI)\/[^\s,]+$/, schemaMessage('dialString')),
  }),
]);
export type DialTarget = z.output<typeof dialTargetSchema>;

export const dialNode = defineNode({
  type: 'dial',
  category: 'people',
  data: z.object({
    target: dialTargetSchema,
    ringSeconds: seconds(1, 300, 10),
    /** Number shown to the person rung; empty keeps the caller's own number. */
    callerId: z.string().max(40).optional(),
  }),
  defaults: () => ({ target: { kind: 'extension' as const, extension: '6001' }, ringSeconds: 10 }),
  branches: () => [
    { id: 'answered', label: nodeMessage('dial.branches.answered'), required: false },
    { id: 'no-answer', label: nodeMessage('dial.branches.no-answer'), required: false },
    { id: 'busy', label: nodeMessage('dial.branches.busy'), required: false },
    { id: 'failed', label: nodeMessage('dial.branches.failed'), required: false },
  ],
  waitsForCaller: true,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  references: ({ target }) =>
    target.kind === 'user'
      ? [{ kind: 'person', username: target.username }]
      : target.kind === 'extension'
        ? [{ kind: 'extension', extension: target.extension }]
        : [],
  rewriteReferences: (data, replace) => {
    const { target } = data;
    if (target.kind === 'endpoint') return data;
    const reference: DirectoryReference =
      target.kind === 'user'
        ? { kind: 'person', username: target.username }
        : { kind: 'extension', extension: target.extension };
    const replaced = replace(reference);
    if (replaced.kind === 'person') {
      return replaced.username === (target.kind === 'user' ? target.username : undefined)
        ? data
        : { ...data, target: { kind: 'user' as const, username: replaced.username } };
    }
    if (replaced.kind === 'extension') {
      return replaced.extension === (target.kind === 'extension' ? target.extension : undefined)
        ? data
        : { ...data, target: { kind: 'extension' as const, extension: replaced.extension } };
    }
    return data;
  },
});
