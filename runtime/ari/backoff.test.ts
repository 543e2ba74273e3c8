import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT_BACKOFF, reconnectDelayMs } from './backoff.ts';

describe('reconnectDelayMs', () => {
  it('doubles from 0.5 s and stays at 15 s forever', () => {
    const delays = Array.from({ length: 9 }, (_, attempt) => reconnectDelayMs(attempt));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000]);
    expect(reconnectDelayMs(10_000)).toBe(DEFAULT_RECONNECT_BACKOFF.maxMs);
  });

  it('follows a custom policy', () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelayMs(attempt, { initialMs: 100, maxMs: 300 }))).toEqual([
      100, 200, 300, 300,
    ]);
  });

  it('rejects nonsense input with a message saying what is wrong', () => {
    expect(() => reconnectDelayMs(-1)).toThrow(/attempt must be an integer >= 0/);
    expect(() => reconnectDelayMs(0, { initialMs: 0, maxMs: 10 })).toThrow(/0 < initialMs <= maxMs/);
  });
});
