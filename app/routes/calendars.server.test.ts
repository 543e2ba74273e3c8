import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalendar, getCalendar } from '#db/calendars.ts';
import { createFlow, publishVersion } from '#db/flows.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { FLOW_FORMAT_VERSION, type FlowDocument } from '#flows/document.ts';
import { calendarVerdictsAt, changeCalendars, loadCalendarsPage } from './calendars.server.ts';

// The page in English unless a test says otherwise (the language is the loader's or action's first concern).

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.dispose());

function form(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

/** The JSON body of what changeCalendars returned (react-router's data() or a redirect). */
function bodyOf(result: unknown): { ok: boolean; done?: string; error?: string } {
  return (result as { data: { ok: boolean; done?: string; error?: string } }).data;
}

describe('calendars page', () => {
  it('lists each calendar with its state now and why', () => {
    createCalendar(temp.db, { name: 'Accueil' });
    const page = loadCalendarsPage(temp.db, null, 'en', new Date('2026-12-25T09:00:00Z'));
    expect(page.calendars).toMatchObject([
      {
        name: 'Accueil',
        state: 'holiday',
        reason: 'Christmas Day (public holiday in France)',
        holidays: 'France (FR)',
      },
    ]);
    expect(page.selected).toBeNull();
  });

  it('saves weekly hours typed as text, country and zone; refuses overlaps with a sentence', () => {
    const calendar = createCalendar(temp.db, { name: 'Accueil' });
    const fields = {
      intent: 'save',
      calendarId: calendar.id,
      name: 'Accueil',
      timeZone: 'Europe/Paris',
      country: 'fr',
      region: '57',
      'hours-monday': '08:00-12:00, 14:00-18:00',
      'hours-saturday': '10:00-12:00',
      featureCode: '1',
      featureCodeUsers: 'alice, bob',
    };
    expect(bodyOf(changeCalendars(temp.db, 'alice', form(fields), 'en')).ok).toBe(true);
    const saved = getCalendar(temp.db, calendar.id)!;
    expect(saved.weeklyHours.monday).toEqual([
      { from: '08:00', to: '12:00' },
      { from: '14:00', to: '18:00' },
    ]);
    expect(saved.weeklyHours.tuesday).toEqual([]);
    expect(saved.holidays).toEqual({ country: 'FR', region: '57' });
    expect(saved.featureCodeUsers).toEqual(['alice', 'bob']);
    const refused = bodyOf(
      changeCalendars(temp.db, 'alice', form({ ...fields, 'hours-monday': '08:00-12:00, 11:00-13:00' }), 'en'),
    );
    expect(refused).toEqual({ ok: false, error: 'Monday, range 2: 11:00–13:00 overlaps 08:00–12:00' });
    const unreadable = bodyOf(changeCalendars(temp.db, 'alice', form({ ...fields, 'hours-friday': 'all day' }), 'en'));
    expect(unreadable.error).toBe('Friday: "all day" is not a range such as 09:00-12:30');
  });

  it('flips the switch with a reason and the editor’s name, and back to normal', () => {
    const calendar = createCalendar(temp.db, { name: 'Accueil' });
    const closed = changeCalendars(
      temp.db,
      'alice',
      form({ intent: 'override', calendarId: calendar.id, state: 'closed', reason: 'weather' }),
      'en',
      1000,
    );
    expect(bodyOf(closed).done).toBe('"Accueil" is now closed until someone puts it back to normal: weather.');
    const page = loadCalendarsPage(temp.db, calendar.id, 'en', new Date('2026-12-07T09:00:00Z'));
    expect(page.selected).toMatchObject({ state: 'closed', reason: 'closed: weather (switched by alice)' });
    expect(
      bodyOf(changeCalendars(temp.db, 'alice', form({ intent: 'override', calendarId: calendar.id }), 'en')).error,
    ).toMatch(/Say why/);
    changeCalendars(temp.db, 'bob', form({ intent: 'clear-override', calendarId: calendar.id }), 'en');
    expect(getCalendar(temp.db, calendar.id)?.override).toBeNull();
  });

  it('adds and removes closures', () => {
    const calendar = createCalendar(temp.db, { name: 'Accueil' });
    changeCalendars(
      temp.db,
      'alice',
      form({ intent: 'add-closure', calendarId: calendar.id, from: '2026-12-24', to: '2026-12-26', label: 'Noël' }),
      'en',
    );
    expect(getCalendar(temp.db, calendar.id)?.closures).toEqual([
      { from: '2026-12-24', to: '2026-12-26', label: 'Noël' },
    ]);
    changeCalendars(temp.db, 'alice', form({ intent: 'remove-closure', calendarId: calendar.id, index: '0' }), 'en');
    expect(getCalendar(temp.db, calendar.id)?.closures).toEqual([]);
  });

  it('refuses to delete a calendar a published flow uses, with a clear message', () => {
    const calendar = createCalendar(temp.db, { name: 'Accueil' });
    const document: FlowDocument = {
      format: FLOW_FORMAT_VERSION,
      name: 'Standard',
      description: '',
      language: 'fr-FR',
      numbers: ['7700'],
      nodes: [{ id: 'hours', type: 'business-hours', position: { x: 0, y: 0 }, data: { calendarId: calendar.id } }],
      edges: [],
    };
    const { flowId } = createFlow(temp.db, { document, author: 'alice' });
    publishVersion(temp.db, { flowId, document, author: 'alice' });
    const refused = bodyOf(
      changeCalendars(temp.db, 'alice', form({ intent: 'delete', calendarId: calendar.id }), 'en'),
    );
    expect(refused.error).toBe(
      'The calendar "Accueil" cannot be deleted: the published flow "Standard" uses it. Point their business-hours nodes at another calendar and publish them first.',
    );
    expect(getCalendar(temp.db, calendar.id)).not.toBeNull();
  });

  it('gives each calendar’s verdict at a date-time', () => {
    const calendar = createCalendar(temp.db, { name: 'Accueil' });
    expect(calendarVerdictsAt(temp.db, new Date('2026-07-14T08:00:00Z'), 'en')).toEqual({
      [calendar.id]: { name: 'Accueil', branch: 'holiday', reason: 'Bastille Day (public holiday in France)' },
    });
  });

  it('speaks French to a French reader: states, holiday names, hours, refusals and verdicts', () => {
    const calendar = createCalendar(temp.db, {
      name: 'Accueil',
      closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Noël' }],
    });
    const page = loadCalendarsPage(temp.db, calendar.id, 'fr', new Date('2026-07-14T08:00:00Z'));
    expect(page.selected).toMatchObject({
      state: 'holiday',
      reason: 'Fête Nationale de la France (jour férié, France)',
      holidays: 'France (FR)',
    });
    expect(page.selected!.days.find((day) => day.day === 'saturday')?.hours).toBe('fermé');
    expect(page.selected!.publicHolidays.map((holiday) => holiday.name)).toContain('Noël');
    expect(calendarVerdictsAt(temp.db, new Date('2026-12-24T10:00:00Z'), 'fr')[calendar.id]?.reason).toBe(
      'Noël (fermé du 24 déc. 2026 au 26 déc. 2026)',
    );
    expect(calendarVerdictsAt(temp.db, new Date('2026-12-07T09:00:00Z'), 'fr')[calendar.id]?.reason).toBe(
      'ouvert : lundi 09:00–12:30',
    );

    const fields = {
      intent: 'save',
      calendarId: calendar.id,
      name: 'Accueil',
      country: 'FR',
      'hours-saturday': 'fermé',
    };
    expect(bodyOf(changeCalendars(temp.db, 'alice', form(fields), 'fr'))).toEqual({
      ok: true,
      done: 'Calendrier « Accueil » enregistré.',
      calendarId: calendar.id,
    });
    expect(
      bodyOf(changeCalendars(temp.db, 'alice', form({ ...fields, 'hours-monday': '08:00-12:00, 11:00-13:00' }), 'fr'))
        .error,
    ).toBe('Lundi, plage 2 : 11:00–13:00 chevauche 08:00–12:00');
    expect(bodyOf(changeCalendars(temp.db, 'alice', form({ ...fields, region: '99' }), 'fr')).error).toBe(
      "Région : Le pays « France » n'a pas de région « 99 » dans les données des jours fériés",
    );
    expect(bodyOf(changeCalendars(temp.db, 'alice', form({ ...fields, 'hours-friday': '9h-12h' }), 'fr')).error).toBe(
      "Vendredi : « 9h-12h » n'est pas une plage comme 09:00-12:30",
    );
  });
});
