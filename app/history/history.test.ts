import { describe, expect, it } from 'vitest';
import { callCsvLine, csvField } from './csv.ts';
import { translatorFor } from '#i18n/translator.ts';
import { filtersQuery, formatDuration, outcomeLabel, parseHistoryFilters } from './filters.ts';

const en = translatorFor('en');
const fr = translatorFor('fr');

describe('history filters', () => {
  it('reads the URL into listCalls filters and writes them back', () => {
    const parsed = parseHistoryFilters(
      new URLSearchParams('flow=flw_1&number=6003&outcome=completed&from=2026-11-26T08:00&kind=simulated'),
      en,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.filter).toEqual({
      flowId: 'flw_1',
      number: '6003',
      outcome: 'completed',
      from: Date.UTC(2026, 10, 26, 8, 0),
      simulated: true,
    });
    expect(filtersQuery(parsed.values, { cursor: 'abc' })).toBe(
      '?flow=flw_1&number=6003&outcome=completed&from=2026-11-26T08%3A00&kind=simulated&cursor=abc',
    );
  });

  it('says what is wrong and ignores that filter', () => {
    const parsed = parseHistoryFilters(new URLSearchParams('outcome=exploded&to=yesterday&kind=fake'), en);
    expect(parsed.filter).toEqual({});
    expect(parsed.problems).toHaveLength(3);
    expect(parsed.problems[0]).toContain('"exploded" is not a call outcome');
    expect(parsed.problems[2]).toBe('"yesterday" is not a date and time for "to" (expected e.g. 2026-11-26T08:00)');
  });

  it('says it in French to a French reader', () => {
    const parsed = parseHistoryFilters(new URLSearchParams('kind=fake&from=demain'), fr);
    expect(parsed.problems).toEqual([
      "« fake » n'est pas un type d'appel (all, real, simulated)",
      "« demain » n'est pas une date et une heure valables pour le filtre « Du » (par exemple 2026-11-26T08:00)",
    ]);
  });

  it('formats durations', () => {
    expect(formatDuration(null)).toBe('running');
    expect(formatDuration(4_400)).toBe('4 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
});

describe('history CSV', () => {
  it('quotes what needs it and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=cmd()')).toBe("'=cmd()");
    expect(csvField(null)).toBe('');
  });

  it('writes one call per line', () => {
    const line = callCsvLine(
      {
        id: 'call_1',
        channelId: 'c',
        dialledNumber: '6003',
        callerNumber: '+33611223344',
        callerName: 'Léa, RH',
        simulated: false,
        flowId: 'flw_1',
        flowName: 'Standard',
        versionId: 'ver_1',
        versionNumber: 2,
        startedAt: Date.UTC(2026, 0, 1, 10, 0, 0),
        endedAt: Date.UTC(2026, 0, 1, 10, 0, 42),
        outcome: 'completed',
        reason: null,
      },
      null,
      en,
    );
    expect(line).toBe(
      'call_1,2026-01-01T10:00:00.000Z,2026-01-01T10:00:42.000Z,42,6003,\'+33611223344,"Léa, RH",Standard,2,completed,,false,,,,\r\n',
    );
  });
});

describe('outcomeLabel', () => {
  it('says a lost call was cut by Asterisk going away, not by the caller', () => {
    expect(outcomeLabel('lost', en)).toBe('lost (Asterisk restarted or went away)');
    expect(outcomeLabel('caller-hung-up', en)).toBe('caller-hung-up');
    expect(outcomeLabel(null, en)).toBe('running');
    expect(outcomeLabel('lost', fr)).toBe('perdu (Asterisk a redémarré ou a disparu)');
    expect(outcomeLabel(null, fr)).toBe('en cours');
  });
});
