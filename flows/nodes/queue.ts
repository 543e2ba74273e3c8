import { z } from 'zod';
import { defineNode, referencesNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { PRERENDERED_POSITIONS, PRERENDERED_WAIT_MINUTES, queueSentences } from '../queue/queue-sentences.ts';
import {
  dtmfKeySchema,
  languageSchema,
  seconds,
  spokenPromptSchema,
  variableNameSchema,
  type SpokenPrompt,
} from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

/** Callers with a higher priority are answered first; FIFO within one priority (app_queue QUEUE_PRIO). */
export const queuePrioritySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: z.number().int().min(0).max(100).default(0) }),
  /** Read from a variable set earlier (a menu, a caller-number branch); `fallback` when unset or not a number. */
  z.object({ kind: z.literal('variable'), name: variableNameSchema, fallback: z.number().int().min(0).max(100) }),
]);
export type QueuePriority = z.output<typeof queuePrioritySchema>;

export const departmentNameSchema = z
  .string({ error: schemaMessage('chooseDepartment') })
  .trim()
  .min(1, schemaMessage('chooseDepartment'))
  .max(80, schemaMessage('departmentTooLong'));

const queueData = z.object({
  /** The department whose agents answer (by name; docs/call-centre.md). */
  department: departmentNameSchema,
  priority: queuePrioritySchema.default({ kind: 'fixed', value: 0 }),
  /** Longest wait before the "timeout" branch (app_queue's Queue() timeout); 0 = no limit. */
  maxWaitSeconds: seconds(0, 86_400, 600),
  /** Most callers waiting (callbacks included) before new ones take "full" (queues.conf maxlen); 0 = no limit. */
  maxWaiting: z.number().int().min(0).max(10_000).default(0),
  /** Join when no agent of the department is logged in (queues.conf joinempty=yes); otherwise take "no-agents". */
  joinWhenNoAgents: z.boolean().default(false),
  /** Leave by "no-agents" when the last agent logs out while callers wait (queues.conf leavewhenempty). */
  leaveWhenNoAgents: z.boolean().default(true),
  /** Asterisk music-on-hold class played while waiting (musiconhold.conf; "default" ships with Asterisk). */
  musicClass: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, schemaMessage('musicClass'))
    .default('default'),
  /** Announce position and estimated wait (queues.conf announce-position / announce-holdtime). */
  announcePosition: z.boolean().default(true),
  /** First announcement after this long (queues.conf min-announce-frequency), then every `announceEverySeconds`. */
  firstAnnounceAfterSeconds: seconds(0, 3_600, 20),
  announceEverySeconds: seconds(10, 3_600, 60),
  /** A message repeated while waiting (queues.conf periodic-announce / periodic-announce-frequency). */
  periodicMessage: z.object({ prompt: spokenPromptSchema, everySeconds: seconds(10, 3_600, 45) }).optional(),
  /** A key that leaves the queue by the "left" branch (app_queue's exit context); none when unset. */
  leaveKey: dtmfKeySchema.optional(),
  /** A key that asks to be called back, keeping the caller's place (Amazon Connect queued callback). */
  callbackKey: dtmfKeySchema.optional(),
  /** Language of the announcements. */
  language: languageSchema,
});

export const queueNode = defineNode({
  type: 'queue',
  category: 'people',
  data: queueData,
  defaults: () => ({
    department: 'Support technique',
    priority: { kind: 'fixed' as const, value: 0 },
    maxWaitSeconds: 600,
    maxWaiting: 0,
    joinWhenNoAgents: false,
    leaveWhenNoAgents: true,
    musicClass: 'default',
    announcePosition: true,
    firstAnnounceAfterSeconds: 20,
    announceEverySeconds: 60,
    language: 'fr-FR',
  }),
  branches: (data) => [
    { id: 'answered', label: nodeMessage('queue.branches.answered'), required: false },
    { id: 'timeout', label: nodeMessage('queue.branches.timeout'), required: false },
    { id: 'full', label: nodeMessage('queue.branches.full'), required: false },
    { id: 'no-agents', label: nodeMessage('queue.branches.no-agents'), required: false },
    ...(data.leaveKey
      ? [{ id: 'left', label: nodeMessage('queue.branches.left', { key: data.leaveKey }), required: true }]
      : []),
    ...(data.callbackKey ? [{ id: 'callback', label: nodeMessage('queue.branches.callback'), required: false }] : []),
  ],
  waitsForCaller: true,
  acceptsCalls: true,
  spokenPrompts: (data, callLanguages = []) => {
    // The announcements follow a caller who switched language (runtime/nodes/node-language.ts): render them in each.
    const languages = [data.language, ...callLanguages.filter((language) => language !== data.language)];
    const prompts: SpokenPrompt[] = languages.flatMap((language) => announcementsIn(data, language));
    if (data.periodicMessage) prompts.push(data.periodicMessage.prompt);
    return prompts;
  },
  writtenPrompts: (data) =>
    data.periodicMessage ? [{ field: 'periodicMessage.prompt', prompt: data.periodicMessage.prompt }] : [],
  ...referencesNothing,
  checkData: (data) =>
    data.leaveKey !== undefined && data.leaveKey === data.callbackKey
      ? [
          {
            code: 'queue-key-duplicate' as const,
            field: 'callbackKey',
            message: { key: 'queueKeyDuplicate', values: { key: data.leaveKey } },
          },
        ]
      : [],
});

/** The sentences a queue builds itself (position, wait, keys), in one language. */
function announcementsIn(data: z.output<typeof queueData>, language: string): SpokenPrompt[] {
  const sentences = queueSentences(language);
  const say = (text: string) => ({ text, language });
  const prompts = [];
  if (data.announcePosition) {
    for (let n = 1; n <= PRERENDERED_POSITIONS; n++) prompts.push(say(sentences.position(n)));
    for (let m = 1; m <= PRERENDERED_WAIT_MINUTES; m++) prompts.push(say(sentences.estimatedWait(m)));
  }
  const hint = sentences.keysHint(data.callbackKey ?? null, data.leaveKey ?? null);
  if (hint) prompts.push(say(hint));
  if (data.callbackKey) prompts.push(say(sentences.callbackConfirmed()));
  return prompts;
}
