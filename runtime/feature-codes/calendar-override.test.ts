import { describe, expect, it } from 'vitest';
import { parseCalendar, type Calendar, type CalendarOverride } from '#flows/calendar/calendar.ts';
import { MemoryPromptSource } from '../memory-ports.ts';
import { SimulatedCall } from '../simulated-call.ts';
import { calendarOverrideFeatureCode, type CalendarSwitches } from './calendar-override.ts';
import type { FeatureCodeContext } from './feature-code.ts';

/** Calendars in memory, by id, as the feature code sees them through its port. */
class FakeSwitches implements CalendarSwitches {
  readonly calendars = new Map<string, Calendar>();
  calendarByFeatureCode(digits: string) {
    for (const [id, calendar] of this.calendars) if (calendar.featureCode === digits) return { id, calendar };
    return null;
  }
  setOverride(calendarId: string, override: CalendarOverride | null) {
    this.calendars.set(calendarId, { ...this.calendars.get(calendarId)!, override });
  }
}

function setUp() {
  const switches = new FakeSwitches();
  switches.calendars.set('cal_1', parseCalendar({ name: 'Accueil', featureCode: '1', featureCodeUsers: ['alice'] }));
  switches.calendars.set('cal_2', parseCalendar({ name: 'Support', featureCode: '2' }));
  const code = calendarOverrideFeatureCode({ calendars: switches, now: () => 42 });
  return { switches, code };
}

async function dial(
  code: ReturnType<typeof calendarOverrideFeatureCode>,
  dialled: string,
  callerUsername: string | null,
  language = 'fr-FR',
) {
  const call = new SimulatedCall({ dialledNumber: dialled });
  const notes: Record<string, unknown>[] = [];
  const context: FeatureCodeContext = {
    call,
    signal: new AbortController().signal,
    prompts: new MemoryPromptSource(),
    language,
    callerUsername,
    note: (detail) => notes.push(detail),
  };
  const matched = code.match(dialled);
  if (!matched) throw new Error(`${dialled} is not *48`);
  await code.run(context, matched.rest);
  return { said: call.playedTexts(), notes: notes.filter((note) => !('prompt' in note)) };
}

describe('*48 calendar override feature code', () => {
  it('matches *48 followed by 1 to 6 digits, nothing else', () => {
    const { code } = setUp();
    expect(code.pattern).toBe('*48');
    expect(code.match('*481')).toEqual({ rest: '1' });
    expect(code.match('*48123456')).toEqual({ rest: '123456' });
    expect(code.match('*48')).toBeNull();
    expect(code.match('*45')).toBeNull();
    expect(code.match('6001')).toBeNull();
    expect(code.match('*481234567')).toBeNull();
  });

  it('an allowed person closes the calendar now, then puts it back to normal, hearing the new state each time', async () => {
    const { code, switches } = setUp();
    const first = await dial(code, '*481', 'alice');
    expect(switches.calendars.get('cal_1')?.override).toEqual({
      state: 'closed',
      reason: 'feature code *481',
      setAt: 42,
      setBy: 'alice',
    });
    expect(first.said).toEqual(['Accueil : fermé maintenant.']);
    expect(first.notes).toEqual([
      { featureCode: '*481', calendarId: 'cal_1', calendar: 'Accueil', outcome: 'closed-now', by: 'alice' },
    ]);
    const second = await dial(code, '*481', 'alice', 'en-US');
    expect(switches.calendars.get('cal_1')?.override).toBeNull();
    expect(second.said).toEqual(['Accueil: back to normal hours.']);
  });

  it('an "open now" set on the web is replaced by closed now', async () => {
    const { code, switches } = setUp();
    switches.setOverride('cal_1', { state: 'open', reason: 'rush', setAt: 1, setBy: 'bob' });
    await dial(code, '*481', 'alice');
    expect(switches.calendars.get('cal_1')?.override?.state).toBe('closed');
  });

  it('refuses people not listed, callers who are not directory people, and calendars listing nobody', async () => {
    const { code, switches } = setUp();
    const bob = await dial(code, '*481', 'bob');
    expect(bob.said).toEqual(['Vous ne pouvez pas modifier ce calendrier.']);
    expect(bob.notes).toEqual([{ featureCode: '*481', calendarId: 'cal_1', outcome: 'refused', caller: 'bob' }]);
    const trunk = await dial(code, '*481', null);
    expect(trunk.notes[0]).toMatchObject({ outcome: 'refused', caller: 'not a directory person' });
    const nobodyListed = await dial(code, '*482', 'alice');
    expect(nobodyListed.notes[0]).toMatchObject({ outcome: 'refused' });
    expect(switches.calendars.get('cal_1')?.override).toBeNull();
    expect(switches.calendars.get('cal_2')?.override).toBeNull();
  });

  it('says so when no calendar has these digits', async () => {
    const { code } = setUp();
    const result = await dial(code, '*489', 'alice');
    expect(result.said).toEqual(['Ce code ne correspond à aucun calendrier.']);
    expect(result.notes).toEqual([{ featureCode: '*489', outcome: 'unknown-calendar' }]);
  });
});
