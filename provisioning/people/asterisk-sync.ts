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
 * Keeps Asterisk's accounts in step with the directory across (re)connections. People are pushed over ARI; their
 * endpoints live in Asterisk's memory (docs/decisions/016), so a restarted Asterisk gets them back from this sync on
 * the next connect, which also catches up with changes made while Switchboard was away (CLI without ARI settings, a
 * person removed while the app was down, a wiped astdb).
 */
/** After a sync that Asterisk failed (a push not answered in time...), the next try waits this long, doubling. */
export const SYNC_RETRY = { firstMs: 1_000, maxMs: 60_000 };

export function createPeopleSync(
  db: SwitchboardDb,
  provisioner: SipAccountProvisioner,
  clock: () => number = Date.now,
  retry: { firstMs: number; maxMs: number } = SYNC_RETRY,
): PeopleSync {
  let status: PeopleSyncStatus = { state: 'waiting' };
  let running: Promise<void> | null = null;
  let again = false;
  let connected = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelayMs = retry.firstMs;
  const run = async () => {
    let transientFailure = false;
    do {
      again = false;
      // Only Asterisk's answers failing is worth another try; a pjsip.conf account that differs needs a person.
      transientFailure = false;
      status = { state: 'syncing', since: clock() };
      try {
        const report = await syncPeopleToAsterisk(db, provisioner);
        const message = `SIP accounts synced with Asterisk: ${describeSync(report)}`;
        if (report.failed.length > 0 || report.staleInPjsipConf.length > 0) {
          log.warn(message);
          status = { state: 'failed', at: clock(), message };
          transientFailure = report.failed.length > 0;
        } else {
          log.info(message);
          status = { state: 'synced', at: clock() };
        }
      } catch (error) {
        const message = `Could not sync SIP accounts with Asterisk: ${error instanceof Error ? error.message : String(error)}`;
        log.warn(message);
        status = { state: 'failed', at: clock(), message };
        transientFailure = true;
      }
    } while (again);
    running = null;
    // A person whose push failed cannot register until it succeeds: try again while the link stays up, instead of
    // waiting for the next reconnection (which may be days away).
    if (transientFailure && connected) scheduleRetry();
    else retryDelayMs = retry.firstMs;
  };
  const scheduleRetry = () => {
    clearTimeout(retryTimer);
    const delay = retryDelayMs;
    retryDelayMs = Math.min(retryDelayMs * 2, retry.maxMs);
    log.info(`SIP accounts: trying the failed pushes again in ${Math.round(delay / 1000)} s`);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (connected && !running) running = run();
    }, delay);
    retryTimer.unref?.();
  };
  return {
    onAriState(state) {
      connected = state === 'connected';
      if (!connected) {
        clearTimeout(retryTimer);
        retryTimer = undefined;
        retryDelayMs = retry.firstMs;
        return;
      }
      if (running) {
        again = true; // Asterisk may have come back empty while we were pushing: push everyone once more
        return;
      }
      running = run();
    },
    status: () => status,
  };
}
