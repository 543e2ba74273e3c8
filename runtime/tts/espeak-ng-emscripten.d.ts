// The package ships no types. This declares only the part of the Emscripten module Switchboard calls.
declare module '@echogarden/espeak-ng-emscripten' {
  export interface EspeakVoiceLanguage {
    /** Lower is preferred, as in espeak-ng's voice files. */
    priority: number;
    /** Lower-case language tag, e.g. "fr-fr", "en-us", "en". */
    name: string;
  }

  export interface EspeakVoice {
    name: string;
    /** Path-like id, e.g. "roa/fr", "gmw/en-US"; accepted by set_voice. */
    identifier: string;
    languages: EspeakVoiceLanguage[];
  }

  export interface EspeakNGWorker {
    /** 0 on success, non-zero (2 = not found) otherwise. */
    set_voice(name: string): number;
    set_rate(wordsPerMinute: number): number;
    get_rate(): number;
    get_samplerate(): number;
    list_voices(): EspeakVoice[];
    /** Synchronous; the callback receives 16-bit chunks and returns true to stop synthesis. */
    synthesize(text: string, onChunk: (samples: Int16Array, events: unknown[]) => boolean): void;
  }

  export interface EspeakModule {
    eSpeakNGWorker: new () => EspeakNGWorker;
  }

  const createEspeakModule: (overrides?: Record<string, unknown>) => Promise<EspeakModule>;
  export default createEspeakModule;
}
