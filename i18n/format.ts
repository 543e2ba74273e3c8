import { FORMATTING_LOCALE, type UiLanguage } from './languages.ts';
import { translatorFor } from './translator.ts';

/** Dates, times, numbers and durations written the way readers of the language expect. */
export interface Formatters {
  /** "06/12/2026 14:05" in French, "12/6/2026, 2:05 PM" in English. */
  dateTime(ms: number): string;
  date(ms: number): string;
  time(ms: number): string;
  /** "1 234,5" in French, "1,234.5" in English. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** "45 s", "3 min 05 s", "1 h 02 min". */
  duration(seconds: number): string;
  /** "42 %" in French, "42%" in English; the value is a ratio (0.42). */
  percent(ratio: number): string;
}

const cache = new Map<UiLanguage, Formatters>();

export function formattersFor(language: UiLanguage): Formatters {
  const cached = cache.get(language);
  if (cached) return cached;
  const locale = FORMATTING_LOCALE[language];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const t = translatorFor(language);
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  const formatters: Formatters = {
    dateTime: (ms) => dateTime.format(ms),
    date: (ms) => date.format(ms),
    time: (ms) => time.format(ms),
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    percent: (ratio) => percent.format(ratio),
    duration(totalSeconds) {
      const rounded = Math.max(0, Math.round(totalSeconds));
      if (rounded < 60) return t('common:duration.seconds', { count: rounded });
      if (rounded < 3600) {
        return t('common:duration.minutesSeconds', {
          minutes: Math.floor(rounded / 60),
          seconds: twoDigits(rounded % 60),
        });
      }
      return t('common:duration.hoursMinutes', {
        hours: Math.floor(rounded / 3600),
        minutes: twoDigits(Math.floor((rounded % 3600) / 60)),
      });
    },
  };
  cache.set(language, formatters);
  return formatters;
}
