import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

// The one door to the `date-holidays` package (docs/decisions/013-calendars-and-public-holidays.md): which countries
// and regions it knows, and the public holidays at an instant. Server-side only: the browser bundle never imports
// flows/calendar/ (the data is large, and its licence asks us to keep it a separate package).

export interface PublicHoliday {
  /** Its name in the language asked for (English unless told): "Christmas Day", "Noël". */
  name: string;
  /** Local date in the calendar's time zone, YYYY-MM-DD. */
  date: string;
  start: Date;
  end: Date;
}

// Loaded on first use, not at import: its data for every country costs the call process ~20 MB of memory, and most
// installations never evaluate a holiday (docs/decisions/023-runtime-efficiency.md).
let HolidaysClass: typeof Holidays | undefined;
let holidaysCatalogue: Holidays | undefined;
function holidaysClass(): typeof Holidays {
  HolidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays;
  return HolidaysClass;
}
function catalogue(): Holidays {
  holidaysCatalogue ??= new (holidaysClass())();
  return holidaysCatalogue;
}
let countries: Record<string, string> | null = null;

/** Country code -> English name, for every country the package knows. */
export function holidayCountries(): Readonly<Record<string, string>> {
  countries ??= catalogue().getCountries('en');
  return countries;
}

/** Region code -> name (as the package writes it, in `language` where it knows one) for a country; empty when none. */
export function holidayRegions(country: string, language = 'en'): Readonly<Record<string, string>> {
  if (!Object.hasOwn(holidayCountries(), country)) return {};
  return catalogue().getStates(country, language) ?? {};
}

export function isKnownCountry(country: string): boolean {
  return Object.hasOwn(holidayCountries(), country);
}

export function isKnownRegion(country: string, region: string): boolean {
  return Object.hasOwn(holidayRegions(country), region);
}

// One Holidays object per country, region and time zone, and one list per year and language: getHolidays is not
// cheap. The package names holidays in the language asked for when it has that name, else in the country's own.
const byPlace = new Map<string, { holidays: Holidays; years: Map<string, PublicHoliday[]> }>();
const MAX_PLACES = 64;

function holidaysOf(
  country: string,
  region: string | null,
  timeZone: string,
  year: number,
  language: string,
): PublicHoliday[] {
  const key = `${country}\u0000${region ?? ''}\u0000${timeZone}`;
  let place = byPlace.get(key);
  if (!place) {
    const options = { languages: 'en', types: ['public' as const], timezone: timeZone };
    const Holidays = holidaysClass();
    const holidays = region ? new Holidays(country, region, options) : new Holidays(country, options);
    place = { holidays, years: new Map() };
    if (byPlace.size >= MAX_PLACES) byPlace.clear();
    byPlace.set(key, place);
  }
  let list = place.years.get(`${year}\u0000${language}`);
  if (!list) {
    list = place.holidays
      .getHolidays(year, language)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => ({
        name: holiday.name,
        date: holiday.date.slice(0, 10),
        start: holiday.start,
        end: holiday.end,
      }));
    place.years.set(`${year}\u0000${language}`, list);
  }
  return list;
}

/**
 * The public holiday(s) of the country (and region) at `at`, read in `timeZone`; `localYear` is the year of the
 * local date (a holiday may start the evening before in UTC). Empty when it is an ordinary day.
 */
export function publicHolidaysAt(
  country: string,
  region: string | null,
  timeZone: string,
  at: Date,
  localYear: number,
  language = 'en',
): PublicHoliday[] {
  const time = at.getTime();
  return [localYear - 1, localYear, localYear + 1]
    .flatMap((year) => holidaysOf(country, region, timeZone, year, language))
    .filter((holiday) => holiday.start.getTime() <= time && time < holiday.end.getTime());
}

/** Every public holiday of a year, for the calendars page and `calendars show`. */
export function publicHolidaysOfYear(
  country: string,
  region: string | null,
  timeZone: string,
  year: number,
  language = 'en',
) {
  return holidaysOf(country, region, timeZone, year, language);
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** "France" (or "Allemagne" in French), or the code itself when Intl does not know it. */
export function countryName(country: string, language = 'en'): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region' });
    regionNames.set(language, names);
  }
  try {
    return names.of(country) ?? holidayCountries()[country] ?? country;
  } catch {
    return holidayCountries()[country] ?? country;
  }
}
