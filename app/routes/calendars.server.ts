// The calendars page's storage work (/calendars): the list with each calendar's state now and why, one calendar's
// settings as the forms show them, and every change (create, hours, closures, country and zone, the "closed now"
// switch, delete), each refusal sent back as a sentence. Also the editor's "what happens at time T" verdicts.
import { data, redirect } from 'react-router';
import {
  CalendarInUseError,
  CalendarNameTakenError,
  CalendarNotFoundError,
  createCalendar,
  deleteCalendar,
  draftsUsingCalendar,
  FeatureCodeTakenError,
  flowsUsingCalendar,
  getCalendar,
  listCalendars,
  setCalendarOverride,
  updateCalendar,
  type StoredCalendar,
} from '#db/calendars.ts';
import type { SwitchboardDb } from '#db/client.ts';
import {
  evaluateCalendar,
  InvalidCalendarError,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type CalendarInput,
  type Weekday,
} from '#flows/calendar/calendar.ts';
import { countryName, holidayRegions, publicHolidaysOfYear } from '#flows/calendar/holidays.ts';
import { formatDayHours, HoursTextError, parseDayHours } from '#flows/calendar/hours-text.ts';
import { processBusinessClock } from '#runtime/clock.ts';

/** What "now" is for the page: the real time, or SWITCHBOARD_TEST_CLOCK on a test installation (as calls see it). */
export function businessNow(): Date {
  return processBusinessClock()();
}

function describeHolidays(calendar: StoredCalendar): string {
  if (!calendar.holidays) return 'none';
  const { country, region } = calendar.holidays;
  const regionName = region ? holidayRegions(country)[region] : undefined;
  return `${countryName(country)} (${country}${region ? `, ${regionName ?? region}` : ''})`;
}

function summaryOf(calendar: StoredCalendar, now: Date) {
  const verdict = evaluateCalendar(calendar, now);
  return {
    id: calendar.id,
    name: calendar.name,
    timeZone: calendar.timeZone,
    holidays: describeHolidays(calendar),
    featureCode: calendar.featureCode,
    override: calendar.override,
    state: verdict.branch,
    reason: verdict.reason,
  };
}

export type CalendarSummary = ReturnType<typeof summaryOf>;

function detailOf(db: SwitchboardDb, calendar: StoredCalendar, now: Date) {
  const year = now.getUTCFullYear();
  return {
    ...summaryOf(calendar, now),
    country: calendar.holidays?.country ?? '',
    region: calendar.holidays?.region ?? '',
    days: WEEKDAYS.map((day) => ({ day, name: WEEKDAY_NAMES[day], hours: formatDayHours(calendar.weeklyHours[day]) })),
    closures: calendar.closures,
    featureCodeUsers: calendar.featureCodeUsers.join(', '),
    publicHolidays: calendar.holidays
      ? publicHolidaysOfYear(calendar.holidays.country, calendar.holidays.region ?? null, calendar.timeZone, year).map(
          (holiday) => ({ date: holiday.date, name: holiday.name }),
        )
      : [],
    usedBy: flowsUsingCalendar(db, calendar.id),
    draftsUsing: draftsUsingCalendar(db, calendar.id),
  };
}

export function loadCalendarsPage(db: SwitchboardDb, selectedId: string | null, now = businessNow()) {
  const calendars = listCalendars(db);
  const selected = selectedId ? calendars.find((calendar) => calendar.id === selectedId) : undefined;
  return {
    now: now.toISOString(),
    calendars: calendars.map((calendar) => summaryOf(calendar, now)),
    selected: selected ? detailOf(db, selected, now) : null,
  };
}

export type CalendarsActionResult = { ok: true; done: string; calendarId?: string } | { ok: false; error: string };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** The settings form: name, zone, country and region, feature code, and one "09:00-12:30, 13:30-18:00" per day. */
function settingsOf(form: FormData): Partial<CalendarInput> {
  const country = text(form, 'country').toUpperCase();
  const region = text(form, 'region').toUpperCase();
  const weeklyHours = {} as Record<Weekday, { from: string; to: string }[]>;
  for (const day of WEEKDAYS) {
    try {
      weeklyHours[day] = parseDayHours(text(form, `hours-${day}`));
    } catch (error) {
      if (error instanceof HoursTextError) throw new HoursTextError(`${WEEKDAY_NAMES[day]}: ${error.message}`);
      throw error;
    }
  }
  const featureCode = text(form, 'featureCode');
  return {
    name: text(form, 'name'),
    timeZone: text(form, 'timeZone') || 'Europe/Paris',
    holidays: country === '' || country === 'NONE' ? null : { country, ...(region ? { region } : {}) },
    weeklyHours,
    featureCode: featureCode === '' ? null : featureCode,
    featureCodeUsers: text(form, 'featureCodeUsers')
      .split(/[\s,]+/)
      .filter(Boolean),
  };
}

