import { describe, expect, it } from 'vitest';
import { formattersFor } from './format.ts';

// 6 December 2026, 14:05 UTC. The hour shown depends on the machine's time zone: the tests check the shape.
const afternoon = Date.UTC(2026, 11, 6, 14, 5);

describe('formatting for the language', () => {
  it('writes French dates day first with the 24-hour clock', () => {
    const text = formattersFor('fr').dateTime(afternoon);
    expect(text).toMatch(/^06\/12\/2026 \d{2}:\d{2}$/);
    expect(text).not.toMatch(/AM|PM/);
  });

  it('writes English dates month first with the 12-hour clock', () => {
    expect(formattersFor('en').dateTime(afternoon)).toMatch(/^12\/6\/26, \d{1,2}:\d{2}\s?(AM|PM)$/);
  });

  it('writes numbers and ratios with each language’s separators', () => {
    expect(formattersFor('fr').number(1234.5)).toBe('1\u202f234,5');
    expect(formattersFor('en').number(1234.5)).toBe('1,234.5');
    expect(formattersFor('fr').percent(0.42)).toBe('42\u00a0%');
    expect(formattersFor('en').percent(0.42)).toBe('42%');
  });

  it('writes durations in seconds, minutes and hours', () => {
    const french = formattersFor('fr');
    expect(french.duration(42)).toBe('42 s');
    expect(french.duration(185)).toBe('3 min 05 s');
    expect(french.duration(3720)).toBe('1 h 02 min');
    // 59.6 s rounds to a whole minute, written as minutes, not as "60 s".
    expect(formattersFor('en').duration(59.6)).toBe('1 min 00 s');
  });
});
