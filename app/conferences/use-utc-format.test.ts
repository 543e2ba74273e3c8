import { describe, expect, it } from 'vitest';
import { utcFormattersFor } from './use-utc-format.ts';

// 6 December 2026, 14:05:09 UTC: whatever the machine's time zone, the room view writes this instant the same way.
const AT = Date.UTC(2026, 11, 6, 14, 5, 9);

describe('UTC times of the room view', () => {
  it('writes day/month and the 24-hour clock in French', () => {
    expect(utcFormattersFor('fr').clock(AT)).toBe('14:05:09');
    expect(utcFormattersFor('fr').dateTime(AT)).toBe('06/12/2026 14:05:09');
  });

  it('writes month/day and AM/PM in English', () => {
    expect(utcFormattersFor('en').clock(AT)).toBe('2:05:09 PM');
    expect(utcFormattersFor('en').dateTime(AT)).toBe('12/6/26, 2:05:09 PM');
  });
});
