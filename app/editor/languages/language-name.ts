import type { UiLanguage } from '#i18n/languages.ts';

const namers = new Map<UiLanguage, Intl.DisplayNames>();

/**
 * "anglais (Royaume-Uni)" for en-GB on a French page, "English (United Kingdom)" on an English one: the browser's
 * own names of languages, so every tag a voice knows has a name without a catalogue entry per language.
 */
export function languageName(tag: string, pageLanguage: UiLanguage): string {
  let namer = namers.get(pageLanguage);
  if (!namer) {
    namer = new Intl.DisplayNames([pageLanguage], { type: 'language', fallback: 'code' });
    namers.set(pageLanguage, namer);
  }
  try {
    return namer.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
