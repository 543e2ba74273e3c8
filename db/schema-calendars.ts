import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CalendarOverride, Closure, HolidaySource, WeeklyHours } from '#flows/calendar/calendar.ts';

// Calendars (issue 12): shared opening hours that business-hours nodes point at by id
// (docs/decisions/013-calendars-and-public-holidays.md). Each JSON column holds one field of the calendar as
// flows/calendar/calendar.ts parses it; db/calendars.ts parses the row again when reading, so a row written by an
// older version gets the defaults of today's schema. Same conventions as schema.ts.

export const calendars = sqliteTable(
  'calendars',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** IANA zone, e.g. Europe/Paris. */
    timeZone: text('time_zone').notNull().default('Europe/Paris'),
    /** {country, region?} whose public holidays close the office; null: none. */
    holidays: text('holidays', { mode: 'json' }).$type<HolidaySource | null>(),
    weeklyHours: text('weekly_hours', { mode: 'json' }).$type<WeeklyHours>().notNull(),
    closures: text('closures', { mode: 'json' })
      .$type<Closure[]>()
      .notNull()
      .default(sql`'[]'`),
    /** The "closed now / open now" switch; null: the calendar's rules apply. */
    override: text('override', { mode: 'json' }).$type<CalendarOverride | null>(),
    /** Digits after *48 that flip the switch from a phone; null: no feature code. */
    featureCode: text('feature_code'),
    /** Directory user names allowed to flip the switch by feature code (JSON array). */
    featureCodeUsers: text('feature_code_users', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [
    // Names are unique whatever their case: "Accueil" and "accueil" would be the same calendar to a person.
    uniqueIndex('calendars_name_unique').on(sql`lower(${table.name})`),
    uniqueIndex('calendars_feature_code_unique').on(table.featureCode),
  ],
);
