import { describe, expect, it } from 'vitest';
import {
  calendarSchema,
  describeCalendarErrors,
  evaluateCalendar,
  InvalidCalendarError,
  localTime,
  parseCalendar,
  type Calendar,
  type CalendarInput,
} from './calendar.ts';

function calendar(input: Partial<CalendarInput> = {}): Calendar {
  return parseCalendar({ name: 'Accueil', ...input });
}

const at = (iso: string) => new Date(iso);

describe('calendarSchema', () => {
  it('fills the defaults: Europe/Paris, French holidays, Monday to Friday hours, no closure, no override', () => {
    const parsed = calendar();
    expect(parsed.timeZone).toBe('Europe/Paris');
    expect(parsed.holidays).toEqual({ country: 'FR' });
    expect(parsed.weeklyHours.monday).toEqual([
      { from: '09:00', to: '12:30' },
      { from: '13:30', to: '18:00' },
    ]);
    expect(parsed.weeklyHours.saturday).toEqual([]);
    expect(parsed.closures).toEqual([]);
    expect(parsed.override).toBeNull();
    expect(parsed.featureCode).toBeNull();
  });

  it('refuses overlapping ranges, a range that closes before it opens, and bad times, saying where', () => {
    const result = calendarSchema.safeParse({
      name: 'x',
      weeklyHours: {
        monday: [
          { from: '09:00', to: '12:00' },
          { from: '11:00', to: '14:00' },
        ],
        tuesday: [{ from: '18:00', to: '09:00' }],
        wednesday: [{ from: '9h', to: '25:00' }],
      },
    });
    expect(result.success).toBe(false);
    // The schema's messages are catalogue keys; describeCalendarErrors words them in English.
    const messages = describeCalendarErrors(result.error!);
    expect(messages).toContain('weeklyHours.monday.1: 11:00–14:00 overlaps 09:00–12:00');
    expect(messages).toContain('weeklyHours.tuesday.0.to: A range must close after it opens (use 24:00 for midnight)');
    expect(
      messages.some((message) => message.startsWith('weeklyHours.wednesday.0.from: An opening time is HH:MM')),
    ).toBe(true);
    expect(messages.some((message) => message.startsWith('weeklyHours.wednesday.0.to: A closing time is HH:MM'))).toBe(
      true,
    );
  });

  it('accepts 24:00 as an end and ranges that touch', () => {
    const parsed = calendar({
      weeklyHours: {
        saturday: [
          { from: '00:00', to: '12:00' },
          { from: '12:00', to: '24:00' },
        ],
      },
    });
    expect(parsed.weeklyHours.saturday).toHaveLength(2);
    // A day given leaves the other days closed.
    expect(parsed.weeklyHours.monday).toEqual([]);
  });

  it('refuses an unknown time zone, country or region, and a closure that ends before it starts', () => {
    expect(() => calendar({ timeZone: 'Mars/Olympus' })).toThrow(/IANA time zone/);
    expect(() => calendar({ holidays: { country: 'XX' } })).toThrow(
      /No public holidays are known for the country "XX"/,
    );
    expect(() => calendar({ holidays: { country: 'FR', region: '99' } })).toThrow(/France has no region "99"/);
    expect(() => calendar({ closures: [{ from: '2026-12-26', to: '2026-12-24', label: 'Noël' }] })).toThrow(
      /closures.0.to: A closure ends on or after its first day/,
    );
    expect(() => calendar({ closures: [{ from: '2026-02-30', to: '2026-03-01', label: 'x' }] })).toThrow(
      /This date does not exist/,
    );
  });

  it('lists every problem in one error', () => {
    try {
      parseCalendar({ name: '', timeZone: 'Nowhere' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCalendarError);
      expect((error as InvalidCalendarError).problems).toEqual([
        'name: Give the calendar a name',
        'timeZone: Use an IANA time zone such as Europe/Paris or America/New_York',
      ]);
    }
  });
});

describe('evaluateCalendar', () => {
  const office = calendar();

  it('is open inside the weekly hours and closed outside, with the reason', () => {
    // Monday 7 December 2026, 10:00 in Paris (09:00 UTC)
    expect(evaluateCalendar(office, at('2026-12-07T09:00:00Z'))).toEqual({
      branch: 'open',
      reason: 'open: Monday 09:00–12:30',
    });
    // Lunch break
    expect(evaluateCalendar(office, at('2026-12-07T12:00:00Z'))).toEqual({
      branch: 'closed',
      reason: 'outside opening hours: Monday 13:00 (open 09:00–12:30, 13:30–18:00)',
    });
    // Saturday
    expect(evaluateCalendar(office, at('2026-12-12T10:00:00Z'))).toEqual({
      branch: 'closed',
      reason: 'outside opening hours: Saturday',
    });
  });

  it('opens at the opening minute and closes at the closing minute', () => {
    expect(evaluateCalendar(office, at('2026-12-07T07:59:59Z')).branch).toBe('closed');
    expect(evaluateCalendar(office, at('2026-12-07T08:00:00Z')).branch).toBe('open');
    expect(evaluateCalendar(office, at('2026-12-07T16:59:00Z')).branch).toBe('open');
    expect(evaluateCalendar(office, at('2026-12-07T17:00:00Z')).branch).toBe('closed');
  });

  it('treats 24:00 as the end of the day', () => {
    const late = calendar({ weeklyHours: { friday: [{ from: '20:00', to: '24:00' }] } });
    // Friday 23:59 Paris
    expect(evaluateCalendar(late, at('2026-12-11T22:59:00Z')).branch).toBe('open');
    // Saturday 00:00 Paris
    expect(evaluateCalendar(late, at('2026-12-11T23:00:00Z')).branch).toBe('closed');
  });

  it('knows French public holidays by name, on the local date of the calendar', () => {
    // Christmas Day 2026 is a Friday: 10:00 in Paris
    expect(evaluateCalendar(office, at('2026-12-25T09:00:00Z'))).toEqual({
      branch: 'holiday',
      reason: 'Christmas Day (public holiday in France)',
    });
    // 14 July, movable feasts too (Easter Monday 2026 is 6 April, Ascension 14 May)
    expect(evaluateCalendar(office, at('2026-07-14T08:00:00Z')).reason).toBe('Bastille Day (public holiday in France)');
    expect(evaluateCalendar(office, at('2026-04-06T08:00:00Z')).reason).toBe(
      'Easter Monday (public holiday in France)',
    );
    expect(evaluateCalendar(office, at('2027-05-06T08:00:00Z')).reason).toBe(
      'Ascension Day (public holiday in France)',
    );
    // 24 December 23:30 in Paris is not Christmas yet; 00:30 on the 25th is (23:30 UTC on the 24th)
    expect(evaluateCalendar(office, at('2026-12-24T22:30:00Z')).branch).toBe('closed');
    expect(evaluateCalendar(office, at('2026-12-24T23:30:00Z')).branch).toBe('holiday');
  });

  it('takes the region into account (Good Friday in Moselle only) and no country means no holidays', () => {
    const goodFriday = at('2026-04-03T08:00:00Z');
    expect(evaluateCalendar(office, goodFriday).branch).toBe('open');
    const moselle = calendar({ holidays: { country: 'FR', region: '57' } });
    expect(evaluateCalendar(moselle, goodFriday)).toEqual({
      branch: 'holiday',
      reason: 'Good Friday (public holiday in France)',
    });
    const noHolidays = calendar({ holidays: null });
    expect(evaluateCalendar(noHolidays, at('2026-12-25T09:00:00Z')).branch).toBe('open');
  });

  it('puts one-off closures before public holidays, with their label', () => {
    const withClosure = calendar({ closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas break' }] });
    expect(evaluateCalendar(withClosure, at('2026-12-24T09:00:00Z'))).toEqual({
      branch: 'holiday',
      reason: 'Christmas break (closed 2026-12-24 to 2026-12-26)',
    });
    expect(evaluateCalendar(withClosure, at('2026-12-25T09:00:00Z')).reason).toBe(
      'Christmas break (closed 2026-12-24 to 2026-12-26)',
    );
    // The day after the closure is an ordinary Sunday
    expect(evaluateCalendar(withClosure, at('2026-12-27T09:00:00Z')).branch).toBe('closed');
    const oneDay = calendar({ closures: [{ from: '2026-12-07', to: '2026-12-07', label: 'Inventory' }] });
    expect(evaluateCalendar(oneDay, at('2026-12-07T09:00:00Z')).reason).toBe('Inventory (closed 2026-12-07)');
  });

  it('puts the override switch before everything, naming who flipped it', () => {
    const closedNow = calendar({
      override: { state: 'closed', reason: 'weather', setAt: 0, setBy: 'alice' },
      closures: [{ from: '2026-12-07', to: '2026-12-07', label: 'Inventory' }],
    });
    expect(evaluateCalendar(closedNow, at('2026-12-07T09:00:00Z'))).toEqual({
      branch: 'closed',
      reason: 'closed: weather (switched by alice)',
    });
    const openNow = calendar({ override: { state: 'open', reason: 'year-end rush', setAt: 0, setBy: 'bob' } });
    expect(evaluateCalendar(openNow, at('2026-12-25T09:00:00Z'))).toEqual({
      branch: 'open',
      reason: 'open: year-end rush (switched by bob)',
    });
  });

  it('reads the hours on the calendar’s own time zone', () => {
    const newYork = calendar({ timeZone: 'America/New_York', holidays: { country: 'US' } });
    // 15:00 UTC is 10:00 in New York (EST) on Monday 7 December 2026
    expect(evaluateCalendar(newYork, at('2026-12-07T15:00:00Z')).reason).toBe('open: Monday 09:00–12:30');
    // 10:00 UTC is 05:00 there
    expect(evaluateCalendar(newYork, at('2026-12-07T10:00:00Z')).branch).toBe('closed');
    // Independence Day, in US holidays
    expect(evaluateCalendar(newYork, at('2026-07-04T15:00:00Z')).branch).toBe('holiday');
  });

  describe('daylight saving time in Europe/Paris', () => {
    const sundays = calendar({ holidays: null, weeklyHours: { sunday: [{ from: '08:00', to: '12:00' }] } });

    it('last Sunday of March (29 March 2026): 08:00 is 06:00 UTC after the change, not 07:00', () => {
      // 06:30 UTC = 08:30 CEST: open (a fixed +01:00 would say 07:30, closed)
      expect(evaluateCalendar(sundays, at('2026-03-29T06:30:00Z')).branch).toBe('open');
      // 05:30 UTC = 07:30 CEST: closed
      expect(evaluateCalendar(sundays, at('2026-03-29T05:30:00Z')).branch).toBe('closed');
      // 10:30 UTC = 12:30 CEST: closed (a fixed +01:00 would say 11:30, open)
      expect(evaluateCalendar(sundays, at('2026-03-29T10:30:00Z')).branch).toBe('closed');
      // The clock jumps from 02:00 to 03:00: 01:00 UTC is 03:00 local
      expect(localTime(at('2026-03-29T00:59:00Z'), 'Europe/Paris').time).toBe('01:59');
      expect(localTime(at('2026-03-29T01:00:00Z'), 'Europe/Paris').time).toBe('03:00');
    });

    it('last Sunday of October (25 October 2026): 08:00 is 07:00 UTC after the change, not 06:00', () => {
      // 06:30 UTC = 07:30 CET: closed (a fixed +02:00 would say 08:30, open)
      expect(evaluateCalendar(sundays, at('2026-10-25T06:30:00Z')).branch).toBe('closed');
      // 07:30 UTC = 08:30 CET: open
      expect(evaluateCalendar(sundays, at('2026-10-25T07:30:00Z')).branch).toBe('open');
      // 10:30 UTC = 11:30 CET: open (a fixed +02:00 would say 12:30, closed)
      expect(evaluateCalendar(sundays, at('2026-10-25T10:30:00Z')).branch).toBe('open');
      // 02:30 local happens twice: 00:30 UTC (CEST) and 01:30 UTC (CET)
      expect(localTime(at('2026-10-25T00:30:00Z'), 'Europe/Paris').time).toBe('02:30');
      expect(localTime(at('2026-10-25T01:30:00Z'), 'Europe/Paris').time).toBe('02:30');
    });

    it('a night range on the change nights is read on the wall clock', () => {
      const night = calendar({ holidays: null, weeklyHours: { sunday: [{ from: '01:00', to: '04:00' }] } });
      // March: 00:30 UTC = 01:30 CET, 01:30 UTC = 03:30 CEST: both open; 02:00 UTC = 04:00 CEST: closed
      expect(evaluateCalendar(night, at('2026-03-29T00:30:00Z')).branch).toBe('open');
      expect(evaluateCalendar(night, at('2026-03-29T01:30:00Z')).branch).toBe('open');
      expect(evaluateCalendar(night, at('2026-03-29T02:00:00Z')).branch).toBe('closed');
      // October: 02:30 UTC = 03:30 CET: open; 03:00 UTC = 04:00 CET: closed
      expect(evaluateCalendar(night, at('2026-10-25T02:30:00Z')).branch).toBe('open');
      expect(evaluateCalendar(night, at('2026-10-25T03:00:00Z')).branch).toBe('closed');
    });
  });
});
