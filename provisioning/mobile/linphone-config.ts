// The configuration a Linphone phone fetches through a one-time provisioning link (GET /provision/:token): the
// person's desk-phone SIP account over TLS, SRTP media, G.711 only and RFC 2833 DTMF, in Linphone's remote
// provisioning XML (the lpconfig format: sections of named entries). The phone authenticates with ha1, the
// md5(username:asterisk:password) Switchboard already stores for Asterisk: no clear password exists to send.
// Every key below and where it was checked: docs/decisions/020-mobile-provisioning.md.
import { SIP_REALM } from '#provisioning/asterisk/pjsip-account.ts';
import { sipUriHost } from './settings.ts';

export const LINPHONE_CONFIG_NAMESPACE = 'http://www.linphone.org/xsds/lpconfig.xsd';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** The account a phone is set up with. */
export interface MobileSipAccount {
  /** The desk-phone SIP user name (users.username). */
  username: string;
  displayName: string;
  /** users.sip_md5_cred: md5("username:asterisk:password"), exactly Linphone's ha1 for realm "asterisk". */
  ha1: string;
  /** Where phones reach Asterisk (SIP_PUBLIC_HOST or the request's host); IPv6 without brackets. */
  sipHost: string;
  sipTlsPort: number;
}

/** How often the phone renews its registration, in seconds. */
export const REGISTRATION_EXPIRES_SECONDS = 600;

/** The codecs Asterisk's phone endpoints allow (allow=ulaw,alaw in provisioning/asterisk/pjsip-account.ts). */
export const MOBILE_AUDIO_CODECS = [
  { mime: 'PCMU', rate: 8000, channels: 1 },
  { mime: 'PCMA', rate: 8000, channels: 1 },
] as const;

type Entry = [name: string, value: string | number];
type Section = [name: string, entries: Entry[]];

/** XML 1.0 escapes for text and attribute values: & < > " ' (quotes too, so the same text fits an attribute). */
export function xmlEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/**
 * A display name as a SIP quoted-string (RFC 3261 25.1): `\` and `"` escaped by a backslash, control characters
 * (which neither SIP nor XML 1.0 may carry) dropped. Empty when nothing printable is left.
 */
export function sipQuotedName(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const printable = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return printable === '' ? '' : `"${printable.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const USERNAME = /^[a-z][a-z0-9._-]{1,31}$/;
const HA1 = /^[0-9a-f]{32}$/i;

/** The lpconfig XML that sets a Linphone phone up with `account`. Throws on values that cannot be an account. */
export function linphoneProvisioningXml(account: MobileSipAccount): string {
  if (!USERNAME.test(account.username)) throw new Error(`"${account.username}" is not a SIP user name`);
  if (!HA1.test(account.ha1)) throw new Error('ha1 must be the 32 hex digits of md5(username:realm:password)');
  if (!Number.isInteger(account.sipTlsPort) || account.sipTlsPort < 1 || account.sipTlsPort > 65535) {
    throw new Error(`${account.sipTlsPort} is not a port`);
  }
  const host = sipUriHost(account.sipHost);
  const server = `sip:${host}:${account.sipTlsPort};transport=tls`;
  const name = sipQuotedName(account.displayName);
  const uri = `sip:${account.username}@${host}`;
  const identity = name ? `${name} <${uri}>` : `<${uri}>`;

  const sections: Section[] = [
    [
      'sip',
      [
        ['default_proxy', 0],
        // SDES-SRTP offered; not mandatory, as Asterisk's endpoints also accept plain RTP (media_encryption_optimistic).
        ['media_encryption', 'srtp'],
        ['media_encryption_mandatory', 0],
        // DTMF as RFC 2833/4733 telephone-events, what the endpoints expect (dtmf_mode=rfc4733); never SIP INFO.
        ['use_rfc2833', 1],
        ['use_info', 0],
      ],
    ],
    [
      'misc',
      [
        // The link works once: the phone must not fetch it again at every start (it would get 410).
        ['transient_provisioning', 1],
        // Only the codecs listed below; without this, Linphone appends every other codec it supports.
        ['add_missing_audio_codecs', 0],
      ],
    ],
    [
      'proxy_0',
      [
        ['reg_proxy', server],
        ['reg_route', server],
        ['reg_identity', identity],
        ['realm', SIP_REALM],
        ['reg_expires', REGISTRATION_EXPIRES_SECONDS],
        ['reg_sendregister', 1],
        ['publish', 0],
        ['dial_escape_plus', 0],
        // No push gateway serves Switchboard: the phone keeps its own registration.
        ['push_notification_allowed', 0],
        ['remote_push_notification_allowed', 0],
      ],
    ],
    [
      'auth_info_0',
      [
        ['username', account.username],
        ['userid', account.username],
        ['ha1', account.ha1.toLowerCase()],
        ['realm', SIP_REALM],
        ['domain', host],
        ['algorithm', 'MD5'],
      ],
    ],
    ...MOBILE_AUDIO_CODECS.map((codec, index): Section => [
      `audio_codec_${index}`,
      [
        ['mime', codec.mime],
        ['rate', codec.rate],
        ['channels', codec.channels],
        ['enabled', 1],
      ],
    ]),
  ];

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<config xmlns="${LINPHONE_CONFIG_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}" xsi:schemaLocation="${LINPHONE_CONFIG_NAMESPACE} lpconfig.xsd">`,
  ];
  for (const [section, entries] of sections) {
    lines.push(`  <section name="${xmlEscape(section)}">`);
    // overwrite="true": Linphone keeps a value the phone already has unless the entry says to replace it.
    for (const [entry, value] of entries) {
      lines.push(`    <entry name="${xmlEscape(entry)}" overwrite="true">${xmlEscape(String(value))}</entry>`);
    }
    lines.push('  </section>');
  }
  lines.push('</config>', '');
  return lines.join('\n');
}
