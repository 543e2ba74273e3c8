import { describe, expect, it } from 'vitest';
import { googleSynthesisRequest } from './google-provider.ts';
import { canonicalLanguage, isPromptKey, normalisePromptText, promptKey } from './prompt-key.ts';

const base = { provider: 'espeak', voice: 'fr', language: 'fr-FR', text: 'Bonjour et bienvenue.' } as const;

describe('promptKey', () => {
  it('is 32 lower-case hex digits and stable', () => {
    const key = promptKey(base);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(isPromptKey(key)).toBe(true);
    expect(promptKey({ ...base })).toBe(key);
  });

  it('changes with the provider, the voice, the language or the text', () => {
    const keys = new Set([
      promptKey(base),
      promptKey({ ...base, provider: 'google' }),
      promptKey({ ...base, voice: 'fr+f3' }),
      promptKey({ ...base, voice: '' }),
      promptKey({ ...base, language: 'fr-CA' }),
      promptKey({ ...base, text: 'Bonjour et bienvenue !' }),
    ]);
    expect(keys.size).toBe(6);
  });

  it('does not let field boundaries collide ("a" + "bc" vs "ab" + "c")', () => {
    expect(promptKey({ ...base, voice: 'fr', text: 'xBonjour' })).not.toBe(
      promptKey({ ...base, voice: 'frx', text: 'Bonjour' }),
    );
  });

  it('ignores what cannot change the speech: spacing, tag case, Unicode composition', () => {
    const key = promptKey(base);
    expect(promptKey({ ...base, text: '  Bonjour   et\nbienvenue. ' })).toBe(key);
    expect(promptKey({ ...base, language: 'fr-fr' })).toBe(key);
    const decomposed = 'Cafe\u0301';
    expect(promptKey({ ...base, text: decomposed })).toBe(promptKey({ ...base, text: 'Café' }));
  });

  it('treats prompt text as plain text: SSML-like tags are dropped for every provider', () => {
    expect(normalisePromptText('Bonjour <break time="60s"/> <emphasis level="strong">vous</emphasis>.')).toBe(
      'Bonjour vous .',
    );
    expect(normalisePromptText('Tapez 1 < 2 & 3 > 2')).toBe('Tapez 1 < 2 & 3 > 2');
    expect(promptKey({ ...base, text: 'Bonjour <break time="60s"/> et bienvenue.' })).toBe(
      promptKey({ ...base, text: 'Bonjour et bienvenue.' }),
    );
    expect(googleSynthesisRequest({ text: '<speak>Bonjour</speak>', language: 'fr-FR' }).input).toEqual({
      text: 'Bonjour',
    });
  });

  it('refuses an invalid language tag, naming it', () => {
    expect(() => promptKey({ ...base, language: 'français!' })).toThrow(/"français!" is not a valid language tag/);
    expect(canonicalLanguage('en-us')).toBe('en-US');
  });

  it('recognises only well-formed keys', () => {
    expect(isPromptKey('../../etc/passwd')).toBe(false);
    expect(isPromptKey('ABCDEF0123456789ABCDEF0123456789')).toBe(false);
    expect(isPromptKey('abcdef')).toBe(false);
  });
});
