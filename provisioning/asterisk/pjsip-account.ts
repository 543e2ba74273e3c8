// The PJSIP objects of one person's SIP account, as attribute/value pairs. Two writers use them: the generated
// pjsip.conf (through its templates) and live provisioning over ARI push configuration, which has no templates and
// must send every attribute. Keeping the values here means a pushed account and a pjsip.conf account are the same.
import type { SipAccount } from './config.ts';
import { DEVICE_CALL_CONTEXT } from './extensions-conf.ts';

/** The realm every md5Cred is computed with; also sent in Asterisk's challenges. */
export const SIP_REALM = 'asterisk';

export type PjsipAttributes = [attribute: string, value: string][];

/**
 * The accountcode that marks an endpoint as one Switchboard manages: at start-up the app removes marked endpoints
 * whose person is no longer in the directory (removed by the CLI while the server was down), and never touches
 * unmarked ones. (Not set_var: measured on Asterisk 22.10, set_var does not survive the astdb wizard's round trip.)
 */
export const MANAGED_ACCOUNT_CODE = 'switchboard';

/** What every phone endpoint shares. No `transport=` on purpose: a phone may register over UDP or TLS. */
export const PHONE_ENDPOINT_DEFAULTS: PjsipAttributes = [
  // from-internal sends every dialled number to the Stasis app: the flows decide what happens.
  ['context', 'from-internal'],
  ['disallow', 'all'],
  ['allow', 'ulaw,alaw'],
  ['dtmf_mode', 'rfc4733'],
  // Media must cross Asterisk: the runtime plays prompts, records and bridges it.
  ['direct_media', 'no'],
  // Phones behind NAT (home softphones): answer and send media where packets really come from.
  ['rtp_symmetric', 'yes'],
  ['force_rport', 'yes'],
  ['rewrite_contact', 'yes'],
];

/**
 * What every browser device shares (the web app's softphone: provisioning/asterisk/browser-device.ts). `webrtc=yes`
 * is Asterisk 22's shorthand for use_avpf, media_encryption=dtls, dtls_auto_generate_cert, dtls_verify=fingerprint,
 * dtls_setup=actpass, ice_support, media_use_received_transport and rtcp_mux. No `transport=` either: the browser
 * registers over the SIP WebSocket, and Asterisk reaches it back over that connection.
 */
export const BROWSER_ENDPOINT_DEFAULTS: PjsipAttributes = [
  // Through a Local channel to the Stasis app (extensions-conf.ts, deviceContexts): transfers stay in Asterisk.
  ['context', DEVICE_CALL_CONTEXT],
  ['disallow', 'all'],
  // G.711 only: every other party (prompts recorded at 8 kHz, desk phones, conferences) speaks it, so a browser call
  // costs Asterisk no transcoding; every browser supports both.
  ['allow', 'ulaw,alaw'],
  ['dtmf_mode', 'rfc4733'],
  ['direct_media', 'no'],
  ['webrtc', 'yes'],
];

export const PHONE_AUTH_DEFAULTS: PjsipAttributes = [
  // md5_cred holds md5(username:realm:password); the realm must be the one it was computed with.
  ['auth_type', 'md5'],
  ['realm', SIP_REALM],
];

export const PHONE_AOR_DEFAULTS: PjsipAttributes = [
  // A person may use a desk phone and a softphone at once; the oldest registration goes first when full.
  ['max_contacts', '5'],
  ['remove_existing', 'yes'],
];

/** The endpoint defaults of this kind of device. */
export function endpointDefaults(account: Pick<SipAccount, 'device'>): PjsipAttributes {
  return account.device === 'browser' ? BROWSER_ENDPOINT_DEFAULTS : PHONE_ENDPOINT_DEFAULTS;
}

/**
 * The attributes that differ per account, on top of the defaults above. A browser device has the same caller id as
 * its person's phone; its media encryption is DTLS (webrtc=yes), never SDES.
 */
export function accountEndpointAttributes(account: SipAccount): PjsipAttributes {
  return [
    ['callerid', callerId(account)],
    ...(account.device === 'browser' ? [] : srtpAttributes(account.srtp ?? 'optional')),
    ['accountcode', MANAGED_ACCOUNT_CODE],
    ['auth', account.username],
    ['aors', account.username],
  ];
}

export function accountAuthAttributes(account: SipAccount): PjsipAttributes {
  return [
    ['username', account.username],
    ['md5_cred', account.md5Cred.toLowerCase()],
  ];
}

/** The three objects of an account with every attribute, in the order they must be created (endpoint last). */
export function pjsipAccountObjects(account: SipAccount): {
  auth: PjsipAttributes;
  aor: PjsipAttributes;
  endpoint: PjsipAttributes;
} {
  return {
    auth: [...PHONE_AUTH_DEFAULTS, ...accountAuthAttributes(account)],
    aor: [...PHONE_AOR_DEFAULTS],
    endpoint: [...endpointDefaults(account), ...accountEndpointAttributes(account)],
  };
}

function srtpAttributes(srtp: 'optional' | 'off'): PjsipAttributes {
  if (srtp === 'off') return [['media_encryption', 'no']];
  // SDES keys travel in the SDP, so SRTP is only private over TLS. "Optimistic" offers SRTP but accepts plain RTP,
  // which keeps UDP softphones without SRTP working.
  return [
    ['media_encryption', 'sdes'],
    ['media_encryption_optimistic', 'yes'],
  ];
}

/** `"Name" <6001>`. A `"` would end the quoted name, so it becomes `'`. (pjsip.conf also escapes `;`.) */
export function callerId(account: Pick<SipAccount, 'displayName' | 'extension'>): string {
  const name = account.displayName.replaceAll('\\', '').replaceAll('"', "'").trim();
  return name ? `"${name}" <${account.extension}>` : `<${account.extension}>`;
}
