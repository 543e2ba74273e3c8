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
  explainCalendar,
  InvalidCalendarError,
  WEEKDAYS,
  type CalendarInput,
  type Weekday,
} from '#flows/calendar/calendar.ts';
import { publicHolidaysOfYear } from '#flows/calendar/holidays.ts';
import { formatDayHours, HoursTextError, parseDayHours } from '#flows/calendar/hours-text.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import { processBusinessClock } from '#runtime/clock.ts';
import { groundText, holidaySourceText, issueText } from '#app/calendars/calendar-text.server.ts';

/** What "now" is for the page: the real time, or SWITCHBOARD_TEST_CLOCK on a test installation (as calls see it). */
export function businessNow(): Date {
  return processBusinessClock()();
}

/** A calendar's branch at `now` and why, in the reader's language (holiday names included). */
function verdictOf(calendar: StoredCalendar, now: Date, language: UiLanguage) {
  const { branch, ground } = explainCalendar(calendar, now, language);
  return { branch, reason: groundText(translatorFor(language), language, ground) };
}

function summaryOf(calendar: StoredCalendar, now: Date, language: UiLanguage) {
  const verdict = verdictOf(calendar, now, language);
  return {
    id: calendar.id,
    name: calendar.name,
    timeZone: calendar.timeZone,
    holidays: holidaySourceText(translatorFor(language), language, calendar.holidays),
    featureCode: calendar.featureCode,
    override: calendar.override,
    state: verdict.branch,
    reason: verdict.reason,
  };
}

export type CalendarSummary = ReturnType<typeof summaryOf>;

function detailOf(db: SwitchboardDb, calendar: StoredCalendar, now: Date, language: UiLanguage) {
  const year = now.getUTCFullYear();
  const closedWord = translatorFor(language)('calendars:settings.closedWord');
  const holidays = calendar.holidays;
  return {
    ...summaryOf(calendar, now, language),
    country: holidays?.country ?? '',
    region: holidays?.region ?? '',
    days: WEEKDAYS.map((day) => ({ day, hours: formatDayHours(calendar.weeklyHours[day], closedWord) })),
    closures: calendar.closures,
    featureCodeUsers: calendar.featureCodeUsers.join(', '),
    publicHolidays: holidays
      ? publicHolidaysOfYear(holidays.country, holidays.region ?? null, calendar.timeZone, year, language).map(
          (holiday) => ({ date: holiday.date, name: holiday.name }),
        )
      : [],
    usedBy: flowsUsingCalendar(db, calendar.id),
    draftsUsing: draftsUsingCalendar(db, calendar.id),
  };
}

export function loadCalendarsPage(
  db: SwitchboardDb,
  selectedId: string | null,
  language: UiLanguage,
  now = businessNow(),
) {
  const calendars = listCalendars(db);
  const selected = selectedId ? calendars.find((calendar) => calendar.id === selectedId) : undefined;
  return {
    now: now.toISOString(),
    calendars: calendars.map((calendar) => summaryOf(calendar, now, language)),
    selected: selected ? detailOf(db, selected, now, language) : null,
  };
}

export type CalendarsActionResult = { ok: true; done: string; calendarId?: string } | { ok: false; error: string };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** A day's text that is not ranges, and which day: the page says so in its reader's language. */
class DayHoursError extends Error {
  constructor(
    readonly day: Weekday,
    readonly part: string,
  ) {
    super(`${day}: "${part}" is not a range`);
  }
}

