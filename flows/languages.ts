import {
  LANGUAGE_TAG_PATTERN,
  type PromptTranslation,
  type SpokenPrompt,
  type SpokenSentence,
} from './nodes/shared.ts';

/** A sentence with, optionally, the same words in other languages: a prompt of a flow, or one built by the runtime. */
export type TranslatablePrompt = SpokenSentence & {
  translations?: Readonly<Record<string, PromptTranslation>> | undefined;
};

// How a prompt with several languages is spoken, in one place for the publisher (which renders every sentence
// beforehand), the runtime (which asks for exactly one of them per call) and validation (which warns of the missing
// ones). docs/decisions/018-flows-in-several-languages.md explains the choices.

/** The call variable that holds the language the caller hears (set by a `language` or `set` node). */
export const LANGUAGE_VARIABLE = 'language';

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG_PATTERN.test(value);
}

function primarySubtag(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/**
 * Whether a prompt written in `written` suits a call in `wanted`: the same tag, or the same language without a
 * region on one side ("en" and "en-GB"). Two regions of one language ("en-GB", "en-US") are different languages here:
 * a flow that bothers to write both wants each caller to hear theirs.
 */
export function languageMatches(written: string, wanted: string): boolean {
  if (written.toLowerCase() === wanted.toLowerCase()) return true;
  const regionless = !written.includes('-') || !wanted.includes('-');
  return regionless && primarySubtag(written) === primarySubtag(wanted);
}

/** Every language a prompt has a text in, its own first. */
export function languagesOfPrompt(prompt: SpokenPrompt): string[] {
  return [prompt.language, ...Object.keys(prompt.translations ?? {})];
}

/** Whether the prompt has a text a call in `language` should hear (its own or a translation). */
export function promptHasLanguage(prompt: SpokenPrompt, language: string): boolean {
  return languagesOfPrompt(prompt).some((written) => languageMatches(written, language));
}

function sentence(text: string, language: string, voice: string | undefined): SpokenSentence {
  return { text, language, ...(voice ? { voice } : {}) };
}

/**
 * The sentence a call in `callLanguage` hears: the prompt's own text when it is in that language, else the
 * translation for it (an exact tag first, then the same language without region), else the prompt's own text, since
 * a sentence in another language tells the caller more than silence.
 */
export function sentenceFor(prompt: TranslatablePrompt, callLanguage: string): SpokenSentence {
  const own = sentence(prompt.text, prompt.language, prompt.voice);
  if (languageMatches(prompt.language, callLanguage)) return own;
  const translations = Object.entries(prompt.translations ?? {});
  const exact = translations.find(([tag]) => tag.toLowerCase() === callLanguage.toLowerCase());
  const close = exact ?? translations.find(([tag]) => languageMatches(tag, callLanguage));
  if (!close) return own;
  const [tag, translation] = close;
  return sentence(translation.text, tag, translation.voice);
}

/** The prompt's text in each of its languages: what publishing renders. */
export function everySentenceOf(prompt: SpokenPrompt): SpokenSentence[] {
  return [
    sentence(prompt.text, prompt.language, prompt.voice),
    ...Object.entries(prompt.translations ?? {}).map(([tag, translation]) =>
      sentence(translation.text, tag, translation.voice),
    ),
  ];
}
