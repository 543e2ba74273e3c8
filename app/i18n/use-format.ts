import { useTranslation } from 'react-i18next';
import { formattersFor, type Formatters } from '#i18n/format.ts';
import { uiLanguageOf, DEFAULT_UI_LANGUAGE } from '#i18n/languages.ts';

/** Dates, times, numbers and durations in the page's language: `const format = useFormat(); format.dateTime(ms)`. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(uiLanguageOf(i18n.language) ?? DEFAULT_UI_LANGUAGE);
}
