// A TTS provider turns one sentence into audio Asterisk can play straight from an HTTP URL. Asterisk's WAV reader
// only accepts 8 kHz, 16-bit, mono PCM (measured: other rates, stereo, µ-law WAV all fail), so that is the one
// output format every provider must return.

export type TtsProviderId = 'espeak' | 'google';

export const TTS_PROVIDER_IDS: readonly TtsProviderId[] = ['espeak', 'google'];

export interface TtsRequest {
  text: string;
  /** BCP 47 language tag, e.g. "fr-FR". */
  language: string;
  /** Provider-specific voice name; when absent the provider picks one for the language. */
  voice?: string;
}

export interface TtsProvider {
  readonly id: TtsProviderId;
  /** Resolves to an 8 kHz, 16-bit, mono PCM WAV file. Rejects when the signal aborts. */
  render(request: TtsRequest, signal?: AbortSignal): Promise<Buffer>;
}

export function isTtsProviderId(value: string): value is TtsProviderId {
  return (TTS_PROVIDER_IDS as readonly string[]).includes(value);
}
