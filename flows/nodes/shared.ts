import { z } from 'zod';
import { schemaMessage } from '../validation/schema-messages.ts';

// Building blocks shared by several node schemas. Messages are written for staff, not programmers: they end up
// next to the form field in the editor and in `switchboard flows validate` output. Their sentences live in the
// diagnostics catalogue (schema.*), so validation can say them in French too (validation/schema-messages.ts).

export const nodeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, schemaMessage('nodeId'));

/** A spoken language: "fr-FR", "en-GB", or a bare "en" (the voice then picks its usual accent). */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export const languageTagSchema = z.string().regex(LANGUAGE_TAG_PATTERN, schemaMessage('languageTag'));

export const languageSchema = languageTagSchema.default('fr-FR');

export const spokenTextSchema = z
  .string()
  .trim()
  .min(1, schemaMessage('promptEmpty'))
  .max(2000, schemaMessage('promptTooLong'));

/** Provider-specific voice name; empty means the default voice of the language. */
export const voiceSchema = z.string().max(100).optional();

/** The same prompt in another language: its text and, optionally, a voice of that language. */
export const promptTranslationSchema = z.object({ text: spokenTextSchema, voice: voiceSchema });
export type PromptTranslation = z.output<typeof promptTranslationSchema>;

/**
 * A prompt's texts in languages other than its own, keyed by language tag: { "en-GB": { text: "Welcome" } }. A call
 * in one of these languages hears that text; a call in any other hears the prompt's own text (docs/flow-format.md).
 */
export const promptTranslationsSchema = z.record(z.string().regex(LANGUAGE_TAG_PATTERN), promptTranslationSchema, {
  error: (issue) =>
    issue.code === 'invalid_key'
      ? schemaMessage('notALanguageKey', { key: String(issue.path?.at(-1) ?? '') })
      : undefined,
});

/**
 * What the caller hears: `text` in `language` (the primary text, what every prompt had before prompts spoke several
 * languages), plus optional `translations`. Documents written before translations existed stay valid as they were.
 */
export const spokenPromptSchema = z
  .object({
    text: spokenTextSchema,
    language: languageSchema,
    voice: voiceSchema,
    translations: promptTranslationsSchema.optional(),
  })
  .check((context) => {
    const { language, translations } = context.value;
    if (translations && Object.hasOwn(translations, language)) {
      context.issues.push({
        code: 'custom',
        input: translations,
        path: ['translations', language],
        message: schemaMessage('translationInOwnLanguage', { key: language }),
      });
    }
  });
export type SpokenPrompt = z.output<typeof spokenPromptSchema>;

/**
 * One sentence in one language, ready for the voice: what publishing renders and what the runtime plays. A prompt
 * with translations gives one of these per language it has.
 */
export interface SpokenSentence {
  text: string;
  language: string;
  voice?: string;
}

export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
export const dtmfKeySchema = z.enum(DTMF_KEYS, { error: schemaMessage('key') });

export const variableNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, schemaMessage('variableName'));

/** A number callers dial: digits, possibly with * or # (feature codes). */
export const dialledNumberSchema = z.string().regex(/^[0-9*#]{1,20}$/, schemaMessage('number'));

export const extensionSchema = z.string().regex(/^[0-9]{2,10}$/, schemaMessage('extension'));

/**
 * The one rule for user names: a directory person's SIP user name (what a dial node names) and a staff account's
 * sign-in name, so a staff account and the person it is linked to can share a name.
 */
export const usernameSchema = z
  .string({ error: schemaMessage('usernameRequired') })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{1,31}$/, schemaMessage('username'));

export function seconds(min: number, max: number, fallback: number) {
  return z
    .number({ error: schemaMessage('secondsRequired') })
    .int(schemaMessage('wholeSeconds'))
    .min(min, schemaMessage('secondsMin', { count: min }))
    .max(max, schemaMessage('secondsMax', { count: max }))
    .default(fallback);
}
