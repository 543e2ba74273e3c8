import { FORMATTING_LOCALE, type UiLanguage } from '#i18n/languages.ts';

/**
 * Queue times are shown in UTC (the report's periods are UTC days), written the language's way: "06/12/2026 14:05"
 * in French, "12/6/26, 2:05 PM" in English. A fixed zone also means the server and the browser render the same text.
 */
export function utcDateTimeFormat(language: UiLanguage, options: { seconds?: boolean } = {}): (ms: number) => string {
  const format = new Intl.DateTimeFormat(FORMATTING_LOCALE[language], {
    dateStyle: 'short',
    timeStyle: options.seconds ? 'medium' : 'short',
    timeZone: 'UTC',
  });
  return (ms) => format.format(ms);
}
