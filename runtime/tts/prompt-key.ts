// Prompts are content-addressed: the file name is a hash of everything that shapes the audio. Publishing the same
// sentence twice reuses one file, a new voice or provider gets a new file, and a cached file can never be stale.
import { createHash } from 'node:crypto';
import type { TtsProviderId } from './tts-provider.ts';

/** Bump when the stored audio format changes (today: 8 kHz 16-bit mono WAV), so old files are not reused. */
const KEY_FORMAT = 'wav-8k-s16-mono/1';

export const PROMPT_KEY_LENGTH = 32;
const PROMPT_KEY_PATTERN = /^[0-9a-f]{32}$/;

export interface PromptKeyInput {
  provider: TtsProviderId;
  /** The voice actually used; "" when the provider picks one from the language. */
  voice: string;
  language: string;
  text: string;
}

/** A 32-hex-digit (128-bit) truncated SHA-256 of the canonical prompt fields. */
export function promptKey(input: PromptKeyInput): string {
  const canonical = JSON.stringify([
    KEY_FORMAT,
    input.provider,
    input.voice,
    canonicalLanguage(input.language),
    normalisePromptText(input.text),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, PROMPT_KEY_LENGTH);
}

export function isPromptKey(value: string): boolean {
  return PROMPT_KEY_PATTERN.test(value);
}

// Anything shaped like an SSML/XML tag: <break time="60s"/>, <emphasis>, </prosody>, <?xml ...?>.
const MARKUP_TAG = /<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>|<\?[^<>]*\?>|<!--[\s\S]*?-->/g;

/**
 * Prompt text is plain text for every voice (docs/flow-format.md): markup is dropped, so espeak (which parses SSML)
 * and Google (which would read the tags aloud) say the same words. Whitespace and Unicode composition never change
 * the speech, so they must not change the key either.
 */
export function normalisePromptText(text: string): string {
  return text.normalize('NFC').replace(MARKUP_TAG, ' ').replace(/\s+/g, ' ').trim();
}

// Intl.getCanonicalLocales is slow next to a Map lookup, and every prompt of every call asks (CPU profile of
// bench:runtime); a platform speaks a handful of languages. Bounded so odd input cannot grow it for ever.
const canonicalLanguages = new Map<string, string>();
const MAX_REMEMBERED_LANGUAGES = 256;

/** "fr-fr" and "fr-FR" are one language; an invalid tag is refused with a message naming it. */
export function canonicalLanguage(language: string): string {
  const known = canonicalLanguages.get(language);
  if (known !== undefined) return known;
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(language.trim());
  } catch {
    // fall through to the error below
  }
  if (!canonical)
    throw new Error(`"${language}" is not a valid language tag; use a BCP 47 tag such as "fr-FR" or "en-US"`);
  if (canonicalLanguages.size >= MAX_REMEMBERED_LANGUAGES) canonicalLanguages.clear();
  canonicalLanguages.set(language, canonical);
  return canonical;
}
