import type { CalendarGround, CalendarIssue, TimeRange } from '#flows/calendar/calendar.ts';
import { calendarIssueMessage, describeRange, WEEKDAYS, type Weekday } from '#flows/calendar/calendar.ts';
import { countryName, holidayRegions } from '#flows/calendar/holidays.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import type { Translate } from '#i18n/translator.ts';
import { dayText } from './day-text.ts';

// The calendars page's sentences built from facts (a verdict's ground, a schema problem, a holiday source), in the
// reader's language. The flows layer keeps its English sentences for call notes and the command line.

const isWeekday = (value: unknown): value is Weekday => WEEKDAYS.includes(value as Weekday);

function rangesText(ranges: readonly TimeRange[]): string {
  return ranges.map(describeRange).join(', ');
}

/** Why a calendar is open, closed or a holiday: "ouvert : lundi 09:00–12:30". */
export function groundText(t: Translate, language: UiLanguage, ground: CalendarGround): string {
  const day = (weekday: Weekday) => t(`calendars:weekdaysInSentence.${weekday}`);
  switch (ground.kind) {
    case 'override':
      return ground.state === 'closed'
        ? t('calendars:verdict.overrideClosed', { reason: ground.reason, setBy: ground.setBy })
        : t('calendars:verdict.overrideOpen', { reason: ground.reason, setBy: ground.setBy });
    case 'closure':
      return ground.from === ground.to
        ? t('calendars:verdict.closureOneDay', { label: ground.label, date: dayText(language, ground.from) })
        : t('calendars:verdict.closureDays', {
            label: ground.label,
            from: dayText(language, ground.from),
            to: dayText(language, ground.to),
          });
    case 'public-holiday':
      return t('calendars:verdict.publicHoliday', {
        name: ground.name,
        country: countryName(ground.country, language),
      });
    case 'open':
      return t('calendars:verdict.open', { day: day(ground.weekday), range: describeRange(ground.range) });
    case 'closed-day':
      return t('calendars:verdict.closedDay', { day: day(ground.weekday) });
    case 'outside-hours':
      return t('calendars:verdict.outsideHours', {
        day: day(ground.weekday),
        time: ground.time,
        ranges: rangesText(ground.ranges),
      });
  }
}

/** "France (FR, Département Moselle)", or "none". */
export function holidaySourceText(
  t: Translate,
  language: UiLanguage,
  holidays: { country: string; region?: string | undefined } | null,
): string {
  if (!holidays) return t('calendars:noHolidays');
  const { country, region } = holidays;
  const name = countryName(country, language);
  if (!region) return t('calendars:holidaysOf', { country: name, code: country });
  return t('calendars:holidaysOfRegion', {
    country: name,
    code: country,
    region: holidayRegions(country, language)[region] ?? region,
  });
}

/** Where a problem is, for people: "Samedi, plage 2", "Fermeture 1", "Fuseau horaire"; null for the whole. */
function placeText(t: Translate, path: readonly (string | number)[]): string | null {
  const [first, second, third] = path;
  switch (first) {
    case undefined:
      return null;
    case 'name':
    case 'timeZone':
    case 'featureCode':
    case 'featureCodeUsers':
    case 'override':
      return t(`calendars:errors.places.${first}`);
    case 'holidays':
      return second === 'region' ? t('calendars:errors.places.region') : t('calendars:errors.places.country');
    case 'weeklyHours': {
      if (!isWeekday(second)) break;
      const day = t(`calendars:weekdays.${second}`);
      return typeof third === 'number'
        ? t('calendars:errors.places.range', { day, number: third + 1 })
        : t('calendars:errors.places.day', { day });
    }
    case 'closures':
      if (typeof second === 'number') return t('calendars:errors.places.closure', { number: second + 1 });
      break;
  }
  return path.map(String).join('.');
}

/** One problem of a refused calendar: "Samedi, plage 2 : 11:00–13:00 chevauche 10:00–12:00". */
export function issueText(t: Translate, language: UiLanguage, issue: CalendarIssue): string {
  const params =
    typeof issue.params.country === 'string'
      ? { ...issue.params, countryName: countryName(issue.params.country, language) }
      : issue.params;
  const message = calendarIssueMessage(t, { ...issue, params });
  const where = placeText(t, issue.path);
  return where === null ? message : t('calendars:errors.where', { where, message });
}
