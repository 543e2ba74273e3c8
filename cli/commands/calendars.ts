// `switchboard calendars <command>`: the shared calendars of business-hours nodes, as the /calendars page manages
// them (docs/call-centre.md, "Calendars and business hours"). Like `users`, it needs no sign-in: whoever can run it
// can read the database anyway. A calendar is named by its id (cal_...) or its name, in any case.
// Exit codes: 0 done, 1 refused (unknown calendar, invalid hours, in use...), 2 the command line is wrong.
import { parseOptions, UsageError, withDatabase } from '../command-kit.ts';
import { wantsHelp } from '../help.ts';

const usage = `usage: switchboard calendars <command> [options]
  list                                 every calendar: id, name, open/closed now and why, time zone, holidays
  show CALENDAR                        its weekly hours, closures, switch, feature code and this year's holidays
  create NAME [--time-zone Z] [--country CC|none] [--region R] [--feature-code DIGITS] [--allow USER,...]
                                       a new calendar (default Mon-Fri 09:00-12:30, 13:30-18:00, Europe/Paris, FR)
  set CALENDAR [--name N] [--time-zone Z] [--country CC|none] [--region R|none] [--feature-code DIGITS|none]
               [--allow USER,...]      change its settings
  set-hours CALENDAR DAY HOURS         DAY: monday..sunday, weekdays, weekend or all; HOURS: "09:00-12:30, 13:30-18:00"
                                       or closed (24:00 is midnight at the end of the day)
  add-closure CALENDAR FROM [TO] --label TEXT   closed FROM to TO (YYYY-MM-DD, inclusive; one day without TO)
  remove-closure CALENDAR FROM|NUMBER  remove the closure starting on FROM, or the NUMBERth shown by "show"
  override CALENDAR closed|open --reason TEXT [--by NAME]   switch it now, whatever its hours say
  clear-override CALENDAR              back to normal: its hours, holidays and closures apply again
  delete CALENDAR                      refused while a published flow uses it
Options: --db PATH (default: $SWITCHBOARD_DB or ./data/switchboard.db). "Now" is the real time, or
SWITCHBOARD_TEST_CLOCK on a test installation.`;

export interface CalendarsCommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** The instant "now" is; default the real time (or SWITCHBOARD_TEST_CLOCK where allowed). */
  now?: () => Date;
}

/** A refusal explained to the person; exit 1. */
class Refused extends Error {}

const dbOption = { db: { type: 'string' } } as const;
const settingOptions = {
  ...dbOption,
  'time-zone': { type: 'string' },
  country: { type: 'string' },
  region: { type: 'string' },
  'feature-code': { type: 'string' },
  allow: { type: 'string' },
} as const;

const processIo: CalendarsCommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

const DAY_GROUPS: Record<string, string[]> = {
  weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  weekend: ['saturday', 'sunday'],
  all: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
};

