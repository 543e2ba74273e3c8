// Maps a BCP 47 language tag to one of espeak-ng's voices, using the voice list the engine itself reports, so
// every language espeak-ng ships works without a hand-kept table.
import type { EspeakVoice } from '@echogarden/espeak-ng-emscripten';

/**
 * The best voice for a language tag: an exact match first ("fr-FR" -> roa/fr, "en-US" -> gmw/en-US), then the
 * bare language ("fr-CA" -> roa/fr), each time preferring the voice with the lowest espeak priority.
 * Returns the voice identifier, which set_voice accepts.
 */
export function pickEspeakVoice(voices: readonly EspeakVoice[], languageTag: string): string {
  const wanted = languageTag.trim().toLowerCase().replaceAll('_', '-');
  const primary = wanted.split('-')[0] ?? '';
  for (const name of primary && primary !== wanted ? [wanted, primary] : [wanted]) {
    const best = bestVoiceFor(voices, name);
    if (best) return best;
  }
  throw new Error(
    `The embedded voice (espeak-ng) cannot speak language "${languageTag}": no voice for "${wanted}"` +
      (primary !== wanted ? ` or "${primary}"` : '') +
      `. Use a BCP 47 tag such as "fr-FR" or "en-US".`,
  );
}

function bestVoiceFor(voices: readonly EspeakVoice[], languageName: string): string | undefined {
  let best: { identifier: string; priority: number } | undefined;
  for (const voice of voices) {
    for (const language of voice.languages) {
      if (language.name === languageName && (!best || language.priority < best.priority)) {
        best = { identifier: voice.identifier, priority: language.priority };
      }
    }
  }
  return best?.identifier;
}