/** Does what the form asks for `author` (a staff user name): what the page says next. */
export function changeCalendars(db: SwitchboardDb, author: string, form: FormData, now = Date.now()) {
  const intent = text(form, 'intent');
  const calendarId = text(form, 'calendarId');
  const refuse = (status: number, error: string) => data<CalendarsActionResult>({ ok: false, error }, { status });
  const done = (message: string, id?: string) =>
    data<CalendarsActionResult>({ ok: true, done: message, ...(id ? { calendarId: id } : {}) });
  try {
    switch (intent) {
      case 'create': {
        const created = createCalendar(db, { name: text(form, 'name') }, now);
        return redirect(`/calendars?calendar=${encodeURIComponent(created.id)}&created=1`);
      }
      case 'save': {
        const saved = updateCalendar(db, calendarId, settingsOf(form), now);
        return done(`Calendar "${saved.name}" saved.`, saved.id);
      }
      case 'add-closure': {
        const current = requireCalendar(db, calendarId);
        const from = text(form, 'from');
        const closure = { from, to: text(form, 'to') || from, label: text(form, 'label') };
        const saved = updateCalendar(db, calendarId, { closures: [...current.closures, closure] }, now);
        return done(`Closure "${closure.label}" added to "${saved.name}".`, saved.id);
      }
      case 'remove-closure': {
        const current = requireCalendar(db, calendarId);
        const index = Number(text(form, 'index'));
        const removed = current.closures[index];
        if (!removed) return refuse(404, 'That closure is no longer there; reload the page.');
        const saved = updateCalendar(
          db,
          calendarId,
          { closures: current.closures.filter((_, position) => position !== index) },
          now,
        );
        return done(`Closure "${removed.label}" removed from "${saved.name}".`, saved.id);
      }
      case 'override': {
        const state = text(form, 'state') === 'open' ? 'open' : 'closed';
        const reason = text(form, 'reason');
        if (!reason) return refuse(400, 'Say why (for instance "weather" or "staff meeting"): colleagues will see it.');
        const saved = setCalendarOverride(db, calendarId, { state, reason, setAt: now, setBy: author }, now);
        return done(`"${saved.name}" is now ${state} until someone puts it back to normal: ${reason}.`, saved.id);
      }
      case 'clear-override': {
        const saved = setCalendarOverride(db, calendarId, null, now);
        return done(`"${saved.name}" is back to normal: its hours, holidays and closures apply again.`, saved.id);
      }
      case 'delete': {
        const current = requireCalendar(db, calendarId);
        deleteCalendar(db, calendarId);
        return done(`Calendar "${current.name}" deleted.`);
      }
      default:
        return refuse(400, `Unknown action "${intent}".`);
    }
  } catch (error) {
    if (error instanceof InvalidCalendarError) return refuse(400, error.problems.join(' '));
    if (error instanceof HoursTextError) return refuse(400, error.message);
    if (error instanceof CalendarNameTakenError || error instanceof FeatureCodeTakenError)
      return refuse(409, error.message);
    if (error instanceof CalendarInUseError) return refuse(409, error.message);
    if (error instanceof CalendarNotFoundError) return refuse(404, `${error.message}; it may have been deleted.`);
    throw error;
  }
}

function requireCalendar(db: SwitchboardDb, calendarId: string): StoredCalendar {
  const calendar = getCalendar(db, calendarId);
  if (!calendar) throw new CalendarNotFoundError(calendarId);
  return calendar;
}

/** Every calendar's branch and reason at `at` (the editor's "what happens at time T"). */
export function calendarVerdictsAt(db: SwitchboardDb, at: Date) {
  return Object.fromEntries(
    listCalendars(db).map((calendar) => {
      const verdict = evaluateCalendar(calendar, at);
      return [calendar.id, { name: calendar.name, branch: verdict.branch, reason: verdict.reason }];
    }),
  );
}
