// Builds the prompt store from the environment:
//   TTS_PROVIDER         espeak (default, embedded, offline) | google (Google Cloud TTS, needs credentials)
//   PROMPTS_DIR          where prompt WAVs live (default ./data/prompts)
//   TTS_VOICES           per-language voice overrides for the chosen provider, e.g. "fr-FR=fr-FR-Wavenet-D,en-US=en-US-Wavenet-F"
//   TTS_CALL_TIMEOUT_MS  how long a call waits for a prompt missing from the cache before the embedded voice speaks (3000)
// Google credentials come from the standard Google variables (GOOGLE_APPLICATION_CREDENTIALS).
import { canonicalLanguage } from './prompt-key.ts';
import { RenderWorkerPool, WorkerTtsProvider } from './worker-provider.ts';
import { PromptStore, type DefaultVoices } from './prompt-store.ts';
import { isTtsProviderId, TTS_PROVIDER_IDS, type TtsProvider, type TtsProviderId } from './tts-provider.ts';

export { PromptStore, PromptRenderError, PromptTimeoutError } from './prompt-store.ts';
export type { CallPromptFile, PromptFile, PromptSpec } from './prompt-store.ts';
export type { TtsProvider, TtsProviderId, TtsRequest } from './tts-provider.ts';

/** Languages without an entry let the provider choose (espeak-ng: its best voice for the tag; Google: its default). */
export const DEFAULT_VOICES: Required<DefaultVoices> = {
  espeak: { 'fr-FR': 'fr', 'en-US': 'en-us', 'en-GB': 'en' },
  google: { 'fr-FR': 'fr-FR-Wavenet-C', 'en-US': 'en-US-Wavenet-F', 'en-GB': 'en-GB-Wavenet-A' },
};

export const DEFAULT_PROMPTS_DIR = './data/prompts';

type Env = Record<string, string | undefined>;

// One worker thread per process renders for every store (the engines are not re-entrant anyway).
let sharedPool: RenderWorkerPool | undefined;

export function createPromptStore(env: Env = process.env): PromptStore {
  const providerId = ttsProviderFrom(env);
  sharedPool ??= new RenderWorkerPool();
  const espeak = new WorkerTtsProvider('espeak', sharedPool);
  const provider: TtsProvider = providerId === 'google' ? new WorkerTtsProvider('google', sharedPool) : espeak;
  return new PromptStore({
    dir: env.PROMPTS_DIR?.trim() || DEFAULT_PROMPTS_DIR,
    provider,
    fallback: espeak,
    defaultVoices: {
      ...DEFAULT_VOICES,
      [providerId]: { ...DEFAULT_VOICES[providerId], ...parseVoiceOverrides(env.TTS_VOICES) },
    },
    callTimeoutMs: parsePositiveInteger(env.TTS_CALL_TIMEOUT_MS, 'TTS_CALL_TIMEOUT_MS') ?? 3000,
  });
}

export function ttsProviderFrom(env: Env): TtsProviderId {
  const value = env.TTS_PROVIDER?.trim().toLowerCase() || 'espeak';
  if (!isTtsProviderId(value)) {
    throw new Error(`TTS_PROVIDER="${env.TTS_PROVIDER}" is not a provider; use one of: ${TTS_PROVIDER_IDS.join(', ')}`);
  }
  return value;
}

/** "fr-FR=fr-FR-Wavenet-D, en-US=en-US-Wavenet-F" -> { 'fr-FR': 'fr-FR-Wavenet-D', 'en-US': 'en-US-Wavenet-F' } */
export function parseVoiceOverrides(value: string | undefined): Record<string, string> {
  const voices: Record<string, string> = {};
  for (const entry of (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [language, voice, ...rest] = entry.split('=').map((part) => part.trim());
    if (!language || !voice || rest.length > 0) {
      throw new Error(`TTS_VOICES entry "${entry}" should look like "fr-FR=voice-name"`);
    }
    voices[canonicalLanguage(language)] = voice;
  }
  return voices;
}

function parsePositiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new Error(`${name}="${value}" should be a positive whole number of milliseconds`);
  return number;
}
