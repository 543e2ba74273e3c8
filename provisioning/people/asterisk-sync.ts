// Keeps the running Asterisk's SIP accounts in step with the directory: each time the ARI link comes up (app start,
// Asterisk restarted, maybe with an empty astdb), every person is pushed again and accounts of removed people are
// dropped. Whoever holds the ARI link runs it: the web server (npm start) and the runtime alone (npm run runtime).
import type { SwitchboardDb } from '#db/client.ts';
import type { SipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import { log } from '#runtime/log.ts';
import { syncPeopleToAsterisk, type PeopleSyncReport } from './people-service.ts';

export function describeSync(report: PeopleSyncReport): string {
  const parts = [`${report.applied.length} account(s) pushed`, `${report.removed.length} removed`];
  if (report.staleInPjsipConf.length > 0) {
    parts.push(
      `pjsip.conf defines ${report.staleInPjsipConf.join(', ')} differently from the directory ` +
        '(it was written with --static-people: regenerate it, with or without that option, and reload res_pjsip)',
    );
  }
  for (const failure of report.failed) parts.push(`${failure.username}: ${failure.message}`);
  return parts.join('; ');
}

/** Where the directory stands in the connected Asterisk (runtime health, readiness of end-to-end tests). */
export type PeopleSyncStatus =
  /** No sync since start-up: the ARI link has not come up yet. */
  | { state: 'waiting' }
  | { state: 'syncing'; since: number }
  /** The last sync, finished at `at`, pushed everyone (and dropped the accounts of people gone). */
  | { state: 'synced'; at: number }
  /** The last sync finished at `at` but left some accounts behind (the message says which and why). */
  | { state: 'failed'; at: number; message: string };

export interface PeopleSync {
  /** To call on every ARI state change: syncs on "connected", one sync at a time. */
  onAriState(state: string): void;
  status(): PeopleSyncStatus;
}

/**
 * Keeps Asterisk's accounts in step with the directory across (re)connections. People live in astdb, pushed over
 * ARI, so a restarted Asterisk keeps them; a sync on every connect still catches up with changes made while
 * Switchboard was away (CLI without ARI settings, a person removed while the app was down, a wiped astdb).
 */
export function createPeopleSync(
  db: SwitchboardDb,
  provisioner: SipAccountProvisioner,
  clock: () => number = Date.now,
): PeopleSync {
  let status: PeopleSyncStatus = { state: 'waiting' };
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    do {
      again = false;
      status = { state: 'syncing', since: clock() };
      try {
        const report = await syncPeopleToAsterisk(db, provisioner);
        const message = `SIP accounts synced with Asterisk: ${describeSync(report)}`;
        if (report.failed.length > 0 || report.staleInPjsipConf.length > 0) {
          log.warn(message);
          status = { state: 'failed', at: clock(), message };
        } else {
          log.info(message);
          status = { state: 'synced', at: clock() };
        }
      } catch (error) {
        const message = `Could not sync SIP accounts with Asterisk: ${error instanceof Error ? error.message : String(error)}`;
        log.warn(message);
        status = { state: 'failed', at: clock(), message };
      }
    } while (again);
    running = null;
  };
  return {
    onAriState(state) {
      if (state !== 'connected') return;
      if (running) {
        again = true; // Asterisk may have come back empty while we were pushing: push everyone once more
        return;
      }
      running = run();
    },
    status: () => status,
  };
}
