import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { dialledNumberSchema, languageSchema } from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

const pinSchema = z.string().regex(/^[0-9]{3,12}$/, schemaMessage('pin'));

/** Options mean what they mean in Asterisk's ConfBridge profiles; docs/conference.md lists them with defaults. */
export const conferenceNode = defineNode({
  type: 'conference',
  category: 'conference',
  secretFields: ['participantPin', 'moderatorPin'],
  data: z.object({
    room: dialledNumberSchema,
    name: z.string().trim().min(1, schemaMessage('roomName')).max(80),
    participantPin: pinSchema.optional(),
    moderatorPin: pinSchema.optional(),
    maxMembers: z
      .number()
      .int()
      .min(2, schemaMessage('membersMin', { count: 2 }))
      .max(500)
      .default(20),
    muteOnJoin: z.boolean().default(false),
    announceJoinLeave: z.enum(['off', 'generic', 'recorded-name']).default('generic'),
    announceCount: z.boolean().default(true),
    musicWhenAlone: z.boolean().default(true),
    waitForModerator: z.boolean().default(false),
    endWhenLastModeratorLeaves: z.boolean().default(false),
    record: z.boolean().default(false),
    talkDetection: z.boolean().default(true),
    language: languageSchema,
  }),
  defaults: () => ({
    room: '7000',
    name: 'Salle de conférence',
    maxMembers: 20,
    muteOnJoin: false,
    announceJoinLeave: 'generic' as const,
    announceCount: true,
    musicWhenAlone: true,
    waitForModerator: false,
    endWhenLastModeratorLeaves: false,
    record: false,
    talkDetection: true,
    language: 'fr-FR',
  }),
  branches: () => [
    { id: 'next', label: nodeMessage('conference.branches.next'), required: false },
    { id: 'full', label: nodeMessage('conference.branches.full'), required: false },
  ],
  waitsForCaller: true,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
});
