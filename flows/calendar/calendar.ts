import { z } from 'zod';
import { countryName, isKnownCountry, isKnownRegion, publicHolidaysAt } from './holidays.ts';

// Calendars: when an office is open. Pure evaluation (no I/O, no clock): `evaluateCalendar(calendar, at)` says which
// branch a business-hours node takes at an instant, and why, in a sentence. Every rule is read on the wall clock of
// the calendar's time zone (Intl, daylight saving included). Precedence, first match wins
// (docs/decisions/013-calendars-and-public-holidays.md):
//   1. the override switch (closed / open now, set by staff);
//   2. a one-off closure holding the local date -> holiday;
//   3. a public holiday of the calendar's country (and region) -> holiday;
//   4. the weekly hours of the local weekday: inside a range -> open, otherwise closed.

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export const DEFAULT_TIME_ZONE = 'Europe/Paris';
export const DEFAULT_HOLIDAY_COUNTRY = 'FR';

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const END_TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** Minutes since local midnight of "HH:MM" ("24:00" is 1440, the end of the day). */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

export const timeRangeSchema = z
  .object({
    from: z.string({ error: 'Give an opening time as HH:MM' }).regex(TIME, 'An opening time is HH:MM, 00:00 to 23:59'),
    to: z
      .string({ error: 'Give a closing time as HH:MM' })
      .regex(END_TIME, 'A closing time is HH:MM, 00:01 to 24:00 (24:00 is midnight at the end of the day)'),
  })
  .refine((range) => minutesOf(range.from) < minutesOf(range.to), {
    message: 'A range must close after it opens (use 24:00 for midnight)',
    path: ['to'],
  });
export type TimeRange = z.output<typeof timeRangeSchema>;

const dayRangesSchema = z
  .array(timeRangeSchema)
  .max(12, 'At most 12 ranges a day')
  .default([])
  .superRefine((ranges, context) => {
    const sorted = ranges
      .map((range, index) => ({ range, index }))
      .filter(({ range }) => TIME.test(range.from) && END_TIME.test(range.to))
      .sort((a, b) => minutesOf(a.range.from) - minutesOf(b.range.from));
    for (let i = 1; i < sorted.length; i += 1) {
      const before = sorted[i - 1]!;
      const current = sorted[i]!;
      if (minutesOf(current.range.from) < minutesOf(before.range.to)) {
        context.addIssue({
          code: 'custom',
          path: [current.index],
          message: `${describeRange(current.range)} overlaps ${describeRange(before.range)}`,
        });
      }
    }
  });

export const weeklyHoursSchema = z.object(
  Object.fromEntries(WEEKDAYS.map((day) => [day, dayRangesSchema])) as Record<Weekday, typeof dayRangesSchema>,
);
export type WeeklyHours = z.output<typeof weeklyHoursSchema>;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const dateSchema = z
  .string({ error: 'Give a date as YYYY-MM-DD' })
  .regex(DATE, 'A date is YYYY-MM-DD, e.g. 2026-12-24')
  .refine((date) => new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), 'This date does not exist');

export const closureSchema = z
  .object({
    /** First closed day (local date), inclusive. */
    from: dateSchema,
    /** Last closed day, inclusive; the same as `from` for one day. */
    to: dateSchema,
    label: z
      .string({ error: 'Say why it is closed' })
      .trim()
      .min(1, 'Say why it is closed')
      .max(80, 'At most 80 characters'),
  })
  .refine((closure) => closure.from <= closure.to, {
    message: 'A closure ends on or after its first day',
    path: ['to'],
  });
export type Closure = z.output<typeof closureSchema>;

export const overrideSchema = z.object({
  state: z.enum(['closed', 'open'], { error: 'The switch is "closed" or "open"' }),
  reason: z.string().trim().min(1, 'Say why (callers do not hear it; colleagues see it)').max(120),
  /** Milliseconds since the epoch. */
  setAt: z.number().int(),
  /** Who flipped it: a staff user name, a directory person (feature code), or "cli". */
  setBy: z.string().min(1).max(64),
});
export type CalendarOverride = z.output<typeof overrideSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export const holidaySourceSchema = z
  .object({
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'A country is a two-letter ISO code such as FR, BE or DE'),
    /** A region as date-holidays names it (FR: 57 Moselle, 67 Bas-Rhin...; DE: BY...), or absent. */
    region: z.string().trim().toUpperCase().min(1).max(10).optional(),
  })
  .superRefine((source, context) => {
    if (!isKnownCountry(source.country)) {
      context.addIssue({
        code: 'custom',
        path: ['country'],
        message: `No public holidays are known for the country "${source.country}"; use an ISO code such as FR, BE or DE`,
      });
    } else if (source.region !== undefined && !isKnownRegion(source.country, source.region)) {
      context.addIssue({
        code: 'custom',
        path: ['region'],
        message: `${countryName(source.country)} has no region "${source.region}" in the public holiday data`,
      });
    }
  });
export type HolidaySource = z.output<typeof holidaySourceSchema>;

export const calendarNameSchema = z
  .string({ error: 'Give the calendar a name' })
  .trim()
  .min(1, 'Give the calendar a name')
  .max(80, 'A calendar name is at most 80 characters');

