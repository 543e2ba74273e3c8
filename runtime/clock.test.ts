import { describe, expect, it } from 'vitest';
import { clockStartingAt, TestClockSettingError, testClockFromEnv } from './clock.ts';

describe('clockStartingAt', () => {
  it('reads the start instant first, then runs on at the real pace', () => {
    let real = 1_000_000;
    const clock = clockStartingAt(new Date('2026-12-25T09:00:00Z'), () => real);
    expect(clock().toISOString()).toBe('2026-12-25T09:00:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2026-12-25T09:01:30.000Z');
  });
});

describe('testClockFromEnv', () => {
  it('is null when SWITCHBOARD_TEST_CLOCK is not set', () => {
    expect(testClockFromEnv({ NODE_ENV: 'test' })).toBeNull();
    expect(testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: ' ' })).toBeNull();
  });

  it('pins the clock on a test or demo installation', () => {
    const pinned = testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: '2026-12-25T10:00:00+01:00', NODE_ENV: 'test' }, () => 0);
    expect(pinned?.clock().toISOString()).toBe('2026-12-25T09:00:00.000Z');
    const demo = testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: '2026-07-14T10:00Z', SWITCHBOARD_DEMO_SECRETS: '1' });
    expect(demo?.startedAt.toISOString()).toBe('2026-07-14T10:00:00.000Z');
  });

  it('refuses it anywhere else, saying why', () => {
    expect(() => testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: '2026-12-25T10:00:00+01:00' })).toThrow(
      TestClockSettingError,
    );
    expect(() =>
      testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: '2026-12-25T10:00:00+01:00', NODE_ENV: 'production' }),
    ).toThrow(/not a test or demo installation/);
    expect(() =>
      testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: '2026-12-25T10:00:00+01:00', SWITCHBOARD_DEMO_SECRETS: 'yes' }),
    ).toThrow(/NODE_ENV=test or SWITCHBOARD_DEMO_SECRETS=1/);
  });

  it('refuses a date-time without its offset or that does not exist', () => {
    expect(() => testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: '2026-12-25T10:00:00', NODE_ENV: 'test' })).toThrow(
      /not a date-time with its offset/,
    );
    expect(() => testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: 'tomorrow', NODE_ENV: 'test' })).toThrow(
      TestClockSettingError,
    );
    expect(() => testClockFromEnv({ SWITCHBOARD_TEST_CLOCK: '2026-13-45T10:00Z', NODE_ENV: 'test' })).toThrow(
      TestClockSettingError,
    );
  });
});
