import { describe, expect, it } from 'vitest';
import { formatDayHours, HoursTextError, parseDayHours } from './hours-text.ts';

describe('day hours as text', () => {
  it('reads ranges separated by commas, with a dash, an en dash or "to", and pads 9:00', () => {
    expect(parseDayHours('09:00-12:30, 13:30–18:00')).toEqual([
      { from: '09:00', to: '12:30' },
      { from: '13:30', to: '18:00' },
    ]);
    expect(parseDayHours('9:00 to 24:00')).toEqual([{ from: '09:00', to: '24:00' }]);
  });

  it('reads nothing, "-" or "closed" as a closed day, and writes it back the same way', () => {
    expect(parseDayHours('')).toEqual([]);
    expect(parseDayHours('Closed')).toEqual([]);
    expect(formatDayHours([])).toBe('closed');
    expect(formatDayHours([], 'fermé')).toBe('fermé');
    expect(formatDayHours(parseDayHours('09:00-12:30,13:30-18:00'))).toBe('09:00-12:30, 13:30-18:00');
  });

  it('names the part it cannot read', () => {
    expect(() => parseDayHours('09:00-12:00, 2pm-6pm')).toThrow(HoursTextError);
    expect(() => parseDayHours('09:00-12:00, 2pm-6pm')).toThrow('"2pm-6pm" is not a range such as 09:00-12:30');
    expect(() => parseDayHours('9h-12h')).toThrow(expect.objectContaining({ part: '9h-12h' }));
  });

  it('reads the French word for a closed day too, since a French page writes it', () => {
    expect(parseDayHours('fermé')).toEqual([]);
    expect(parseDayHours('Ferme')).toEqual([]);
  });
});
