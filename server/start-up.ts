// What both processes (`npm start`, `npm run runtime`) open first, with the same rule: a wrong setting or an unusable
// database stops the start with one line saying what and where, not a stack trace.
import { openDatabase, type SwitchboardDb } from '#db/client.ts';
import { DatabaseUnavailableError } from '#db/errors.ts';
import { TestClockSettingError, testClockFromEnv } from '#runtime/clock.ts';
import { stopAtStart } from '#runtime/log.ts';
import { allowedHostsFromEnv, SettingError, type AllowedHost } from './allowed-hosts.ts';

export function openDatabaseAndHostRules(env: NodeJS.ProcessEnv): { db: SwitchboardDb; allowedHosts: AllowedHost[] } {
  try {
    const allowedHosts = allowedHostsFromEnv(env);
    // SWITCHBOARD_TEST_CLOCK outside a test or demo installation stops the start here (runtime/clock.ts).
    testClockFromEnv(env);
    return { allowedHosts, db: openDatabase() };
  } catch (error) {
    if (!(
      error instanceof DatabaseUnavailableError ||
      error instanceof SettingError ||
      error instanceof TestClockSettingError
    ))
      throw error;
    return stopAtStart(error.message);
  }
}
