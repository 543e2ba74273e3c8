import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCalendar } from '#db/calendars.ts';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { createFlow, publishVersion } from '#db/flows.ts';
import { FLOW_FORMAT_VERSION, type FlowDocument } from '#flows/document.ts';
import { runCalendarsCommand, type CalendarsCommandIo } from './calendars.ts';

let folder: string;
let dbFile: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-calendars-cli-'));
  dbFile = join(folder, 'switchboard.db');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function run(args: string[], now = '2026-12-07T09:00:00Z') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CalendarsCommandIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
    now: () => new Date(now),
  };
  const code = await runCalendarsCommand([...args, '--db', dbFile], io);
  return { code, out, err };
}

function stored(name: string) {
  const db = openDatabase(dbFile);
  try {
    return findCalendar(db, name);
  } finally {
    closeDatabase(db);
  }
}

describe('switchboard calendars', () => {
  it('--help on each command prints the usage, exit 0', async () => {
    for (const command of [
      'list',
      'show',
      'create',
      'set',
      'set-hours',
      'add-closure',
      'remove-closure',
      'override',
      'clear-override',
      'delete',
    ]) {
      const result = await run([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.out[0]).toMatch(/^usage: switchboard calendars/);
    }
  });

  it('creates, lists with the state now and why, and shows a calendar', async () => {
    expect((await run(['create', 'Accueil Paris'])).code).toBe(0);
    const listed = await run(['list']);
    expect(listed.out[1]).toMatch(/^cal_\w+\tAccueil Paris\topen\topen: Monday 09:00–12:30\tEurope\/Paris\tFR\t-$/);
    const holiday = await run(['list'], '2026-12-25T09:00:00Z');
    expect(holiday.out[1]).toContain('holiday\tChristmas Day (public holiday in France)');
    const shown = await run(['show', 'accueil paris']);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('  Monday     09:00-12:30, 13:30-18:00');
    expect(shown.out).toContain('  Saturday   closed');
    expect(shown.out.join('\n')).toContain('2026-07-14 Bastille Day');
  });

  it('sets hours for a day or a group of days, refusing overlaps with the reason', async () => {
    await run(['create', 'Support']);
    expect((await run(['set-hours', 'Support', 'weekend', '10:00-12:00'])).code).toBe(0);
    expect(stored('Support')?.weeklyHours.sunday).toEqual([{ from: '10:00', to: '12:00' }]);
    expect((await run(['set-hours', 'Support', 'friday', 'closed'])).code).toBe(0);
    expect(stored('Support')?.weeklyHours.friday).toEqual([]);
    const refused = await run(['set-hours', 'Support', 'monday', '09:00-12:00, 11:00-13:00']);
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toBe('switchboard calendars: weeklyHours.monday.1: 11:00–13:00 overlaps 09:00–12:00');
    expect((await run(['set-hours', 'Support', 'someday', '09:00-10:00'])).code).toBe(2);
  });

  it('adds and removes closures, changes the country, time zone and feature code', async () => {
    await run(['create', 'Support', '--country', 'none']);
    expect(stored('Support')?.holidays).toBeNull();
    expect((await run(['add-closure', 'Support', '2026-12-24', '2026-12-26', '--label', 'Christmas break'])).code).toBe(
      0,
    );
    expect(stored('Support')?.closures).toEqual([{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas break' }]);
    expect((await run(['remove-closure', 'Support', '2026-12-24'])).code).toBe(0);
    expect(stored('Support')?.closures).toEqual([]);
    expect((await run(['remove-closure', 'Support', '1'])).code).toBe(1);
    expect(
      (
        await run([
          'set',
          'Support',
          '--country',
          'FR',
          '--region',
          '57',
          '--time-zone',
          'Europe/Brussels',
          '--feature-code',
          '2',
          '--allow',
          'alice,bob',
        ])
      ).code,
    ).toBe(0);
    expect(stored('Support')).toMatchObject({
      holidays: { country: 'FR', region: '57' },
      timeZone: 'Europe/Brussels',
      featureCode: '2',
      featureCodeUsers: ['alice', 'bob'],
    });
    const badZone = await run(['set', 'Support', '--time-zone', 'Mars/Base']);
    expect(badZone.code).toBe(1);
    expect(badZone.err[0]).toContain('Use an IANA time zone');
  });

  it('switches closed now with a reason, and back to normal', async () => {
    await run(['create', 'Support']);
    expect((await run(['override', 'Support', 'closed'])).code).toBe(2);
    expect((await run(['override', 'Support', 'closed', '--reason', 'weather', '--by', 'alice'])).code).toBe(0);
    expect((await run(['list'])).out[1]).toContain('closed\tclosed: weather (switched by alice)');
    expect((await run(['clear-override', 'Support'])).code).toBe(0);
    expect(stored('Support')?.override).toBeNull();
  });

  it('refuses to delete a calendar a published flow uses, and deletes it otherwise', async () => {
    await run(['create', 'Support']);
    const calendar = stored('Support')!;
    const db = openDatabase(dbFile);
    const document: FlowDocument = {
      format: FLOW_FORMAT_VERSION,
      name: 'Standard',
      description: '',
      language: 'fr-FR',
      numbers: ['7700'],
      nodes: [{ id: 'hours', type: 'business-hours', position: { x: 0, y: 0 }, data: { calendarId: calendar.id } }],
      edges: [],
    };
    const { flowId } = createFlow(db, { document, author: 'alice' });
    publishVersion(db, { flowId, document, author: 'alice' });
    closeDatabase(db);
    const refused = await run(['delete', 'Support']);
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toContain('the published flow "Standard" uses it');
    await run(['create', 'Spare']);
    expect((await run(['delete', 'Spare'])).code).toBe(0);
    expect((await run(['show', 'Spare'])).err[0]).toBe(
      'switchboard calendars: there is no calendar "Spare" (see "switchboard calendars list")',
    );
  });
});
