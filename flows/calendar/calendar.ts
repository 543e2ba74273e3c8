import { z } from 'zod';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import { countryName, isKnownCountry, isKnownRegion, publicHolidaysAt } from './holidays.ts';

// Calendars: when an office is open. The schema's messages are catalogue keys ("calendars:errors.overlap", with
// their values in the issue's params): describeCalendarErrors words them in English for the command line and the
// logs, and the calendars page in its reader's language.
// Pure evaluation (no I/O, no clock): `evaluateCalendar(calendar, at)` says which
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
    from: z.string({ error: 'calendars:errors.openingTimeMissing' }).regex(TIME, 'calendars:errors.openingTime'),
    to: z.string({ error: 'calendars:errors.closingTimeMissing' }).regex(END_TIME, 'calendars:errors.closingTime'),
  })
  .refine((range) => minutesOf(range.from) < minutesOf(range.to), {
    message: 'calendars:errors.rangeOrder',
    path: ['to'],
  });
export type TimeRange = z.output<typeof timeRangeSchema>;

const dayRangesSchema = z
  .array(timeRangeSchema)
  .max(12, 'calendars:errors.tooManyRanges')
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
          message: 'calendars:errors.overlap',
          params: { range: describeRange(current.range), other: describeRange(before.range) },
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
  .string({ error: 'calendars:errors.dateMissing' })
  .regex(DATE, 'calendars:errors.dateShape')
  .refine((date) => new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), 'calendars:errors.dateUnknown');

export const closureSchema = z
  .object({
    /** First closed day (local date), inclusive. */
    from: dateSchema,
    /** Last closed day, inclusive; the same as `from` for one day. */
    to: dateSchema,
    label: z
      .string({ error: 'calendars:errors.closureLabel' })
      .trim()
      .min(1, 'calendars:errors.closureLabel')
      .max(80, 'calendars:errors.closureLabelTooLong'),
  })
  .refine((closure) => closure.from <= closure.to, {
    message: 'calendars:errors.closureOrder',
    path: ['to'],
  });
export type Closure = z.output<typeof closureSchema>;

export const overrideSchema = z.object({
  state: z.enum(['closed', 'open'], { error: 'calendars:errors.overrideState' }),
  reason: z.string().trim().min(1, 'calendars:errors.overrideReason').max(120),
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
      .regex(/^[A-Z]{2}$/, 'calendars:errors.countryShape'),
    /** A region as date-holidays names it (FR: 57 Moselle, 67 Bas-Rhin...; DE: BY...), or absent. */
    region: z.string().trim().toUpperCase().min(1).max(10).optional(),
  })
  .superRefine((source, context) => {
    if (!isKnownCountry(source.country)) {
      context.addIssue({
        code: 'custom',
        path: ['country'],
        message: 'calendars:errors.countryUnknown',
        params: { country: source.country },
      });
    } else if (source.region !== undefined && !isKnownRegion(source.country, source.region)) {
      context.addIssue({
        code: 'custom',
        path: ['region'],
        message: 'calendars:errors.regionUnknown',
        params: { country: source.country, countryName: countryName(source.country), region: source.region },
      });
    }
  });
export type HolidaySource = z.output<typeof holidaySourceSchema>;

export const calendarNameSchema = z
  .string({ error: 'calendars:errors.nameMissing' })
  .trim()
  .min(1, 'calendars:errors.nameMissing')
  .max(80, 'calendars:errors.nameTooLong');

/** Digits dialled after *48 to flip this calendar's switch from a phone (runtime/feature-codes/calendar-override.ts). */
export const featureCodeSchema = z.string().regex(/^[0-9]{1,6}$/, 'calendars:errors.featureCode');

/** A calendar as its JSON holds it; defaults fill the omitted fields. */
export const calendarSchema = z.object({
  name: calendarNameSchema,
  timeZone: z.string().trim().default(DEFAULT_TIME_ZONE).refine(isTimeZone, 'calendars:errors.timeZone'),
  /** Whose public holidays close the office; null: none. */
  holidays: holidaySourceSchema.nullable().default({ country: DEFAULT_HOLIDAY_COUNTRY }),
  weeklyHours: weeklyHoursSchema.default(() => defaultWeeklyHours()),
  closures: z.array(closureSchema).max(200, 'calendars:errors.tooManyClosures').default([]),
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

/** One problem of a calendar: where (["weeklyHours", "monday", 1]), and its message, a catalogue key as a rule. */
export interface CalendarIssue {
  path: (string | number)[];
  message: string;
  params: Record<string, string | number>;
}

export function calendarIssuesOf(error: z.ZodError): CalendarIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message,
    params: ('params' in issue && issue.params ? issue.params : {}) as Record<string, string | number>,
  }));
}

