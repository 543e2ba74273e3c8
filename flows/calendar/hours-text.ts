// Weekly hours as people type them, on the calendars page and the command line: "09:00-12:30, 13:30-18:00" for a
// day, "closed" ("fermé" on a French page) or nothing for none. Only the shape is read here; calendarSchema checks the times and overlaps.
// No date-holidays import: the page's browser bundle may use it.

export interface TimeRangeText {
  from: string;
  to: string;
}

/** A part of a day's text that is not a range; `part` lets a page say so in its reader's language. */
export class HoursTextError extends Error {
  override readonly name = 'HoursTextError';
  constructor(
    message: string,
    readonly part = '',
  ) {
    super(message);
  }
}

/** The words that mean "no opening this day", in every language of the interface. */
const CLOSED_WORDS = /^(closed|ferm[ée])$/i;

/** "09:00-12:30, 13:30-18:00" -> ranges; "", "-", "closed" or "fermé" -> none. Throws HoursTextError otherwise. */
export function parseDayHours(text: string): TimeRangeText[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '-' || CLOSED_WORDS.test(trimmed)) return [];
  return trimmed.split(/\s*[,;]\s*/).map((part) => {
    const match = /^(\d{1,2}:\d{2})\s*(?:-|–|to)\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!match) throw new HoursTextError(`"${part}" is not a range such as 09:00-12:30`, part);
    const pad = (time: string) => (time.length === 4 ? `0${time}` : time);
    return { from: pad(match[1]!), to: pad(match[2]!) };
  });
}

/** The text a day's field starts with; `closedWord` is the page's word for a day without opening. */
export function formatDayHours(ranges: readonly TimeRangeText[], closedWord = 'closed'): string {
  return ranges.length === 0 ? closedWord : ranges.map((range) => `${range.from}-${range.to}`).join(', ');
}
