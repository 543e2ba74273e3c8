// The languages of Switchboard's interface (pages, CLI messages, validation sentences), and how one is chosen for a
// request: the staff account's setting, else the browser's Accept-Language, else French (the brief's language and
// the first users'). Spoken languages of flows are a different matter: any BCP 47 tag a voice knows (flows/).

export const UI_LANGUAGES = ['fr', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const DEFAULT_UI_LANGUAGE: UiLanguage = 'fr';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** "en-GB" -> "en", "FR" -> "fr"; null for a language the interface does not speak. */
export function uiLanguageOf(tag: string | null | undefined): UiLanguage | null {
  const primary = tag?.trim().split(/[-_.]/)[0]?.toLowerCase();
  return isUiLanguage(primary) ? primary : null;
}

/**
 * The best interface language for an Accept-Language header ("en-GB,en;q=0.9,fr;q=0.8"): the highest-weighted
 * language the interface speaks, or null when it speaks none of them.
 */
export function languageFromAcceptLanguage(header: string | null | undefined): UiLanguage | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, position) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const weight = parameters
        .map((parameter) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(parameter)?.[1])
        .find((value) => value !== undefined);
      return { language: uiLanguageOf(tag), weight: weight === undefined ? 1 : Number(weight), position };
    })
    .filter((entry) => entry.language !== null && entry.weight > 0 && Number.isFinite(entry.weight))
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
  return ranked[0]?.language ?? null;
}

/** The language a page is shown in: the account's choice, else the browser's, else French. */
export function chooseUiLanguage(accountSetting: string | null | undefined, acceptLanguage: string | null | undefined) {
  return uiLanguageOf(accountSetting) ?? languageFromAcceptLanguage(acceptLanguage) ?? DEFAULT_UI_LANGUAGE;
}

/**
 * The locale dates, times and numbers are written in. French: day/month and the 24-hour clock. English: the
 * American conventions (month/day, 12-hour clock), the ones English-speaking browsers most often have.
 */
export const FORMATTING_LOCALE: Record<UiLanguage, string> = { fr: 'fr-FR', en: 'en-US' };
