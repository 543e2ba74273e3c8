import { FORMATTING_LOCALE, type UiLanguage } from '#i18n/languages.ts';

const formats = new Map<UiLanguage, Intl.DateTimeFormat>();

/**
 * A calendar date ("2026-12-25", a closure's or a holiday's local day) written the language's way: "25 déc. 2026",
 * "Dec 25, 2026". Read at noon UTC and written in UTC, so no time zone can move it to another day.
 */
export function dayText(language: UiLanguage, date: string): string {
  const at = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(at)) return date;
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(FORMATTING_LOCALE[language], { dateStyle: 'medium', timeZone: 'UTC' });
    formats.set(language, format);
  }
  return format.format(at);
}
