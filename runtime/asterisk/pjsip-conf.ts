// pjsip.conf: transports, one endpoint+auth+aor per Switchboard SIP account, and (sandbox) the test endpoints.
import type { AsteriskConfigSettings, SipAccount } from './config.ts';
import { confFile, hostPort } from './conf-format.ts';

/** The realm every md5Cred is computed with; also sent in Asterisk's challenges. */
export const SIP_REALM = 'asterisk';

/** Section names the generator uses itself (including templates); an account with one of them would clash. */
export const RESERVED_SIP_NAMES = [
  'global', 'transport-udp', 'transport-tls', 'sipp', 'sipp-uas', 'sipp-identify',
  'switchboard-phone', 'switchboard-phone-auth', 'switchboard-phone-aor',
];

/** Port a sipp UAS listens on in end-to-end tests; `PJSIP/sipp-uas` dials it. */
export const SANDBOX_UAS_PORT = 5071;

export function pjsipConf(settings: AsteriskConfigSettings): string {
  return confFile([
    ...globalSection(),
    ...transportSections(settings),
    ...phoneTemplates(),
    ...settings.accounts.flatMap(accountSections),
    ...(settings.sandbox ? sandboxSections() : []),
  ]);
}

function globalSection(): string[] {
  return [
    '[global]',
    'type=global',
    `default_realm=${SIP_REALM}`,
    // Asterisk's default order is ip,username,... With "ip" first, the sandbox's `identify match=127.0.0.1` would
    // claim EVERY request from loopback, so a phone registering as bob from 127.0.0.1 would become endpoint
    // "sipp" (no auth, no AOR "bob"). Matching the From user first keeps each account authenticating as itself;
    // requests whose From user is not an endpoint still fall back to identification by IP.
    'endpoint_identifier_order=username,ip',
    '',
  ];
}

function transportSections(settings: AsteriskConfigSettings): string[] {
  const { sip } = settings;
  const udp = ['[transport-udp]', 'type=transport', 'protocol=udp', `bind=${hostPort(sip.bindAddress, sip.udpPort)}`, ''];
  if (sip.tlsPort === 0) return [...udp, '; TLS transport disabled (sip.tlsPort = 0).', ''];
  return [
    ...udp,
    '[transport-tls]',
    'type=transport',
    'protocol=tls',
    `bind=${hostPort(sip.bindAddress, sip.tlsPort)}`,
    `cert_file=${sip.certFile}`,
    `priv_key_file=${sip.keyFile}`,
    // TLS 1.2 exactly, as in the project's original setup; every current softphone speaks it. (Measured on
    // Asterisk 22.10 + OpenSSL 3: method=sslv23 would accept 1.2 and 1.3, still refusing 1.0/1.1.)
    'method=tlsv1_2',
    '',
  ];
}

function phoneTemplates(): string[] {
  return [
    '; Shared by every account. No `transport=` on purpose: a phone may register over UDP or TLS and Asterisk',
    '; must call it back over the transport it registered with; pinning TLS would break UDP phones.',
    '[switchboard-phone](!)',
    'type=endpoint',
    '; from-internal sends every dialled number to the Stasis app: the flows decide what happens.',
    'context=from-internal',
    'disallow=all',
    'allow=ulaw,alaw',
    'dtmf_mode=rfc4733',
    '; Media must cross Asterisk: the runtime plays prompts, records and bridges it.',
    'direct_media=no',
    '; Phones behind NAT (home softphones): answer and send media where packets really come from.',
    'rtp_symmetric=yes',
    'force_rport=yes',
    'rewrite_contact=yes',
    '',
    '[switchboard-phone-auth](!)',
    'type=auth',
    '; md5_cred holds md5(username:realm:password); the realm must be the one it was computed with.',
    'auth_type=md5',
    `realm=${SIP_REALM}`,
    '',
    '[switchboard-phone-aor](!)',
    'type=aor',
    '; A person may use a desk phone and a softphone at once; the oldest registration goes first when full.',
    'max_contacts=5',
    'remove_existing=yes',
    '',
  ];
}

function accountSections(account: SipAccount): string[] {
  const name = account.username;
  return [
    `; --- ${name}: extension ${account.extension} ---`,
    `[${name}](switchboard-phone)`,
    `callerid=${callerId(account)}`,
    ...srtpLines(account.srtp ?? 'optional'),
    `auth=${name}`,
    `aors=${name}`,
    '',
    `[${name}](switchboard-phone-auth)`,
    `username=${name}`,
    `md5_cred=${account.md5Cred.toLowerCase()}`,
    '',
    `[${name}](switchboard-phone-aor)`,
    '',
  ];
}

function srtpLines(srtp: 'optional' | 'off'): string[] {
  if (srtp === 'off') return ['media_encryption=no'];
  // SDES keys travel in the SDP, so SRTP is only private over TLS. "Optimistic" offers SRTP but accepts plain RTP,
  // which keeps UDP softphones without SRTP working.
  return ['media_encryption=sdes', 'media_encryption_optimistic=yes'];
}

/** `"Name" <6001>`. `;` would start a comment and `"` would end the quoted name, so both are neutralised. */
function callerId(account: SipAccount): string {
  const name = account.displayName.replaceAll('\\', '').replaceAll('"', "'").replaceAll(';', '\\;').trim();
  return name ? `"${name}" <${account.extension}>` : `<${account.extension}>`;
}

function sandboxSections(): string[] {
  return [
    '; ===== sandbox only: end-to-end test endpoints =====',
    '; Requests from 127.0.0.1 whose From user is not an account (e.g. sipp) are endpoint "sipp": no auth,',
    '; context from-sip (every number -> Stasis).',
    '[sipp]',
    'type=endpoint',
    'context=from-sip',
    'disallow=all',
    'allow=ulaw,alaw',
    'direct_media=no',
    'dtmf_mode=rfc4733',
    'aors=sipp',
    '',
    '[sipp]',
    'type=aor',
    'max_contacts=5',
    '',
    '[sipp-identify]',
    'type=identify',
    'endpoint=sipp',
    'match=127.0.0.1',
    '',
    `; Dial-out target: PJSIP/sipp-uas reaches a sipp UAS on 127.0.0.1:${SANDBOX_UAS_PORT} (static contact, no`,
    '; registration). Another port: PJSIP/sipp-uas/sip:uas@127.0.0.1:PORT.',
    '[sipp-uas]',
    'type=endpoint',
    'context=from-sip',
    'disallow=all',
    'allow=ulaw,alaw',
    'direct_media=no',
    'dtmf_mode=rfc4733',
    'aors=sipp-uas',
    '',
    '[sipp-uas]',
    'type=aor',
    `contact=sip:uas@127.0.0.1:${SANDBOX_UAS_PORT}`,
    '',
  ];
}
