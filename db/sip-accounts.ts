import { asc } from 'drizzle-orm';
import type { SipAccount } from '#provisioning/asterisk/config.ts';
import { browserDeviceAccount, fillMissingBrowserCredentials } from './browser-devices.ts';
import { closeDatabase, openDatabase, type SwitchboardDb } from './client.ts';
import { users } from './schema.ts';
import { demoSecretsFromEnv, describeSecrets, seedPeople } from './seed.ts';

/**
 * The SIP accounts Asterisk must know, two per person of the directory (by extension): their phone ("bob") and their
 * browser device ("bob~web", db/browser-devices.ts). Pushed over ARI, or written into pjsip.conf by
 * `switchboard asterisk config --static-people`. A person whose browser device has no credential yet gets a random
 * one first (stored, so every push and pjsip.conf agree on it).
 * Without a database handle it opens the default one (SWITCHBOARD_DB) for the read and closes it again, which is
 * what the one-shot CLI command wants.
 */
export function loadSipAccounts(db?: SwitchboardDb): SipAccount[] {
  if (!db) {
    const own = openDatabase();
    try {
      return loadSipAccounts(own);
    } finally {
      closeDatabase(own);
    }
  }
  fillMissingBrowserCredentials(db);
  const people = db.orm
    .select({
      username: users.username,
      extension: users.extension,
      displayName: users.displayName,
      md5Cred: users.sipMd5Cred,
      browserMd5Cred: users.browserSipMd5Cred,
    })
    .from(users)
    .orderBy(asc(users.extension))
    .all();
  return people.flatMap(({ browserMd5Cred, ...phone }) => [phone, browserDeviceAccount({ ...phone, browserMd5Cred })]);
}

/**
 * The accounts of the default database (SWITCHBOARD_DB), for the one-shot `asterisk config` command. A fresh install
 * gets the seed brief's people first, whether the web server or this command touches the database first; their
 * new secrets go to `print` (stderr), the only time they are shown.
 */
export async function loadSipAccountsFromDefaultDatabase(
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = (line) => console.error(line),
): Promise<SipAccount[]> {
  const db = openDatabase();
  try {
    const demoSecrets = demoSecretsFromEnv(env);
    const seeded = await seedPeople(db, { demoSecrets });
    for (const line of describeSecrets(seeded, 'Seed people created (fresh database). Their secrets:')) print(line);
    return loadSipAccounts(db);
  } finally {
    closeDatabase(db);
  }
}
