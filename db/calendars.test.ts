import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidCalendarError } from '#flows/calendar/calendar.ts';
import { FLOW_FORMAT_VERSION, type FlowDocument } from '#flows/document.ts';
import {
  calendarByFeatureCode,
  calendarNames,
  CalendarInUseError,
  CalendarNameTakenError,
  CalendarNotFoundError,
  createCalendar,
  createCalendarDirectory,
  createCalendarSwitches,
  deleteCalendar,
  draftsUsingCalendar,
  FeatureCodeTakenError,
  findCalendar,
  flowsUsingCalendar,
  getCalendar,
  listCalendars,
  setCalendarOverride,
  updateCalendar,
} from './calendars.ts';
import { archiveFlow, createFlow, publishVersion, unbindNumbers } from './flows.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.dispose());

function flowUsing(calendarId: string, name = 'Accueil', numbers = ['6010']): FlowDocument {
  return {
    format: FLOW_FORMAT_VERSION,
    name,
    description: '',
    language: 'fr-FR',
    numbers,
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'hours', type: 'business-hours', position: { x: 200, y: 0 }, data: { calendarId } },
    ],
    edges: [{ id: 'e1', source: 'start', sourceBranch: 'next', target: 'hours' }],
  };
}

describe('calendars storage', () => {
  it('creates a calendar with the defaults filled, reads it back by id and by name in any case', () => {
    // WHEN a calendar is created with only a name
    const created = createCalendar(temp.db, { name: 'Accueil Paris' }, 1000);
    // THEN it is stored whole, with the schema's defaults
    expect(created.id).toMatch(/^cal_/);
    expect(created).toMatchObject({
      name: 'Accueil Paris',
      timeZone: 'Europe/Paris',
      holidays: { country: 'FR' },
      closures: [],
      override: null,
      featureCode: null,
      createdAt: 1000,
      updatedAt: 1000,
    });
    expect(created.weeklyHours.monday).toHaveLength(2);
    expect(getCalendar(temp.db, created.id)).toEqual(created);
    expect(findCalendar(temp.db, 'accueil paris')?.id).toBe(created.id);
    expect(findCalendar(temp.db, created.id)?.name).toBe('Accueil Paris');
    expect(findCalendar(temp.db, 'nope')).toBeNull();
    expect(calendarNames(temp.db)).toEqual(new Map([[created.id, 'Accueil Paris']]));
  });

  it('lists calendars by name and keeps names unique whatever their case', () => {
    createCalendar(temp.db, { name: 'Support' });
    createCalendar(temp.db, { name: 'accueil' });
    expect(listCalendars(temp.db).map((calendar) => calendar.name)).toEqual(['accueil', 'Support']);
    expect(() => createCalendar(temp.db, { name: 'SUPPORT' })).toThrow(CalendarNameTakenError);
  });

  it('refuses an invalid calendar with every problem, and writes nothing', () => {
    expect(() =>
      createCalendar(temp.db, {
        name: 'x',
        weeklyHours: {
          monday: [
            { from: '09:00', to: '12:00' },
            { from: '10:00', to: '11:00' },
          ],
        },
      }),
    ).toThrow(InvalidCalendarError);
    expect(listCalendars(temp.db)).toEqual([]);
  });

  it('updates some fields, keeps the others, and checks the result whole', () => {
    const created = createCalendar(temp.db, { name: 'Support' }, 1000);
    const updated = updateCalendar(
      temp.db,
      created.id,
      {
        weeklyHours: { saturday: [{ from: '10:00', to: '12:00' }] },
        closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas break' }],
        timeZone: 'America/New_York',
        holidays: { country: 'US' },
      },
      2000,
    );
    expect(updated).toMatchObject({ name: 'Support', timeZone: 'America/New_York', createdAt: 1000, updatedAt: 2000 });
    expect(updated.weeklyHours.saturday).toEqual([{ from: '10:00', to: '12:00' }]);
    expect(updated.weeklyHours.monday).toEqual([]);
    expect(updated.closures).toHaveLength(1);
    expect(() => updateCalendar(temp.db, created.id, { timeZone: 'Nowhere/Else' })).toThrow(/IANA time zone/);
    expect(getCalendar(temp.db, created.id)?.timeZone).toBe('America/New_York');
    expect(() => updateCalendar(temp.db, 'cal_missing', { name: 'x' })).toThrow(CalendarNotFoundError);
  });

  it('flips the override switch and clears it', () => {
    const created = createCalendar(temp.db, { name: 'Support' });
    const closed = setCalendarOverride(temp.db, created.id, {
      state: 'closed',
      reason: 'weather',
      setAt: 5000,
      setBy: 'alice',
    });
    expect(closed.override).toEqual({ state: 'closed', reason: 'weather', setAt: 5000, setBy: 'alice' });
    expect(setCalendarOverride(temp.db, created.id, null).override).toBeNull();
  });

  it('gives each feature code to one calendar at most and finds a calendar by it', () => {
    const first = createCalendar(temp.db, { name: 'Support', featureCode: '1', featureCodeUsers: ['alice'] });
    expect(calendarByFeatureCode(temp.db, '1')?.id).toBe(first.id);
    expect(calendarByFeatureCode(temp.db, '2')).toBeNull();
    expect(() => createCalendar(temp.db, { name: 'Sales', featureCode: '1' })).toThrow(FeatureCodeTakenError);
    const second = createCalendar(temp.db, { name: 'Sales', featureCode: '2' });
    expect(() => updateCalendar(temp.db, second.id, { featureCode: '1' })).toThrow(
      /already flips the calendar "Support"/,
    );
  });

  it('refuses to delete a calendar a published flow uses, naming the flow; drafts alone do not hold it', () => {
    const calendar = createCalendar(temp.db, { name: 'Support' });
    const { flowId } = createFlow(temp.db, { document: flowUsing(calendar.id), author: 'alice' });
    // A draft pointing at it does not hold it, but is known
    expect(flowsUsingCalendar(temp.db, calendar.id)).toEqual([]);
    expect(draftsUsingCalendar(temp.db, calendar.id)).toEqual(['Accueil']);
    // Published: refused
    publishVersion(temp.db, { flowId, document: flowUsing(calendar.id), author: 'alice' });
    expect(flowsUsingCalendar(temp.db, calendar.id)).toEqual(['Accueil']);
    expect(() => deleteCalendar(temp.db, calendar.id)).toThrow(CalendarInUseError);
    expect(() => deleteCalendar(temp.db, calendar.id)).toThrow(
      'The calendar "Support" cannot be deleted: the published flow "Accueil" uses it. Point their business-hours nodes at another calendar and publish them first.',
    );
    // A newer version without it frees it
    const other = createCalendar(temp.db, { name: 'Other' });
    publishVersion(temp.db, { flowId, document: flowUsing(other.id), author: 'alice' });
    expect(flowsUsingCalendar(temp.db, calendar.id)).toEqual([]);
    deleteCalendar(temp.db, calendar.id);
    expect(getCalendar(temp.db, calendar.id)).toBeNull();
    expect(() => deleteCalendar(temp.db, calendar.id)).toThrow(CalendarNotFoundError);
  });

  it('an archived flow without numbers no longer holds a calendar', () => {
    const calendar = createCalendar(temp.db, { name: 'Support' });
    const { flowId } = createFlow(temp.db, { document: flowUsing(calendar.id), author: 'alice' });
    publishVersion(temp.db, { flowId, document: flowUsing(calendar.id), author: 'alice' });
    unbindNumbers(temp.db, flowId);
    archiveFlow(temp.db, flowId);
    expect(flowsUsingCalendar(temp.db, calendar.id)).toEqual([]);
  });

  it('the runtime directory reads the calendar as it is now, switch included', () => {
    const directory = createCalendarDirectory(temp.db);
    const created = createCalendar(temp.db, { name: 'Support' });
    expect(directory.calendar(created.id)?.override).toBeNull();
    setCalendarOverride(temp.db, created.id, { state: 'closed', reason: 'strike', setAt: 1, setBy: 'bob' });
    expect(directory.calendar(created.id)?.override?.reason).toBe('strike');
    expect(directory.calendar('cal_gone')).toBeNull();
  });

  it('the feature code port finds a calendar by its digits and flips its switch', () => {
    const switches = createCalendarSwitches(temp.db);
    const created = createCalendar(temp.db, { name: 'Support', featureCode: '7', featureCodeUsers: ['alice'] });
    expect(switches.calendarByFeatureCode('7')).toMatchObject({ id: created.id, calendar: { name: 'Support' } });
    expect(switches.calendarByFeatureCode('8')).toBeNull();
    switches.setOverride(created.id, { state: 'closed', reason: 'feature code *487', setAt: 1, setBy: 'alice' });
    expect(getCalendar(temp.db, created.id)?.override?.setBy).toBe('alice');
  });
});
