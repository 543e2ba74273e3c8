import { z } from 'zod';
import { defineNode } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import {
  extensionSchema,
  languageSchema,
  promptTranslationsSchema,
  seconds,
  spokenTextSchema,
  voiceSchema,
  type SpokenPrompt,
} from './shared.ts';

export const voicemailGreetingSchema = z.discriminatedUnion('kind', [
  /** The box owner's recorded greeting, or a spoken default naming the box when they recorded none. */
  z.object({ kind: z.literal('owner') }),
  /** `text` is in the node's language; `translations` as in any prompt (docs/flow-format.md). */
  z.object({ kind: z.literal('spoken'), text: spokenTextSchema, translations: promptTranslationsSchema.optional() }),
]);

export const voicemailNode = defineNode({
  type: 'voicemail',
  category: 'people',
  data: z.object({
    box: extensionSchema,
    greeting: voicemailGreetingSchema.default({ kind: 'owner' }),
    language: languageSchema,
    voice: voiceSchema,
    beep: z.boolean().default(true),
    maxSeconds: seconds(5, 600, 120),
    /** Messages shorter than this are discarded (a caller who hung up at the beep). */
    minSeconds: seconds(0, 10, 1),
    /** Recording stops after this much silence. */
    silenceSeconds: seconds(1, 30, 5),
  }),
  defaults: () => ({
    box: '6001',
    greeting: { kind: 'owner' as const },
    language: 'fr-FR',
    beep: true,
    maxSeconds: 120,
    minSeconds: 1,
    silenceSeconds: 5,
  }),
  branches: () => [{ id: 'next', label: nodeMessage('voicemail.branches.next'), required: false }],
  waitsForCaller: true,
  acceptsCalls: true,
  // The owner's greeting is a recording, or a sentence naming the box that the runtime builds per call.
  spokenPrompts: (data) => {
    const greeting = spokenGreetingOf(data);
    return greeting ? [greeting] : [];
  },
  writtenPrompts: (data) => {
    const greeting = spokenGreetingOf(data);
    return greeting ? [{ field: 'greeting', prompt: greeting }] : [];
  },
  references: (data) => [{ kind: 'box', box: data.box }],
  rewriteReferences: (data, replace) => {
    const replaced = replace({ kind: 'box', box: data.box });
    return replaced.kind === 'box' && replaced.box !== data.box ? { ...data, box: replaced.box } : data;
  },
});

/** A spoken greeting as the prompt it is: its text in the node's language and voice, with its translations. */
export function spokenGreetingOf(data: {
  greeting: z.output<typeof voicemailGreetingSchema>;
  language: string;
  voice?: string | undefined;
}): SpokenPrompt | null {
  if (data.greeting.kind !== 'spoken') return null;
  return {
    text: data.greeting.text,
    language: data.language,
    ...(data.voice ? { voice: data.voice } : {}),
    ...(data.greeting.translations ? { translations: data.greeting.translations } : {}),
  };
}