/** Digits dialled after *48 to flip this calendar's switch from a phone (runtime/feature-codes/calendar-override.ts). */
export const featureCodeSchema = z.string().regex(/^[0-9]{1,6}$/, 'A feature code is 1 to 6 digits');

/** A calendar as its JSON holds it; defaults fill the omitted fields. */
export const calendarSchema = z.object({
  name: calendarNameSchema,
  timeZone: z
    .string()
    .trim()
    .default(DEFAULT_TIME_ZONE)
    .refine(isTimeZone, 'Use an IANA time zone such as Europe/Paris or America/New_York'),
  /** Whose public holidays close the office; null: none. */
  holidays: holidaySourceSchema.nullable().default({ country: DEFAULT_HOLIDAY_COUNTRY }),
  weeklyHours: weeklyHoursSchema.default(() => defaultWeeklyHours()),
  closures: z.array(closureSchema).max(200, 'At most 200 closures').default([]),
  override: overrideSchema.nullable().default(null),
  featureCode: featureCodeSchema.nullable().default(null),
  /** Directory people (user names) who may flip the switch with the feature code; nobody when empty. */
  featureCodeUsers: z.array(z.string().trim().toLowerCase().min(1).max(32)).max(100).default([]),
});
export type Calendar = z.output<typeof calendarSchema>;
export type CalendarInput = z.input<typeof calendarSchema>;

/** Monday to Friday, 09:00–12:30 and 13:30–18:00: what a new calendar starts with. */
export function defaultWeeklyHours(): WeeklyHours {
  const workday = () => [
    { from: '09:00', to: '12:30' },
    { from: '13:30', to: '18:00' },
  ];
  return {
    monday: workday(),
    tuesday: workday(),
    wednesday: workday(),
    thursday: workday(),
    friday: workday(),
    saturday: [],
    sunday: [],
  };
}

/** The problems of a calendar as sentences, one per line: "weeklyHours.monday.1: 11:00–14:00 overlaps 09:00–12:00." */
export function describeCalendarErrors(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.map(String).join('.');
    return `${where ? `${where}: ` : ''}${issue.message}`;
  });
}

export function describeRange(range: TimeRange): string {
  return `${range.from}–${range.to}`;
}

export function describeDay(ranges: readonly TimeRange[]): string {
  return ranges.length === 0 ? 'closed' : ranges.map(describeRange).join(', ');
}

export type CalendarBranch = 'open' | 'closed' | 'holiday';

export interface CalendarVerdict {
  branch: CalendarBranch;
  /** Why, in a sentence a colleague understands. */
  reason: string;
}

/** The local wall clock of an instant in a zone. */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  year: number;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  /** HH:MM */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: 'monday',
  Tue: 'tuesday',
  Wed: 'wednesday',
  Thu: 'thursday',
  Fri: 'friday',
  Sat: 'saturday',
  Sun: 'sunday',
};

export function localTime(at: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour!;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    year: Number(parts.year),
    weekday: WEEKDAY_BY_SHORT[parts.weekday!]!,
    minutes: Number(hour) * 60 + Number(parts.minute),
    time: `${hour}:${parts.minute}`,
  };
}

function describeClosureDates(closure: Closure): string {
  return closure.from === closure.to ? closure.from : `${closure.from} to ${closure.to}`;
}

/** Which branch a business-hours node takes at `at`, and why. Pure: same calendar and instant, same answer. */
export function evaluateCalendar(calendar: Calendar, at: Date): CalendarVerdict {
  const { override } = calendar;
  if (override) {
    return override.state === 'closed'
      ? { branch: 'closed', reason: `closed: ${override.reason} (switched by ${override.setBy})` }
      : { branch: 'open', reason: `open: ${override.reason} (switched by ${override.setBy})` };
  }
  const local = localTime(at, calendar.timeZone);

  const closure = calendar.closures.find((candidate) => candidate.from <= local.date && local.date <= candidate.to);
  if (closure) return { branch: 'holiday', reason: `${closure.label} (closed ${describeClosureDates(closure)})` };

  if (calendar.holidays) {
    const { country, region } = calendar.holidays;
    const [holiday] = publicHolidaysAt(country, region ?? null, calendar.timeZone, at, local.year);
    if (holiday) return { branch: 'holiday', reason: `${holiday.name} (public holiday in ${countryName(country)})` };
  }

  const day = WEEKDAY_NAMES[local.weekday];
  const ranges = calendar.weeklyHours[local.weekday];
  const range = ranges.find(
    (candidate) => minutesOf(candidate.from) <= local.minutes && local.minutes < minutesOf(candidate.to),
  );
  if (range) return { branch: 'open', reason: `open: ${day} ${describeRange(range)}` };
  return {
    branch: 'closed',
    reason:
      ranges.length === 0
        ? `outside opening hours: ${day}`
        : `outside opening hours: ${day} ${local.time} (open ${describeDay(ranges)})`,
  };
}

/** Parses a calendar's JSON, or throws an error whose message lists every problem. */
export function parseCalendar(input: unknown): Calendar {
  const parsed = calendarSchema.safeParse(input);
  if (!parsed.success) throw new InvalidCalendarError(describeCalendarErrors(parsed.error));
  return parsed.data;
}

export class InvalidCalendarError extends Error {
  override readonly name = 'InvalidCalendarError';
  constructor(readonly problems: string[]) {
    super(`This calendar is not valid: ${problems.join('; ')}`);
  }
}
