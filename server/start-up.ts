// What both processes (`npm start`, `npm run runtime`) open first, with the same rule: a wrong setting or an unusable
// database stops the start with one line saying what and where, not a stack trace.
import { openDatabase, type SwitchboardDb } from '#db/client.ts';
import { DatabaseUnavailableError } from '#db/errors.ts';
import { TestClockSettingError, testClockFromEnv } from '#runtime/clock.ts';
import { stopAtStart } from '#runtime/log.ts';
import { MobileProvisioningSettingError, mobileProvisioningSettingsFromEnv } from '#provisioning/mobile/settings.ts';
import { allowedHostsFromEnv, SettingError, type AllowedHost } from './allowed-hosts.ts';

export function openDatabaseAndHostRules(env: NodeJS.ProcessEnv): { db: SwitchboardDb; allowedHosts: AllowedHost[] } {
  try {
    const allowedHosts = allowedHostsFromEnv(env);
    // SWITCHBOARD_TEST_CLOCK outside a test or demo installation stops the start here (runtime/clock.ts).
    testClockFromEnv(env);
    // PROVISIONING_LINK_MINUTES, SIP_PUBLIC_HOST, SIP_TLS_PORT (docs/softphone.md): a typo stops the start here rather
    // than the People page's "Set up a mobile phone".
    mobileProvisioningSettingsFromEnv(env);
    return { allowedHosts, db: openDatabase() };
  } catch (error) {
    if (!(
      error instanceof DatabaseUnavailableError ||
      error instanceof SettingError ||
      error instanceof TestClockSettingError ||
      error instanceof MobileProvisioningSettingError
    ))
      throw error;
    return stopAtStart(error.message);
  }
}