/** The settings form: name, zone, country and region, feature code, and one "09:00-12:30, 13:30-18:00" per day. */
function settingsOf(form: FormData): Partial<CalendarInput> {
  const country = text(form, 'country').toUpperCase();
  const region = text(form, 'region').toUpperCase();
  const weeklyHours = {} as Record<Weekday, { from: string; to: string }[]>;
  for (const day of WEEKDAYS) {
    try {
      weeklyHours[day] = parseDayHours(text(form, `hours-${day}`));
    } catch (error) {
      if (error instanceof HoursTextError) throw new DayHoursError(day, error.part);
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

/** Does what the form asks for `author` (a staff user name): what the page says next, in `language`. */
export function changeCalendars(
  db: SwitchboardDb,
  author: string,
  form: FormData,
  language: UiLanguage,
  now = Date.now(),
) {
  const t = translatorFor(language);
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
        return done(t('calendars:done.saved', { name: saved.name }), saved.id);
      }
      case 'add-closure': {
        const current = requireCalendar(db, calendarId);
        const from = text(form, 'from');
        const closure = { from, to: text(form, 'to') || from, label: text(form, 'label') };
        const saved = updateCalendar(db, calendarId, { closures: [...current.closures, closure] }, now);
        return done(t('calendars:done.closureAdded', { label: closure.label, name: saved.name }), saved.id);
      }
      case 'remove-closure': {
        const current = requireCalendar(db, calendarId);
        const index = Number(text(form, 'index'));
        const removed = current.closures[index];
        if (!removed) return refuse(404, t('calendars:errors.closureGone'));
        const saved = updateCalendar(
          db,
          calendarId,
          { closures: current.closures.filter((_, position) => position !== index) },
          now,
        );
        return done(t('calendars:done.closureRemoved', { label: removed.label, name: saved.name }), saved.id);
      }
      case 'override': {
        const state = text(form, 'state') === 'open' ? 'open' : 'closed';
        const reason = text(form, 'reason');
        if (!reason) return refuse(400, t('calendars:errors.sayWhy'));
        const saved = setCalendarOverride(db, calendarId, { state, reason, setAt: now, setBy: author }, now);
        return done(
          state === 'closed'
            ? t('calendars:done.nowClosed', { name: saved.name, reason })
            : t('calendars:done.nowOpen', { name: saved.name, reason }),
          saved.id,
        );
      }
      case 'clear-override': {
        const saved = setCalendarOverride(db, calendarId, null, now);
        return done(t('calendars:done.backToNormal', { name: saved.name }), saved.id);
      }
      case 'delete': {
        const current = requireCalendar(db, calendarId);
        deleteCalendar(db, calendarId);
        return done(t('calendars:done.deleted', { name: current.name }));
      }
      default:
        return refuse(400, t('calendars:errors.unknownAction', { intent }));
    }
  } catch (error) {
    const refusal = refusalOf(t, language, error);
    if (refusal === null) throw error;
    return refuse(refusal.status, refusal.error);
  }
}

/** The status and sentence of an expected refusal, or null for an error nobody expected. */
function refusalOf(t: Translate, language: UiLanguage, error: unknown): { status: number; error: string } | null {
  if (error instanceof InvalidCalendarError) {
    const sentences = error.issues.length > 0 ? error.issues.map((issue) => issueText(t, language, issue)) : null;
    return { status: 400, error: (sentences ?? error.problems).join(' ') };
  }
  if (error instanceof DayHoursError) {
    return {
      status: 400,
      error: t('calendars:errors.hoursShape', { day: t(`calendars:weekdays.${error.day}`), part: error.part }),
    };
  }
  if (error instanceof CalendarNameTakenError)
    return { status: 409, error: t('calendars:errors.nameTaken', { name: error.calendarName }) };
  if (error instanceof FeatureCodeTakenError) {
    return {
      status: 409,
      error: t('calendars:errors.featureCodeTaken', { code: error.featureCode, holder: error.holder }),
    };
  }
  if (error instanceof CalendarInUseError) {
    const flows = error.flowNames.map((name) => t('calendars:errors.flowName', { name })).join(', ');
    return {
      status: 409,
      error: t('calendars:errors.inUse', { name: error.calendarName, flows, count: error.flowNames.length }),
    };
  }
  if (error instanceof CalendarNotFoundError)
    return { status: 404, error: t('calendars:errors.notFound', { calendar: error.calendar }) };
  return null;
}

function requireCalendar(db: SwitchboardDb, calendarId: string): StoredCalendar {
  const calendar = getCalendar(db, calendarId);
  if (!calendar) throw new CalendarNotFoundError(calendarId);
  return calendar;
}

/** Every calendar's branch and reason at `at` (the editor's "what happens at time T"), in `language`. */
export function calendarVerdictsAt(db: SwitchboardDb, at: Date, language: UiLanguage) {
  return Object.fromEntries(
    listCalendars(db).map((calendar) => {
      const verdict = verdictOf(calendar, at, language);
      return [calendar.id, { name: calendar.name, branch: verdict.branch, reason: verdict.reason }];
    }),
  );
}