/** A problem's message in the language of `t`; a message that is not a key (zod's own) as it is. */
export function calendarIssueMessage(t: Translate, issue: CalendarIssue): string {
  if (!/^calendars:errors\.\w+$/.test(issue.message)) return issue.message;
  return t(issue.message as 'calendars:errors.overlap', issue.params as { range: string; other: string });
}

/**
 * The problems of a calendar as English sentences, one per line (the command line, logs):
 * "weeklyHours.monday.1: 11:00–14:00 overlaps 09:00–12:00".
 */
export function describeCalendarErrors(error: z.ZodError): string[] {
  const english = translatorFor('en');
  return calendarIssuesOf(error).map((issue) => {
    const where = issue.path.map(String).join('.');
    return `${where ? `${where}: ` : ''}${calendarIssueMessage(english, issue)}`;
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

/** Why a calendar gives its branch, as facts a page words in its reader's language. */
export type CalendarGround =
  | { kind: 'override'; state: 'closed' | 'open'; reason: string; setBy: string }
  | { kind: 'closure'; label: string; from: string; to: string }
  | { kind: 'public-holiday'; name: string; country: string }
  | { kind: 'open'; weekday: Weekday; range: TimeRange }
  | { kind: 'closed-day'; weekday: Weekday }
  | { kind: 'outside-hours'; weekday: Weekday; time: string; ranges: TimeRange[] };

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

function describeClosureDates(closure: { from: string; to: string }): string {
  return closure.from === closure.to ? closure.from : `${closure.from} to ${closure.to}`;
}

/**
 * Which branch a business-hours node takes at `at`, and on what ground; public holidays are named in
 * `holidayLanguage`. Pure: same calendar and instant, same answer.
 */
export function explainCalendar(
  calendar: Calendar,
  at: Date,
  holidayLanguage = 'en',
): { branch: CalendarBranch; ground: CalendarGround } {
  const { override } = calendar;
  if (override) {
    return {
      branch: override.state,
      ground: { kind: 'override', state: override.state, reason: override.reason, setBy: override.setBy },
    };
  }
  const local = localTime(at, calendar.timeZone);

  const closure = calendar.closures.find((candidate) => candidate.from <= local.date && local.date <= candidate.to);
  if (closure) return { branch: 'holiday', ground: { kind: 'closure', ...closure } };

  if (calendar.holidays) {
    const { country, region } = calendar.holidays;
    const [holiday] = publicHolidaysAt(country, region ?? null, calendar.timeZone, at, local.year, holidayLanguage);
    if (holiday) return { branch: 'holiday', ground: { kind: 'public-holiday', name: holiday.name, country } };
  }

  const weekday = local.weekday;
  const ranges = calendar.weeklyHours[weekday];
  const range = ranges.find(
    (candidate) => minutesOf(candidate.from) <= local.minutes && local.minutes < minutesOf(candidate.to),
  );
  if (range) return { branch: 'open', ground: { kind: 'open', weekday, range } };
  return {
    branch: 'closed',
    ground:
      ranges.length === 0
        ? { kind: 'closed-day', weekday }
        : { kind: 'outside-hours', weekday, time: local.time, ranges },
  };
}

/** Which branch a business-hours node takes at `at`, and why, in English (call notes, the command line). */
export function evaluateCalendar(calendar: Calendar, at: Date): CalendarVerdict {
  const { branch, ground } = explainCalendar(calendar, at);
  return { branch, reason: englishReason(ground) };
}

function englishReason(ground: CalendarGround): string {
  switch (ground.kind) {
    case 'override':
      return `${ground.state}: ${ground.reason} (switched by ${ground.setBy})`;
    case 'closure':
      return `${ground.label} (closed ${describeClosureDates(ground)})`;
    case 'public-holiday':
      return `${ground.name} (public holiday in ${countryName(ground.country)})`;
    case 'open':
      return `open: ${WEEKDAY_NAMES[ground.weekday]} ${describeRange(ground.range)}`;
    case 'closed-day':
      return `outside opening hours: ${WEEKDAY_NAMES[ground.weekday]}`;
    case 'outside-hours':
      return `outside opening hours: ${WEEKDAY_NAMES[ground.weekday]} ${ground.time} (open ${describeDay(ground.ranges)})`;
  }
}

/** Parses a calendar's JSON, or throws an error whose message lists every problem. */
export function parseCalendar(input: unknown): Calendar {
  const parsed = calendarSchema.safeParse(input);
  if (!parsed.success) throw InvalidCalendarError.of(parsed.error);
  return parsed.data;
}

/** `problems` are English sentences; `issues` let a page word them again in its reader's language. */
export class InvalidCalendarError extends Error {
  override readonly name = 'InvalidCalendarError';
  constructor(
    readonly problems: string[],
    readonly issues: CalendarIssue[] = [],
  ) {
    super(`This calendar is not valid: ${problems.join('; ')}`);
  }

  static of(error: z.ZodError): InvalidCalendarError {
    return new InvalidCalendarError(describeCalendarErrors(error), calendarIssuesOf(error));
  }
}
