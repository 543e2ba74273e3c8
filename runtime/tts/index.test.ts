import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPromptStore, parseVoiceOverrides } from './index.ts';
import { promptKey } from './prompt-key.ts';

const hello = { text: 'Bonjour.', language: 'fr-FR' };

describe('createPromptStore', () => {
  it('defaults to the embedded espeak-ng voice and ./data/prompts', () => {
    const store = createPromptStore({});
    expect(store.provider.id).toBe('espeak');
    expect(store.dir).toBe(resolve('data/prompts'));
    expect(store.keyFor(hello)).toBe(promptKey({ provider: 'espeak', voice: 'fr', ...hello }));
    expect(store.keyFor({ text: 'Hello.', language: 'en-US' })).toBe(
      promptKey({ provider: 'espeak', voice: 'en-us', text: 'Hello.', language: 'en-US' }),
    );
  });

  it('uses Google with its default voices when TTS_PROVIDER=google', () => {
    const store = createPromptStore({ TTS_PROVIDER: 'google', PROMPTS_DIR: '/tmp/switchboard-test-prompts' });
    expect(store.provider.id).toBe('google');
    expect(store.dir).toBe('/tmp/switchboard-test-prompts');
    expect(store.keyFor(hello)).toBe(promptKey({ provider: 'google', voice: 'fr-FR-Wavenet-C', ...hello }));
    // No default for a language: Google chooses, and the key says so with an empty voice.
    expect(store.keyFor({ text: 'Hallo.', language: 'de-DE' })).toBe(
      promptKey({ provider: 'google', voice: '', text: 'Hallo.', language: 'de-DE' }),
    );
  });

  it('lets TTS_VOICES override the default voice per language', () => {
    const store = createPromptStore({
      TTS_PROVIDER: 'google',
      TTS_VOICES: 'fr-fr=fr-FR-Wavenet-D, de-DE=de-DE-Wavenet-B',
    });
    expect(store.keyFor(hello)).toBe(promptKey({ provider: 'google', voice: 'fr-FR-Wavenet-D', ...hello }));
    expect(store.keyFor({ text: 'Hallo.', language: 'de-DE' })).toBe(
      promptKey({ provider: 'google', voice: 'de-DE-Wavenet-B', text: 'Hallo.', language: 'de-DE' }),
    );
  });

  it('refuses settings it does not understand, naming the variable', () => {
    expect(() => createPromptStore({ TTS_PROVIDER: 'polly' })).toThrow(
      /TTS_PROVIDER="polly" is not a provider; use one of: espeak, google/,
    );
    expect(() => createPromptStore({ TTS_CALL_TIMEOUT_MS: 'soon' })).toThrow(/TTS_CALL_TIMEOUT_MS="soon"/);
    expect(() => parseVoiceOverrides('fr-FR')).toThrow(/TTS_VOICES entry "fr-FR" should look like "fr-FR=voice-name"/);
  });
});
