// The browser device of each person of the directory (provisioning/asterisk/browser-device.ts): its SIP credential
// lives beside the person's phone credential, in users.browser_sip_md5_cred. There is no password to remember: the
// web app derives one per staff session (app/softphone/credentials.server.ts) and stores only its md5 here. When no
// password is out (never issued, or revoked), the column holds a random md5 that no password matches.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { browserDeviceName } from '#provisioning/asterisk/browser-device.ts';
import type { SipAccount } from '#provisioning/asterisk/config.ts';
import type { SwitchboardDb } from './client.ts';
import { users } from './schema.ts';
import { sipMd5Cred } from './users.ts';

/**
 * 32 random hex digits. As md5_cred it lets nobody register: the password would have to hash to it. It must stay
 * secret all the same, like every md5_cred: whoever knows one can answer digest challenges without the password.
 */
export function unusableMd5Cred(): string {
  return randomBytes(16).toString('hex');
}

/** md5("bob~web:asterisk:<password>"), what Asterisk checks the browser device's REGISTER against. */
export function browserDeviceMd5Cred(personUsername: string, password: string): string {
  return sipMd5Cred(browserDeviceName(personUsername), password);
}

/** Gives every person without a browser device credential yet a random one; returns how many got one. */
export function fillMissingBrowserCredentials(db: SwitchboardDb): number {
  const missing = db.orm.select({ id: users.id }).from(users).where(isNull(users.browserSipMd5Cred)).all();
  let filled = 0;
  for (const { id } of missing) {
    // "still null": another process (web app, runtime, CLI) may have filled it meanwhile; its value stays.
    filled += db.orm
      .update(users)
      .set({ browserSipMd5Cred: unusableMd5Cred() })
      .where(and(eq(users.id, id), isNull(users.browserSipMd5Cred)))
      .run().changes;
  }
  return filled;
}

export interface BrowserDeviceOwner {
  id: string;
  username: string;
  extension: string;
  displayName: string;
  /** The current md5_cred, null when never given one. */
  browserMd5Cred: string | null;
}

export function browserDeviceOwner(db: SwitchboardDb, personId: string): BrowserDeviceOwner | null {
  return (
    db.orm
      .select({
        id: users.id,
        username: users.username,
        extension: users.extension,
        displayName: users.displayName,
        browserMd5Cred: users.browserSipMd5Cred,
      })
      .from(users)
      .where(eq(users.id, personId))
      .get() ?? null
  );
}

/** Stores a new credential for the person's browser device. */
export function setBrowserMd5Cred(db: SwitchboardDb, personId: string, md5Cred: string): void {
  db.orm
    .update(users)
    .set({ browserSipMd5Cred: md5Cred.toLowerCase(), updatedAt: Date.now() })
    .where(eq(users.id, personId))
    .run();
}

/** The browser device of this person as Asterisk must know it (an unusable credential until one is issued). */
export function browserDeviceAccount(
  person: Pick<BrowserDeviceOwner, 'username' | 'extension' | 'displayName' | 'browserMd5Cred'>,
): SipAccount {
  return {
    username: browserDeviceName(person.username),
    extension: person.extension,
    displayName: person.displayName,
    md5Cred: person.browserMd5Cred ?? unusableMd5Cred(),
    device: 'browser',
  };
}
