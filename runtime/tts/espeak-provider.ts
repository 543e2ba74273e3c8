// The embedded, offline voice: espeak-ng compiled to WASM. It needs no network and no account, speaks French and
// English (and ~100 more languages), and renders a sentence in ~20 ms once warm. See docs/decisions/005.
import createEspeakModule, { type EspeakNGWorker, type EspeakVoice } from '@echogarden/espeak-ng-emscripten';
import { pickEspeakVoice } from './espeak-voices.ts';
import { normalisePromptText } from './prompt-key.ts';
import { resampleInt16 } from '../audio/resample.ts';
import type { TtsProvider, TtsRequest } from './tts-provider.ts';
import { encodeTelephoneWav, TELEPHONE_SAMPLE_RATE } from '../audio/wav.ts';

/** Slightly slower than espeak-ng's 175 words/minute default: prompts are heard once, over a phone line. */
const WORDS_PER_MINUTE = 160;

interface EspeakEngine {
  worker: EspeakNGWorker;
  voices: EspeakVoice[];
  sampleRate: number;
}

// One engine per process, created on first use: loading the module reads 24 MB of voice data (~200 ms).
let engine: Promise<EspeakEngine> | undefined;
// The worker keeps its voice and synthesis state in one WASM instance and is not re-entrant: every
// set_voice + synthesize pair runs alone, in arrival order.
let queue: Promise<unknown> = Promise.resolve();

function loadEngine(): Promise<EspeakEngine> {
  engine ??= createEspeakModule().then((module) => {
    const worker = new module.eSpeakNGWorker();
    return { worker, voices: worker.list_voices(), sampleRate: worker.get_samplerate() };
  });
  engine.catch(() => {
    engine = undefined; // let the next render retry instead of failing forever
  });
  return engine;
}

function serialised<T>(task: () => Promise<T> | T): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export class EspeakProvider implements TtsProvider {
  readonly id = 'espeak' as const;

  async render(request: TtsRequest, signal?: AbortSignal): Promise<Buffer> {
    const text = espeakInput(request.text);
    if (!text) throw new Error('espeak-ng: cannot render an empty prompt text');
    signal?.throwIfAborted();
    const { samples, sampleRate } = await serialised(async () => {
      const { worker, voices, sampleRate } = await loadEngine();
      signal?.throwIfAborted();
      const voice = request.voice ?? pickEspeakVoice(voices, request.language);
      if (worker.set_voice(voice) !== 0) {
        throw new Error(`espeak-ng has no voice "${voice}" (for language "${request.language}")`);
      }
      worker.set_rate(WORDS_PER_MINUTE);
      return { samples: synthesize(worker, text), sampleRate };
    });
    if (samples.length === 0) throw new Error(`espeak-ng produced no audio for "${text.slice(0, 60)}"`);
    const telephone = await resampleInt16(samples, sampleRate, TELEPHONE_SAMPLE_RATE);
    signal?.throwIfAborted();
    return encodeTelephoneWav(telephone);
  }
}

/**
 * The text as espeak-ng must receive it to read it as plain text: this build always parses its input as SSML, so
 * markup is dropped (like every provider, see normalisePromptText) and what is left of <, > and & is escaped.
 */
export function espeakInput(text: string): string {
  return normalisePromptText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Runs espeak-ng's synchronous synthesis and joins its chunks into one buffer. */
function synthesize(worker: EspeakNGWorker, text: string): Int16Array {
  const chunks: Int16Array[] = [];
  let length = 0;
  worker.synthesize(text, (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
    return false; // false = keep going
  });
  const samples = new Int16Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    samples.set(chunk, offset);
    offset += chunk.length;
  }
  return samples;
}
