// Weekly hours as people type them, on the calendars page and the command line: "09:00-12:30, 13:30-18:00" for a
// day, "closed" (or nothing) for none. Only the shape is read here; calendarSchema checks the times and overlaps.
// No date-holidays import: the page's browser bundle may use it.

export interface TimeRangeText {
  from: string;
  to: string;
}

export class HoursTextError extends Error {
  override readonly name = 'HoursTextError';
}

/** "09:00-12:30, 13:30-18:00" -> ranges; "", "-" or "closed" -> none. Throws HoursTextError on another shape. */
export function parseDayHours(text: string): TimeRangeText[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '-' || /^closed$/i.test(trimmed)) return [];
  return trimmed.split(/\s*[,;]\s*/).map((part) => {
    const match = /^(\d{1,2}:\d{2})\s*(?:-|–|to)\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!match) throw new HoursTextError(`"${part}" is not a range such as 09:00-12:30`);
    const pad = (time: string) => (time.length === 4 ? `0${time}` : time);
    return { from: pad(match[1]!), to: pad(match[2]!) };
  });
}

export function formatDayHours(ranges: readonly TimeRangeText[]): string {
  return ranges.length === 0 ? 'closed' : ranges.map((range) => `${range.from}-${range.to}`).join(', ');
}
