import { eq, isNull, sql } from 'drizzle-orm';
import {
  calendarSchema,
  describeCalendarErrors,
  InvalidCalendarError,
  type Calendar,
  type CalendarInput,
  type CalendarOverride,
} from '#flows/calendar/calendar.ts';
import type { CalendarSwitches } from '#runtime/feature-codes/calendar-override.ts';
import type { CalendarDirectory } from '#runtime/ports.ts';
import type { SwitchboardDb } from './client.ts';
import { newId } from './ids.ts';
import { calendars, flows } from './schema.ts';

// Calendars as stored (db/schema-calendars.ts): the web page /calendars, `switchboard calendars`, the runtime's
// CalendarDirectory and the *48 feature code read and write them here. Every write goes through calendarSchema, so
// a row always holds a valid calendar; reading parses it again to fill defaults added since.

export interface StoredCalendar extends Calendar {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export class CalendarNotFoundError extends Error {
  override readonly name = 'CalendarNotFoundError';
  constructor(readonly calendar: string) {
    super(`There is no calendar "${calendar}"`);
  }
}

export class CalendarNameTakenError extends Error {
  override readonly name = 'CalendarNameTakenError';
  constructor(readonly calendarName: string) {
    super(`A calendar is already named "${calendarName}"; choose another name`);
  }
}

export class FeatureCodeTakenError extends Error {
  override readonly name = 'FeatureCodeTakenError';
  constructor(
    readonly featureCode: string,
    readonly holder: string,
  ) {
    super(`The feature code *48${featureCode} already flips the calendar "${holder}"; choose other digits`);
  }
}

/** Deleting a calendar that published flows still point at: their calls would have no hours. */
export class CalendarInUseError extends Error {
  override readonly name = 'CalendarInUseError';
  constructor(
    readonly calendarName: string,
    readonly flowNames: string[],
  ) {
    super(
      `The calendar "${calendarName}" cannot be deleted: the published flow${flowNames.length === 1 ? '' : 's'} ` +
        `${flowNames.map((name) => `"${name}"`).join(', ')} ${flowNames.length === 1 ? 'uses' : 'use'} it. ` +
        'Point their business-hours nodes at another calendar and publish them first.',
    );
  }
}

/** A stored row that today's schema refuses (a country dropped from the holiday data...). */
export class StoredCalendarUnreadableError extends Error {
  override readonly name = 'StoredCalendarUnreadableError';
  constructor(
    readonly calendarId: string,
    problems: string[],
  ) {
    super(`The stored calendar ${calendarId} no longer reads as a valid calendar: ${problems.join('; ')}`);
  }
}

type Row = typeof calendars.$inferSelect;

function fromRow(row: Row): StoredCalendar {
  const parsed = calendarSchema.safeParse({
    name: row.name,
    timeZone: row.timeZone,
    holidays: row.holidays,
    weeklyHours: row.weeklyHours,
    closures: row.closures,
    override: row.override,
    featureCode: row.featureCode,
    featureCodeUsers: row.featureCodeUsers,
  });
  if (!parsed.success) throw new StoredCalendarUnreadableError(row.id, describeCalendarErrors(parsed.error));
  return { id: row.id, ...parsed.data, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function toColumns(calendar: Calendar) {
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    holidays: calendar.holidays,
    weeklyHours: calendar.weeklyHours,
    closures: calendar.closures,
    override: calendar.override,
    featureCode: calendar.featureCode,
    featureCodeUsers: calendar.featureCodeUsers,
  };
}

function parse(input: unknown): Calendar {
  const parsed = calendarSchema.safeParse(input);
  if (!parsed.success) throw InvalidCalendarError.of(parsed.error);
  return parsed.data;
}

export function listCalendars(db: SwitchboardDb): StoredCalendar[] {
  return db.orm
    .select()
    .from(calendars)
    .orderBy(sql`lower(${calendars.name})`)
    .all()
    .map(fromRow);
}

export function getCalendar(db: SwitchboardDb, calendarId: string): StoredCalendar | null {
  const row = db.orm.select().from(calendars).where(eq(calendars.id, calendarId)).get();
  return row ? fromRow(row) : null;
}

/** By id, else by name (any case): what people type on the command line. */
export function findCalendar(db: SwitchboardDb, idOrName: string): StoredCalendar | null {
  const byId = getCalendar(db, idOrName);
  if (byId) return byId;
  const row = db.orm
    .select()
    .from(calendars)
    .where(sql`lower(${calendars.name}) = lower(${idOrName.trim()})`)
    .get();
  return row ? fromRow(row) : null;
}

/** Id -> name of every calendar: flow validation reports nodes pointing at a calendar that is not there. */
export function calendarNames(db: SwitchboardDb): Map<string, string> {
  return new Map(
    db.orm
      .select({ id: calendars.id, name: calendars.name })
      .from(calendars)
      .all()
      .map((row) => [row.id, row.name]),
  );
}

export function calendarByFeatureCode(db: SwitchboardDb, digits: string): StoredCalendar | null {
  const row = db.orm.select().from(calendars).where(eq(calendars.featureCode, digits)).get();
  return row ? fromRow(row) : null;
}

function assertFree(db: SwitchboardDb, calendar: Calendar, exceptId?: string): void {
  const sameName = db.orm
    .select({ id: calendars.id })
    .from(calendars)
    .where(sql`lower(${calendars.name}) = lower(${calendar.name})`)
    .get();
  if (sameName && sameName.id !== exceptId) throw new CalendarNameTakenError(calendar.name);
  if (calendar.featureCode !== null) {
    const holder = db.orm
      .select({ id: calendars.id, name: calendars.name })
      .from(calendars)
      .where(eq(calendars.featureCode, calendar.featureCode))
      .get();
    if (holder && holder.id !== exceptId) throw new FeatureCodeTakenError(calendar.featureCode, holder.name);
  }
}

/** A UNIQUE failure that slipped between the check and the write (another process) still gets the clear error. */
function rethrowConflict(error: unknown, calendar: Calendar): never {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('calendars.feature_code') && calendar.featureCode !== null) {
    throw new FeatureCodeTakenError(calendar.featureCode, '(another calendar)');
  }
  if (message.includes('UNIQUE constraint failed')) throw new CalendarNameTakenError(calendar.name);
  throw error;
}

/** `id` is given only by the seed, whose example flow names its calendar (flows/examples/call-centre-6010.json). */
export function createCalendar(
  db: SwitchboardDb,
  input: CalendarInput,
  now = Date.now(),
  id: string = newId('cal'),
): StoredCalendar {
  const calendar = parse(input);
  try {
    db.orm.transaction(
      (tx) => {
        assertFree(db, calendar);
        tx.insert(calendars)
          .values({ id, ...toColumns(calendar), createdAt: now, updatedAt: now })
          .run();
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    if (error instanceof CalendarNameTakenError || error instanceof FeatureCodeTakenError) throw error;
    rethrowConflict(error, calendar);
  }
  return getCalendar(db, id)!;
}

/**
 * Changes some fields of a calendar (the others stay as they are); the result is checked whole. Returns the calendar
 * as stored afterwards.
 */
export function updateCalendar(
  db: SwitchboardDb,
  calendarId: string,
  change: Partial<CalendarInput>,
  now = Date.now(),
): StoredCalendar {
  const current = getCalendar(db, calendarId);
  if (!current) throw new CalendarNotFoundError(calendarId);
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = current;
  const calendar = parse({ ...fields, ...change });
  try {
    db.orm.transaction(
      (tx) => {
        assertFree(db, calendar, calendarId);
        tx.update(calendars)
          .set({ ...toColumns(calendar), updatedAt: now })
          .where(eq(calendars.id, calendarId))
          .run();
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    if (error instanceof CalendarNameTakenError || error instanceof FeatureCodeTakenError) throw error;
    rethrowConflict(error, calendar);
  }
  return getCalendar(db, calendarId)!;
}

/** Flips the switch (closed now / open now), or gives the calendar back to its rules with null. */
export function setCalendarOverride(
  db: SwitchboardDb,
  calendarId: string,
  override: CalendarOverride | null,
  now = Date.now(),
): StoredCalendar {
  return updateCalendar(db, calendarId, { override }, now);
}

/**
 * The names of the flows whose published version points at the calendar: the latest version of each flow that is
 * not archived, and any version still answering a number.
 */
export function flowsUsingCalendar(db: SwitchboardDb, calendarId: string): string[] {
  const rows = db.sqlite
    .prepare(
      `SELECT DISTINCT f.name AS name
         FROM flow_versions v
         JOIN flows f ON f.id = v.flow_id
         JOIN json_each(v.document, '$.nodes') n
        WHERE json_extract(n.value, '$.type') = 'business-hours'
          AND json_extract(n.value, '$.data.calendarId') = ?
          AND (
            (f.archived_at IS NULL AND v.number = (SELECT max(number) FROM flow_versions WHERE flow_id = v.flow_id))
            OR v.id IN (SELECT version_id FROM number_bindings)
          )
        ORDER BY f.name`,
    )
    .all(calendarId) as { name: string }[];
  return rows.map((row) => row.name);
}

/** Names of flows (not archived) whose draft points at the calendar: told when it is deleted. */
export function draftsUsingCalendar(db: SwitchboardDb, calendarId: string): string[] {
  return db.orm
    .select({ name: flows.name, draft: flows.draft })
    .from(flows)
    .where(isNull(flows.archivedAt))
    .all()
    .filter((flow) =>
      (flow.draft.nodes ?? []).some(
        (node) =>
          node.type === 'business-hours' && (node.data as { calendarId?: unknown } | null)?.calendarId === calendarId,
      ),
    )
    .map((flow) => flow.name);
}

/** Deletes a calendar no published flow uses; refuses (CalendarInUseError) otherwise. */
export function deleteCalendar(db: SwitchboardDb, calendarId: string): void {
  const calendar = getCalendar(db, calendarId);
  if (!calendar) throw new CalendarNotFoundError(calendarId);
  db.orm.transaction(
    (tx) => {
      const users = flowsUsingCalendar(db, calendarId);
      if (users.length > 0) throw new CalendarInUseError(calendar.name, users);
      tx.delete(calendars).where(eq(calendars.id, calendarId)).run();
    },
    { behavior: 'immediate' },
  );
}

/** The runtime's port: the calendar as it is at this moment (one indexed read per business-hours node). */
export function createCalendarDirectory(db: SwitchboardDb): CalendarDirectory {
  const byId = db.orm
    .select()
    .from(calendars)
    .where(eq(calendars.id, sql.placeholder('id')))
    .prepare();
  return {
    calendar(calendarId) {
      const row = byId.get({ id: calendarId });
      return row ? fromRow(row) : null;
    },
  };
}

/** The *48 feature code's port (runtime/feature-codes/calendar-override.ts). */
export function createCalendarSwitches(db: SwitchboardDb): CalendarSwitches {
  return {
    calendarByFeatureCode(digits) {
      const found = calendarByFeatureCode(db, digits);
      if (!found) return null;
      const { id, createdAt: _createdAt, updatedAt: _updatedAt, ...calendar } = found;
      return { id, calendar };
    },
    setOverride(calendarId, override) {
      setCalendarOverride(db, calendarId, override);
    },
  };
}
