// pjsip.conf: transports, the templates every phone account follows, (sandbox) the test endpoints and, only when
// asked for (people: 'static'), one endpoint+auth+aor per person. By default people's accounts are not in this file:
// Switchboard pushes them over ARI (runtime/ari/pjsip-provisioning.ts), and ARI can never change an object this file
// defines.
import type { AsteriskConfigSettings, SipAccount } from './config.ts';
import { confFile, hostPort } from './conf-format.ts';
import {
  BROWSER_ENDPOINT_DEFAULTS,
  PHONE_AOR_DEFAULTS,
  PHONE_AUTH_DEFAULTS,
  PHONE_ENDPOINT_DEFAULTS,
  SIP_REALM,
  accountAuthAttributes,
  accountEndpointAttributes,
  type PjsipAttributes,
} from './pjsip-account.ts';

export { SIP_REALM };

/** Section names the generator uses itself (including templates); an account with one of them would clash. */
export const RESERVED_SIP_NAMES = [
  'global',
  'transport-udp',
  'transport-tls',
  'transport-ws',
  'transport-wss',
  'sipp',
  'sipp-uas',
  'sipp-identify',
  'switchboard-phone',
  'switchboard-phone-auth',
  'switchboard-phone-aor',
  'switchboard-browser',
];

/** Port a sipp UAS listens on in end-to-end tests; `PJSIP/sipp-uas` dials it. */
export const SANDBOX_UAS_PORT = 5071;

export function pjsipConf(settings: AsteriskConfigSettings): string {
  return confFile([
    ...globalSection(),
    ...transportSections(settings),
    ...phoneTemplates(),
    ...(settings.people.kind === 'static' ? settings.people.accounts.flatMap(accountSections) : pushedPeopleNote()),
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
  const udp = [
    '[transport-udp]',
    'type=transport',
    'protocol=udp',
    `bind=${hostPort(sip.bindAddress, sip.udpPort)}`,
    '',
    ...webSocketTransports(settings),
  ];
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

/**
 * SIP over WebSocket for the browser softphones (WebRTC). These transports listen on nothing themselves: the
 * WebSocket is Asterisk's HTTP server's `/ws` (http.conf), `bind` is only there because a transport needs one.
 */
function webSocketTransports(settings: AsteriskConfigSettings): string[] {
  return [
    "; Browsers reach Asterisk through the web app's SIP proxy (/sip), which opens ws://<ARI address>/ws on",
    '; loopback: the browser only ever talks to the web app (same origin, its TLS certificate, its login).',
    '[transport-ws]',
    'type=transport',
    'protocol=ws',
    `bind=${settings.sip.bindAddress}`,
    '',
    ...(settings.ari.tlsPort === 0
      ? ['; No wss transport: the HTTPS listener of http.conf is off (ari.tlsPort = 0).', '']
      : [
          '; wss://<host>:<ari.tlsPort>/ws, for a browser that reaches Asterisk directly, with no web app proxy.',
          '[transport-wss]',
          'type=transport',
          'protocol=wss',
          `bind=${settings.sip.bindAddress}`,
          '',
        ]),
  ];
}

function phoneTemplates(): string[] {
  // The values come from pjsip-account.ts, shared with live provisioning over ARI (runtime/ari/pjsip-provisioning.ts).
  return [
    '; Shared by every account. No `transport=` on purpose: a phone may register over UDP or TLS and Asterisk',
    '; must call it back over the transport it registered with; pinning TLS would break UDP phones.',
    '; context from-internal sends every dialled number to the Stasis app: the flows decide what happens.',
    '[switchboard-phone](!)',
    'type=endpoint',
    ...lines(PHONE_ENDPOINT_DEFAULTS),
    '',
    '; md5_cred holds md5(username:realm:password); the realm must be the one it was computed with.',
    '[switchboard-phone-auth](!)',
    'type=auth',
    ...lines(PHONE_AUTH_DEFAULTS),
    '',
    '; A person may use a desk phone and a softphone at once; the oldest registration goes first when full.',
    '[switchboard-phone-aor](!)',
    'type=aor',
    ...lines(PHONE_AOR_DEFAULTS),
    '',
    "; A person's browser device (the web app's softphone, e.g. bob~web): WebRTC over the SIP WebSocket. It uses",
    '; the auth and aor templates above.',
    '[switchboard-browser](!)',
    'type=endpoint',
    ...lines(BROWSER_ENDPOINT_DEFAULTS),
    '',
  ];
}

function pushedPeopleNote(): string[] {
  return [
    "; People's SIP accounts are not in this file: Switchboard pushes them over ARI (astdb, see sorcery.conf) each",
    '; time it connects, and whenever a person is added, changed or removed. `switchboard asterisk config',
    '; --static-people` writes them here instead (then read-only over ARI: a change needs a res_pjsip reload).',
    '',
  ];
}

function accountSections(account: SipAccount): string[] {
  const name = account.username;
  const browser = account.device === 'browser';
  return [
    `; --- ${name}: ${browser ? 'browser device, ' : ''}extension ${account.extension} ---`,
    // SDES SRTP is offered optimistically (see pjsip-account.ts): SRTP phones get it, plain-RTP phones still work.
    `[${name}](${browser ? 'switchboard-browser' : 'switchboard-phone'})`,
    ...lines(accountEndpointAttributes(account)),
    '',
    `[${name}](switchboard-phone-auth)`,
    ...lines(accountAuthAttributes(account)),
    '',
    `[${name}](switchboard-phone-aor)`,
    '',
  ];
}

/** `key=value` lines; `;` would start a comment in a config file, so it is escaped. */
function lines(attributes: PjsipAttributes): string[] {
  return attributes.map(([attribute, value]) => `${attribute}=${value.replaceAll(';', '\\;')}`);
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
