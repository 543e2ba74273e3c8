// The server's side of the web softphone's SIP identity (docs/asterisk.md, "Browser devices and the SIP WebSocket
// proxy"). A staff account linked to a person of the directory (staff_person_links) registers as that person's
// browser device, "bob~web". Its password is never stored: it is derived from the staff session,
// base64url(HMAC-SHA256(key = session id, "switchboard softphone " + username)), so
// - the same session always gets the same password (several tabs share one registration credential);
// - another session (another browser) gets another one: asking for it replaces the device's credential in Asterisk,
//   and the older browser's next re-REGISTER is refused (it has been taken over);
// - the session id is the HttpOnly cookie's secret, which no script can read, so only the server can derive it.
// users.browser_sip_md5_cred keeps md5("bob~web:asterisk:<password>"), what Asterisk checks. Signing out of the session
// whose password is current, or an administrator changing the account's link, replaces it with a random value.
import { createHmac } from 'node:crypto';
import type { StaffAuth } from '../auth.server.ts';
import {
  browserDeviceAccount,
  browserDeviceMd5Cred,
  browserDeviceOwner,
  setBrowserMd5Cred,
  unusableMd5Cred,
  type BrowserDeviceOwner,
} from '#db/browser-devices.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { linkedPersonOf } from '#db/voicemail-inbox.ts';
import { browserDeviceName } from '#provisioning/asterisk/browser-device.ts';
import { SIP_REALM } from '#provisioning/asterisk/pjsip-account.ts';
import type { AccountProvisioning, SipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import { log } from '#runtime/log.ts';
import type { SwitchboardServices } from '#server/services.ts';
import { SIP_WEBSOCKET_PATH, type SoftphoneCredentials } from './credentials.ts';

export interface SoftphoneDeps {
  db: SwitchboardDb;
  /** Pushes the device's new credential to Asterisk; null without ARI settings (the next sync carries it). */
  provisioner: SipAccountProvisioner | null;
  /** STUN/TURN URLs for the browser (SOFTPHONE_ICE_SERVERS). */
  iceServers: readonly string[];
}

export function softphoneDeps(services: SwitchboardServices): SoftphoneDeps {
  return {
    db: services.db,
    provisioner: services.sipProvisioner ?? null,
    iceServers: services.softphoneIceServers ?? [],
  };
}

/** The browser device's password for this staff session: 43 base64url characters. */
export function softphonePassword(sessionId: string, personUsername: string): string {
  return createHmac('sha256', sessionId).update(`switchboard softphone ${personUsername}`).digest('base64url');
}

/** "switchboard.example.com" from the address the page was loaded from, without port ("[::1]" stays bracketed). */
function sipDomain(requestUrl: string): string {
  return new URL(requestUrl).hostname;
}

/** Stores and pushes a new credential for the person's browser device; says in the log what became of the push. */
async function replaceCredential(
  deps: SoftphoneDeps,
  person: BrowserDeviceOwner,
  md5Cred: string,
  why: string,
): Promise<void> {
  setBrowserMd5Cred(deps.db, person.id, md5Cred);
  const device = browserDeviceName(person.username);
  if (!deps.provisioner) {
    log.info(`Browser device ${device}: ${why}; Asterisk gets it at the next sync (no ARI settings here)`);
    return;
  }
  const outcome: AccountProvisioning = await deps.provisioner.applyAuth(
    browserDeviceAccount({ ...person, browserMd5Cred: md5Cred }),
  );
  if (outcome.kind === 'applied') log.info(`Browser device ${device}: ${why}; pushed to Asterisk`);
  else if (outcome.kind === 'in-pjsip-conf') {
    log.warn(
      `Browser device ${device}: ${why}, but pjsip.conf defines it (--static-people) and ARI cannot change it: ` +
        'regenerate pjsip.conf without --static-people for the softphone to work',
    );
  } else if (outcome.kind === 'failed') {
    log.warn(`Browser device ${device}: ${why}, but Asterisk did not take it (the next sync will): ${outcome.message}`);
  }
}

/**
 * What POST /softphone/credentials answers the signed-in staff member: `no-person` when their account is linked to
 * nobody, else the browser device's identity with this session's password, after making it the device's current
 * credential (stored and pushed) when it was not already.
 */
export async function softphoneCredentials(
  deps: SoftphoneDeps,
  auth: Pick<StaffAuth, 'account' | 'session'>,
  requestUrl: string,
): Promise<SoftphoneCredentials> {
  const linked = linkedPersonOf(deps.db, auth.account.id);
  const person = linked ? browserDeviceOwner(deps.db, linked.id) : null;
  if (!person) return { status: 'no-person' };
  const password = softphonePassword(auth.session.id, person.username);
  const md5Cred = browserDeviceMd5Cred(person.username, password);
  if (person.browserMd5Cred !== md5Cred) {
    await replaceCredential(deps, person, md5Cred, `new credential for a session of staff "${auth.account.username}"`);
  }
  const device = browserDeviceName(person.username);
  return {
    status: 'ready',
    websocketPath: SIP_WEBSOCKET_PATH,
    sipUri: `sip:${device}@${sipDomain(requestUrl)}`,
    authorizationUser: device,
    password,
    realm: SIP_REALM,
    displayName: person.displayName,
    extension: person.extension,
    iceServers: deps.iceServers.map((urls) => ({ urls })),
  };
}

/**
 * At sign-out: when this session's password is the one the account's person's browser device accepts, that
 * credential is replaced by a random one, so the password stops working (a registered tab is refused at its next
 * re-REGISTER). A session whose password was already taken over by another changes nothing.
 */
export async function revokeSessionSoftphone(
  deps: SoftphoneDeps,
  auth: Pick<StaffAuth, 'account' | 'session'>,
): Promise<boolean> {
  const linked = linkedPersonOf(deps.db, auth.account.id);
  const person = linked ? browserDeviceOwner(deps.db, linked.id) : null;
  if (!person) return false;
  const current = browserDeviceMd5Cred(person.username, softphonePassword(auth.session.id, person.username));
  if (person.browserMd5Cred !== current) return false;
  await replaceCredential(
    deps,
    person,
    unusableMd5Cred(),
    `softphone password revoked (staff "${auth.account.username}" signed out)`,
  );
  return true;
}

/**
 * Makes any password out for this person's browser device stop working: when the staff account it came from is no
 * longer theirs (an administrator changed or removed the link, or disabled the account).
 */
export async function revokePersonSoftphone(deps: SoftphoneDeps, personId: string, why: string): Promise<void> {
  const person = browserDeviceOwner(deps.db, personId);
  if (person) await replaceCredential(deps, person, unusableMd5Cred(), `softphone password revoked (${why})`);
}

/**
 * After an administrator changed which person a staff account is (or disabled it): the person it was linked to
 * before keeps no password issued to that account's sessions.
 */
export async function revokeAfterLinkChange(
  deps: SoftphoneDeps,
  before: { id: string } | null,
  afterPersonId: string | null,
  why: string,
): Promise<void> {
  if (before && before.id !== afterPersonId) await revokePersonSoftphone(deps, before.id, why);
}
