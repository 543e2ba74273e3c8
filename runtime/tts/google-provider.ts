// Google Cloud Text-to-Speech: natural voices, needs network and a Google account. Credentials come from the
// standard Google variables (GOOGLE_APPLICATION_CREDENTIALS, or the environment's default credentials).
import type { protos, TextToSpeechClient } from '@google-cloud/text-to-speech';
import { normalisePromptText } from './prompt-key.ts';
import type { TtsProvider, TtsRequest } from './tts-provider.ts';
import { TELEPHONE_SAMPLE_RATE, toTelephoneWav } from '../audio/wav.ts';

type SynthesizeSpeechRequest = protos.google.cloud.texttospeech.v1.ISynthesizeSpeechRequest;
type SynthesizeSpeechResponse = protos.google.cloud.texttospeech.v1.ISynthesizeSpeechResponse;
export type GoogleClientOptions = NonNullable<ConstructorParameters<typeof TextToSpeechClient>[0]>;

/** The one method Switchboard uses; TextToSpeechClient satisfies it, and so can a test double. */
export interface SpeechSynthesisClient {
  synthesizeSpeech(
    request: SynthesizeSpeechRequest,
    options?: { timeout?: number },
  ): Promise<[SynthesizeSpeechResponse, ...unknown[]]>;
}

export interface GoogleProviderOptions {
  /** A ready client (tests point one at a local gRPC server). */
  client?: SpeechSynthesisClient;
  /** Options for the TextToSpeechClient created on first use when no client is given. */
  clientOptions?: GoogleClientOptions;
  /**
   * gRPC deadline of one request, retries included (default 15 s). The client's promise cannot be cancelled, so an
   * abort only stops the waiting; this deadline is what finally ends a request nobody waits for.
   */
  deadlineMs?: number;
}

/** Ask Google for telephone audio directly: 8 kHz LINEAR16 (a WAV), tuned for phone lines. */
export function googleSynthesisRequest(request: TtsRequest): SynthesizeSpeechRequest {
  return {
    // Plain text, never SSML: tags are dropped so Google and espeak say the same words (normalisePromptText).
    input: { text: normalisePromptText(request.text) },
    voice: { languageCode: request.language, ...(request.voice ? { name: request.voice } : {}) },
    audioConfig: {
      audioEncoding: 'LINEAR16',
      sampleRateHertz: TELEPHONE_SAMPLE_RATE,
      effectsProfileId: ['telephony-class-application'],
    },
  };
}

export class GoogleProvider implements TtsProvider {
  readonly id = 'google' as const;
  #client: Promise<SpeechSynthesisClient> | undefined;
  readonly #clientOptions: GoogleClientOptions | undefined;
  readonly #deadlineMs: number;

  constructor(options: GoogleProviderOptions = {}) {
    if (options.client) this.#client = Promise.resolve(options.client);
    this.#clientOptions = options.clientOptions;
    this.#deadlineMs = options.deadlineMs ?? 15_000;
  }

  async render(request: TtsRequest, signal?: AbortSignal): Promise<Buffer> {
    signal?.throwIfAborted();
    const client = await this.#getClient();
    const call = client.synthesizeSpeech(googleSynthesisRequest(request), { timeout: this.#deadlineMs });
    let response: SynthesizeSpeechResponse;
    try {
      [response] = await abortable(call, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      const voice = request.voice ? `voice ${request.voice}` : 'default voice';
      throw new Error(
        `Google TTS failed (${request.language}, ${voice}): ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    const audio = response.audioContent;
    if (!audio || audio.length === 0)
      throw new Error(`Google TTS returned no audio for "${request.text.slice(0, 60)}"`);
    const bytes = typeof audio === 'string' ? Buffer.from(audio, 'base64') : audio;
    // LINEAR16 answers carry a WAV header; toTelephoneWav checks it is 8 kHz/16-bit/mono and converts if not.
    return toTelephoneWav(bytes, { label: 'Google TTS audio', rawSampleRate: TELEPHONE_SAMPLE_RATE });
  }

  #getClient(): Promise<SpeechSynthesisClient> {
    // Loaded on first use: the Google library is large, and espeak-only installations never need it.
    this.#client ??= import('@google-cloud/text-to-speech').then(
      ({ TextToSpeechClient }) => new TextToSpeechClient(this.#clientOptions),
    );
    return this.#client;
  }
}

/** Rejects as soon as the signal aborts; the call itself runs on until its gRPC deadline. */
function abortable<T>(call: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return call;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    call.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
