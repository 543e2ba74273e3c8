import { useTranslation } from 'react-i18next';
import { DEFAULT_UI_LANGUAGE, FORMATTING_LOCALE, uiLanguageOf, type UiLanguage } from '#i18n/languages.ts';

// The room view writes its times in UTC, as the call history does: the server and the browser then render the same
// text (no hydration mismatch), and the column headers say "UTC". Only the notation follows the language.

export interface UtcFormatters {
  /** "14:05:09" in French, "2:05:09 PM" in English. */
  clock(ms: number): string;
  /** "06/12/2026 14:05:09" in French, "12/6/26, 2:05:09 PM" in English. */
  dateTime(ms: number): string;
}

const cache = new Map<UiLanguage, UtcFormatters>();

export function utcFormattersFor(language: UiLanguage): UtcFormatters {
  let formatters = cache.get(language);
  if (!formatters) {
    const locale = FORMATTING_LOCALE[language];
    const clock = new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone: 'UTC' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'UTC' });
    formatters = { clock: (ms) => clock.format(ms), dateTime: (ms) => dateTime.format(ms) };
    cache.set(language, formatters);
  }
  return formatters;
}

export function useUtcFormat(): UtcFormatters {
  const { i18n } = useTranslation();
  return utcFormattersFor(uiLanguageOf(i18n.language) ?? DEFAULT_UI_LANGUAGE);
}
