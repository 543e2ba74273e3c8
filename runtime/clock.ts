// The clock business rules read (calendars of business-hours nodes), apart from the clock that stamps events: a
// test, the simulator's "call at" and SWITCHBOARD_TEST_CLOCK move the first, never the second (history, sessions
// and timeouts stay on real time).

/** The instant business rules see as "now". */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that reads `start` at this moment and then runs on at the real pace. */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}

/** SWITCHBOARD_TEST_CLOCK was set where it is not allowed, or is not a date-time with its offset. */
export class TestClockSettingError extends Error {
  override readonly name = 'TestClockSettingError';
}

// A date-time with its offset: 2026-12-25T10:00:00+01:00, 2026-12-25T09:00Z. Without an offset the instant would
// depend on the server's zone, which is exactly what a test must not.
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The pinned clock asked for by SWITCHBOARD_TEST_CLOCK, or null when it is not set. Allowed only on a test or demo
 * installation (NODE_ENV=test or SWITCHBOARD_DEMO_SECRETS=1): a production server that finds it refuses to start
 * (throws TestClockSettingError), since a clock set in the past would answer real callers with the wrong hours. The
 * clock starts at that instant when the process reads it and runs on from there.
 */
export function testClockFromEnv(
  env: Record<string, string | undefined>,
  realNow: () => number = Date.now,
): { clock: Clock; startedAt: Date } | null {
  const setting = env.SWITCHBOARD_TEST_CLOCK?.trim();
  if (!setting) return null;
  if (env.NODE_ENV !== 'test' && env.SWITCHBOARD_DEMO_SECRETS !== '1') {
    throw new TestClockSettingError(
      'SWITCHBOARD_TEST_CLOCK is set, but this is not a test or demo installation: it is honoured only with ' +
        'NODE_ENV=test or SWITCHBOARD_DEMO_SECRETS=1. Remove it (real callers would get the hours of another day).',
    );
  }
  const start = new Date(setting);
  if (!DATE_TIME_WITH_OFFSET.test(setting) || Number.isNaN(start.getTime())) {
    throw new TestClockSettingError(
      `SWITCHBOARD_TEST_CLOCK="${setting}" is not a date-time with its offset, e.g. 2026-12-25T10:00:00+01:00`,
    );
  }
  return { clock: clockStartingAt(start, realNow), startedAt: start };
}

let processClock: Clock | null = null;

/**
 * This process's business clock: SWITCHBOARD_TEST_CLOCK read once (so the web pages, the simulator and the in-process
 * runtime share one start), else the real time. Throws TestClockSettingError like testClockFromEnv.
 */
export function processBusinessClock(): Clock {
  processClock ??= testClockFromEnv(process.env)?.clock ?? systemClock;
  return processClock;
}