export async function runCalendarsCommand(args: string[], io: CalendarsCommandIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'help' || wantsHelp(args)) {
    io.out(usage);
    return 0;
  }
  const calendarModule = await import('#flows/calendar/calendar.ts');
  const db = await import('#db/calendars.ts');
  try {
    switch (command) {
      case 'list':
        return await list(rest, io);
      case 'show':
        return await show(rest, io);
      case 'create':
        return await create(rest, io);
      case 'set':
        return await set(rest, io);
      case 'set-hours':
        return await setHours(rest, io);
      case 'add-closure':
        return await addClosure(rest, io);
      case 'remove-closure':
        return await removeClosure(rest, io);
      case 'override':
        return await override(rest, io);
      case 'clear-override':
        return await clearOverride(rest, io);
      case 'delete':
        return await remove(rest, io);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`switchboard calendars: ${error.message}\n${usage}`);
      return 2;
    }
    if (error instanceof calendarModule.InvalidCalendarError) {
      io.err(`switchboard calendars: ${error.problems.join('; ')}`);
      return 1;
    }
    if (
      error instanceof Refused ||
      error instanceof db.CalendarInUseError ||
      error instanceof db.CalendarNameTakenError ||
      error instanceof db.FeatureCodeTakenError ||
      error instanceof db.CalendarNotFoundError
    ) {
      io.err(`switchboard calendars: ${error.message}`);
      return 1;
    }
    const { HoursTextError } = await import('#flows/calendar/hours-text.ts');
    if (error instanceof HoursTextError) {
      io.err(`switchboard calendars: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function nowOf(io: CalendarsCommandIo): Promise<Date> {
  if (io.now) return io.now();
  const { testClockFromEnv } = await import('#runtime/clock.ts');
  return testClockFromEnv(io.env)?.clock() ?? new Date();
}

async function requireCalendar(db: import('#db/client.ts').SwitchboardDb, wanted: string) {
  const { findCalendar } = await import('#db/calendars.ts');
  const calendar = findCalendar(db, wanted);
  if (!calendar) throw new Refused(`there is no calendar "${wanted}" (see "switchboard calendars list")`);
  return calendar;
}

function oneCalendar(positionals: string[], command: string, more = ''): string {
  if (positionals.length < 1) throw new UsageError(`${command} needs a CALENDAR (its id or name)${more}`);
  return positionals[0]!;
}

/** The settings options as a change; undefined fields are left as they are. */
function settingsChange(
  values: {
    'time-zone'?: string;
    country?: string;
    region?: string;
    'feature-code'?: string;
    allow?: string;
    name?: string;
  },
  current?: { holidays: { country: string; region?: string | undefined } | null },
) {
  const change: Record<string, unknown> = {};
  if (values.name !== undefined) change.name = values.name;
  if (values['time-zone'] !== undefined) change.timeZone = values['time-zone'];
  if (values.country !== undefined || values.region !== undefined) {
    const country = values.country ?? current?.holidays?.country;
    if (country === undefined || country.toLowerCase() === 'none') {
      if (values.region !== undefined && values.region.toLowerCase() !== 'none')
        throw new UsageError('--region needs a --country');
      change.holidays = null;
    } else {
      const region =
        values.region === undefined
          ? values.country !== undefined
            ? undefined
            : current?.holidays?.region
          : values.region.toLowerCase() === 'none'
            ? undefined
            : values.region;
      change.holidays = { country, ...(region ? { region } : {}) };
    }
  }
  if (values['feature-code'] !== undefined)
    change.featureCode = values['feature-code'].toLowerCase() === 'none' ? null : values['feature-code'];
  if (values.allow !== undefined) change.featureCodeUsers = values.allow.split(/[\s,]+/).filter(Boolean);
  return change;
}

async function list(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length > 0) throw new UsageError('list takes no arguments');
  const { listCalendars } = await import('#db/calendars.ts');
  const { evaluateCalendar } = await import('#flows/calendar/calendar.ts');
  const now = await nowOf(io);
  return withDatabase(values.db, io.env, (db) => {
    const calendars = listCalendars(db);
    if (calendars.length === 0) {
      io.out('No calendars yet: create one with "switchboard calendars create NAME".');
      return 0;
    }
    io.out(['id', 'name', 'now', 'why', 'time zone', 'holidays', 'feature code'].join('\t'));
    for (const calendar of calendars) {
      const verdict = evaluateCalendar(calendar, now);
      io.out(
        [
          calendar.id,
          calendar.name,
          verdict.branch,
          verdict.reason,
          calendar.timeZone,
          calendar.holidays
            ? `${calendar.holidays.country}${calendar.holidays.region ? `/${calendar.holidays.region}` : ''}`
            : 'none',
          calendar.featureCode ? `*48${calendar.featureCode}` : '-',
        ].join('\t'),
      );
    }
    return 0;
  });
}

async function show(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  const wanted = oneCalendar(positionals, 'show');
  const { evaluateCalendar, WEEKDAYS, WEEKDAY_NAMES } = await import('#flows/calendar/calendar.ts');
  const { formatDayHours } = await import('#flows/calendar/hours-text.ts');
  const { publicHolidaysOfYear, countryName } = await import('#flows/calendar/holidays.ts');
  const { flowsUsingCalendar } = await import('#db/calendars.ts');
  const now = await nowOf(io);
  return withDatabase(values.db, io.env, async (db) => {
    const calendar = await requireCalendar(db, wanted);
    const verdict = evaluateCalendar(calendar, now);
    io.out(`${calendar.name} (${calendar.id})`);
    io.out(`Now: ${verdict.branch} (${verdict.reason})`);
    io.out(`Time zone: ${calendar.timeZone}`);
    io.out(
      `Public holidays: ${
        calendar.holidays
          ? `${countryName(calendar.holidays.country)} (${calendar.holidays.country}${calendar.holidays.region ? `, region ${calendar.holidays.region}` : ''})`
          : 'none'
      }`,
    );
    io.out('Weekly hours:');
    for (const day of WEEKDAYS)
      io.out(`  ${WEEKDAY_NAMES[day].padEnd(10)} ${formatDayHours(calendar.weeklyHours[day])}`);
    io.out(calendar.closures.length === 0 ? 'Closures: none' : 'Closures:');
    calendar.closures.forEach((closure, index) =>
      io.out(
        `  ${index + 1}. ${closure.from === closure.to ? closure.from : `${closure.from} to ${closure.to}`}: ${closure.label}`,
      ),
    );
    io.out(
      `Switch: ${
        calendar.override
          ? `${calendar.override.state} now: ${calendar.override.reason} (switched by ${calendar.override.setBy}, ${new Date(calendar.override.setAt).toISOString()})`
          : 'normal'
      }`,
    );
    io.out(
      `Feature code: ${calendar.featureCode ? `*48${calendar.featureCode} (allowed: ${calendar.featureCodeUsers.join(', ') || 'nobody'})` : 'none'}`,
    );
    if (calendar.holidays) {
      const year = now.getUTCFullYear();
      const holidays = publicHolidaysOfYear(
        calendar.holidays.country,
        calendar.holidays.region ?? null,
        calendar.timeZone,
        year,
      );
      io.out(`Public holidays in ${year}: ${holidays.map((holiday) => `${holiday.date} ${holiday.name}`).join('; ')}`);
    }
    const users = flowsUsingCalendar(db, calendar.id);
    io.out(`Used by published flows: ${users.length > 0 ? users.join(', ') : 'none'}`);
    return 0;
  });
}

async function create(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, settingOptions);
  if (positionals.length !== 1) throw new UsageError('create needs one NAME, in quotes if it has spaces');
  const { createCalendar } = await import('#db/calendars.ts');
  return withDatabase(values.db, io.env, (db) => {
    const created = createCalendar(db, { name: positionals[0]!, ...settingsChange(values) });
    io.out(`Created calendar "${created.name}" (${created.id}).`);
    return 0;
  });
}

async function set(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...settingOptions, name: { type: 'string' } });
  const wanted = oneCalendar(positionals, 'set');
  const { updateCalendar } = await import('#db/calendars.ts');
  return withDatabase(values.db, io.env, async (db) => {
    const calendar = await requireCalendar(db, wanted);
    const change = settingsChange(values, calendar);
    if (Object.keys(change).length === 0) throw new UsageError('set needs at least one option to change');
    const saved = updateCalendar(db, calendar.id, change);
    io.out(`Saved calendar "${saved.name}" (${saved.id}).`);
    return 0;
  });
}

async function setHours(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length !== 3)
    throw new UsageError(
      'set-hours needs CALENDAR DAY HOURS, e.g. set-hours Accueil monday "09:00-12:30, 13:30-18:00"',
    );
  const [wanted, dayText, hoursText] = positionals as [string, string, string];
  const { WEEKDAYS } = await import('#flows/calendar/calendar.ts');
  const { parseDayHours, formatDayHours } = await import('#flows/calendar/hours-text.ts');
  const day = dayText.toLowerCase();
  const days = DAY_GROUPS[day] ?? ((WEEKDAYS as readonly string[]).includes(day) ? [day] : null);
  if (!days) throw new UsageError(`DAY is monday..sunday, weekdays, weekend or all, not "${dayText}"`);
  const ranges = parseDayHours(hoursText);
  const { updateCalendar } = await import('#db/calendars.ts');
  return withDatabase(values.db, io.env, async (db) => {
    const calendar = await requireCalendar(db, wanted);
    const weeklyHours = { ...calendar.weeklyHours, ...Object.fromEntries(days.map((name) => [name, ranges])) };
    const saved = updateCalendar(db, calendar.id, { weeklyHours });
    io.out(`"${saved.name}": ${days.join(', ')} ${formatDayHours(ranges)}.`);
    return 0;
  });
}

async function addClosure(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, label: { type: 'string' } });
  if (positionals.length < 2 || positionals.length > 3)
    throw new UsageError(
      'add-closure needs CALENDAR FROM [TO] --label TEXT, e.g. add-closure Accueil 2026-12-24 2026-12-26 --label "Christmas"',
    );
  if (!values.label) throw new UsageError('add-closure needs --label: why it is closed');
  const [wanted, from, to] = positionals as [string, string, string | undefined];
  const { updateCalendar } = await import('#db/calendars.ts');
  return withDatabase(values.db, io.env, async (db) => {
    const calendar = await requireCalendar(db, wanted);
    const closure = { from, to: to ?? from, label: values.label! };
    const saved = updateCalendar(db, calendar.id, { closures: [...calendar.closures, closure] });
    io.out(
      `"${saved.name}": closed ${closure.from === closure.to ? closure.from : `${closure.from} to ${closure.to}`} (${closure.label}).`,
    );
    return 0;
  });
}

async function removeClosure(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length !== 2) throw new UsageError('remove-closure needs CALENDAR and FROM (YYYY-MM-DD) or NUMBER');
  const [wanted, which] = positionals as [string, string];
  const { updateCalendar } = await import('#db/calendars.ts');
  return withDatabase(values.db, io.env, async (db) => {
    const calendar = await requireCalendar(db, wanted);
    const index = /^\d{1,3}$/.test(which)
      ? Number(which) - 1
      : calendar.closures.findIndex((closure) => closure.from === which);
    const removed = calendar.closures[index];
    if (!removed) throw new Refused(`"${calendar.name}" has no closure ${which} (see "switchboard calendars show")`);
    updateCalendar(db, calendar.id, { closures: calendar.closures.filter((_, position) => position !== index) });
    io.out(`"${calendar.name}": closure ${removed.from} (${removed.label}) removed.`);
    return 0;
  });
}

async function override(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    ...dbOption,
    reason: { type: 'string' },
    by: { type: 'string' },
  });
  if (positionals.length !== 2 || !['closed', 'open'].includes(positionals[1]!))
    throw new UsageError('override needs CALENDAR and closed or open, e.g. override Accueil closed --reason weather');
  if (!values.reason?.trim()) throw new UsageError('override needs --reason: colleagues see why it was switched');
  const [wanted, state] = positionals as [string, 'closed' | 'open'];
  const { setCalendarOverride } = await import('#db/calendars.ts');
  return withDatabase(values.db, io.env, async (db) => {
    const calendar = await requireCalendar(db, wanted);
    const saved = setCalendarOverride(db, calendar.id, {
      state,
      reason: values.reason!.trim(),
      setAt: Date.now(),
      setBy: values.by?.trim() || 'cli',
    });
    io.out(`"${saved.name}" is now ${state} until "clear-override": ${values.reason!.trim()}.`);
    return 0;
  });
}

async function clearOverride(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  const wanted = oneCalendar(positionals, 'clear-override');
  const { setCalendarOverride } = await import('#db/calendars.ts');
  return withDatabase(values.db, io.env, async (db) => {
    const calendar = await requireCalendar(db, wanted);
    setCalendarOverride(db, calendar.id, null);
    io.out(`"${calendar.name}" is back to normal: its hours, holidays and closures apply again.`);
    return 0;
  });
}

async function remove(args: string[], io: CalendarsCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  const wanted = oneCalendar(positionals, 'delete');
  const { deleteCalendar } = await import('#db/calendars.ts');
  return withDatabase(values.db, io.env, async (db) => {
    const calendar = await requireCalendar(db, wanted);
    deleteCalendar(db, calendar.id);
    io.out(`Deleted calendar "${calendar.name}" (${calendar.id}).`);
    return 0;
  });
}
