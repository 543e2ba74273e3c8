import { describe, expect, it } from 'vitest';
import { everySentenceOf, languageMatches, promptHasLanguage, sentenceFor } from './languages.ts';
import { spokenPromptSchema } from './nodes/shared.ts';

const welcome = spokenPromptSchema.parse({
  text: 'Bienvenue.',
  language: 'fr-FR',
  translations: { 'en-GB': { text: 'Welcome.' }, 'de-DE': { text: 'Willkommen.', voice: 'de-DE-Wavenet-A' } },
});

describe('languageMatches', () => {
  it('matches a tag with itself (any case) and a language without region with its regions', () => {
    expect(languageMatches('en-GB', 'en-gb')).toBe(true);
    expect(languageMatches('en', 'en-GB')).toBe(true);
    expect(languageMatches('fr-FR', 'fr')).toBe(true);
  });

  it('keeps two regions of one language apart, and other languages too', () => {
    expect(languageMatches('en-GB', 'en-US')).toBe(false);
    expect(languageMatches('fr-FR', 'en-GB')).toBe(false);
  });
});

describe('sentenceFor', () => {
  it("says the prompt's own text to a call in its language", () => {
    expect(sentenceFor(welcome, 'fr-FR')).toEqual({ text: 'Bienvenue.', language: 'fr-FR' });
    expect(sentenceFor(welcome, 'fr')).toEqual({ text: 'Bienvenue.', language: 'fr-FR' });
  });

  it('says the translation, in its own language tag and voice, to a call in a translated language', () => {
    expect(sentenceFor(welcome, 'en-GB')).toEqual({ text: 'Welcome.', language: 'en-GB' });
    expect(sentenceFor(welcome, 'en')).toEqual({ text: 'Welcome.', language: 'en-GB' });
    expect(sentenceFor(welcome, 'de-DE')).toEqual({
      text: 'Willkommen.',
      language: 'de-DE',
      voice: 'de-DE-Wavenet-A',
    });
  });

  it('prefers the exact tag to a translation without region', () => {
    const both = spokenPromptSchema.parse({
      text: 'Bonjour.',
      translations: { en: { text: 'Hello.' }, 'en-US': { text: 'Hi there.' } },
    });
    expect(sentenceFor(both, 'en-US').text).toBe('Hi there.');
    expect(sentenceFor(both, 'en-GB').text).toBe('Hello.');
  });

  it("falls back to the prompt's own text for a language it lacks", () => {
    expect(sentenceFor(welcome, 'es-ES')).toEqual({ text: 'Bienvenue.', language: 'fr-FR' });
    expect(sentenceFor(welcome, 'en-US')).toEqual({ text: 'Bienvenue.', language: 'fr-FR' });
  });
});

describe('everySentenceOf and promptHasLanguage', () => {
  it('gives the own text first, then each translation', () => {
    expect(everySentenceOf(welcome)).toEqual([
      { text: 'Bienvenue.', language: 'fr-FR' },
      { text: 'Welcome.', language: 'en-GB' },
      { text: 'Willkommen.', language: 'de-DE', voice: 'de-DE-Wavenet-A' },
    ]);
  });

  it('knows which languages a prompt has', () => {
    expect(promptHasLanguage(welcome, 'en')).toBe(true);
    expect(promptHasLanguage(welcome, 'it-IT')).toBe(false);
  });
});

describe('spokenPromptSchema translations', () => {
  it('keeps a prompt written before translations existed exactly as it was', () => {
    expect(spokenPromptSchema.parse({ text: 'Bonjour.' })).toEqual({ text: 'Bonjour.', language: 'fr-FR' });
  });

  it('refuses a translation in the prompt’s own language, naming it and where it is', () => {
    const issues = spokenPromptSchema.safeParse({ text: 'Bonjour.', translations: { 'fr-FR': { text: 'Salut.' } } })
      .error?.issues;
    expect(issues?.map((issue) => [issue.path, issue.message])).toEqual([
      [
        ['translations', 'fr-FR'],
        "The prompt's own text is already in fr-FR: remove this translation or change the prompt's language",
      ],
    ]);
  });

  it('refuses a translation keyed by something that is not a language tag, and an empty text', () => {
    const badKey = spokenPromptSchema.safeParse({ text: 'Bonjour.', translations: { english: { text: 'Hi.' } } });
    expect(badKey.error?.issues[0]?.path).toEqual(['translations', 'english']);
    expect(badKey.error?.issues[0]?.message).toBe(
      '"english" is not a language tag: key each translation by a tag such as en-GB or en-US',
    );
    const empty = spokenPromptSchema.safeParse({ text: 'Bonjour.', translations: { 'en-GB': { text: ' ' } } });
    expect(empty.error?.issues[0]?.path).toEqual(['translations', 'en-GB', 'text']);
    expect(empty.error?.issues[0]?.message).toBe('Type what the caller should hear');
  });
});
