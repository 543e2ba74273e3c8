// The whole Asterisk 22 configuration Switchboard needs, as plain text files. Asterisk only has to send every
// dialled number to our Stasis app; everything a call does is decided by the runtime over ARI. This module is pure
// (settings in, file contents out) so it can be unit-tested and reused by the CLI and the sandbox script.
import { z } from 'zod';
import { isBrowserDevice } from './browser-device.ts';
import { confFile, hostPort } from './conf-format.ts';
import { extensionsConf } from './extensions-conf.ts';
import { RESERVED_SIP_NAMES, pjsipConf } from './pjsip-conf.ts';

export { SIP_REALM } from './pjsip-conf.ts';

/**
 * One SIP device that registers to Asterisk with digest authentication. Each person of the directory has two: their
 * phone (a desk phone or a softphone, named after their user name) and their browser device (the web app's WebRTC
 * softphone, named browserDeviceName(username), e.g. "bob~web"; provisioning/asterisk/browser-device.ts).
 */
export interface SipAccount {
  /** SIP user name: the endpoint, auth and AOR id, and the user part of the phone's From/Authorization. */
  username: string;
  /** The short number people dial to reach this account, e.g. "6001". Shown as caller id number. */
  extension: string;
  displayName: string;
  /** Hex MD5 of `username:asterisk:password` (realm "asterisk"): Asterisk never needs the clear password. */
  md5Cred: string;
  /** 'optional' (default): SRTP (SDES) is offered, plain RTP accepted. 'off': plain RTP only. Phones only. */
  srtp?: 'optional' | 'off';
  /** 'phone' (default): SIP over UDP or TLS. 'browser': the person's browser device, WebRTC over the SIP WebSocket. */
  device?: 'phone' | 'browser';
}

export interface AsteriskConfigSettings {
  /** Stasis application name the runtime registers over ARI. */
  app: string;
  /**
   * Asterisk's HTTP server: ARI, and the SIP WebSocket (/ws) browsers use. tlsPort > 0 adds its HTTPS listener on
   * the same address, with the SIP TLS certificate (browsers that reach Asterisk directly need wss); 0 leaves it out.
   */
  ari: { bindAddress: string; port: number; tlsPort: number; user: string; password: string };
  /** tlsPort 0 leaves the TLS transport out (e.g. no certificate yet). */
  sip: { bindAddress: string; udpPort: number; tlsPort: number; certFile: string; keyFile: string };
  /** stunServer ("host:port"): lets Asterisk learn its public address for ICE candidates behind NAT. */
  rtp: { start: number; end: number; stunServer?: string };
  /**
   * Where people's SIP accounts live. 'pushed' (default): pjsip.conf holds none; Switchboard pushes every person over
   * ARI (endpoints in memory, auths and AORs in astdb) each time it connects, so adding, changing or removing a person never needs a reload.
   * 'static': pjsip.conf also defines these accounts; ARI cannot change or remove them (403), so every change to
   * them needs a regenerated pjsip.conf and `module reload res_pjsip.so`.
   */
  people: { kind: 'pushed' } | { kind: 'static'; accounts: SipAccount[] };
  /** Adds what end-to-end tests need: the unauthenticated `sipp` endpoint, dialplan helpers, voicemail box 100. */
  sandbox?: boolean;
}

// Values end up inside `key=value` lines of Asterisk config files, where `;` starts a comment, `[` a section and a
// newline a new line: identifiers are kept to a safe alphabet so no setting can inject configuration.
const configToken = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'only letters, digits, "_", "." and "-"');
const port = z.number().int().min(1).max(65535);
const hostAddress = z.string().regex(/^[0-9A-Za-z.:-]+$/, 'an IP address or host name');
const filePath = z.string().regex(/^\/[^\s;\n]*$/, 'an absolute path without spaces or ";"');

const sipAccountSchema = z.object({
  // A browser device's name is its person's with "~web" (provisioning/asterisk/browser-device.ts).
  username: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+(~web)?$/, 'only letters, digits, "_", "." and "-" (and "~web" for a browser device)')
    .max(68)
    .refine((name) => !RESERVED_SIP_NAMES.includes(name), 'this name is reserved by the generated pjsip.conf'),
  extension: z.string().regex(/^[0-9]+$/, 'digits only'),
  displayName: z
    .string()
    .max(80)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
  md5Cred: z.string().regex(/^[0-9a-f]{32}$/i, 'the 32 hex digits of md5(username:asterisk:password)'),
  srtp: z.enum(['optional', 'off']).optional(),
  device: z.enum(['phone', 'browser']).optional(),
});

const settingsSchema = z
  .object({
    app: configToken,
    ari: z.object({
      bindAddress: hostAddress,
      port,
      tlsPort: z.union([z.literal(0), port]),
      user: configToken,
      password: z
        .string()
        .min(1)
        .regex(/^[^\s;\n]+$/, 'no spaces or ";"'),
    }),
    sip: z.object({
      bindAddress: hostAddress,
      udpPort: port,
      tlsPort: z.union([z.literal(0), port]),
      certFile: filePath,
      keyFile: filePath,
    }),
    rtp: z.object({
      start: port,
      end: port,
      stunServer: z
        .string()
        .regex(/^[0-9A-Za-z.-]+:[0-9]{1,5}$/, 'host:port')
        .optional(),
    }),
    people: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('pushed') }),
      z.object({ kind: z.literal('static'), accounts: z.array(sipAccountSchema) }),
    ]),
    sandbox: z.boolean().optional(),
  })
  .superRefine((settings, ctx) => {
    if (settings.rtp.start >= settings.rtp.end) {
      ctx.addIssue({
        code: 'custom',
        path: ['rtp', 'end'],
        message: `must be above rtp.start (${settings.rtp.start})`,
      });
    }
    if (settings.sip.tlsPort === settings.sip.udpPort) {
      ctx.addIssue({ code: 'custom', path: ['sip', 'tlsPort'], message: 'must differ from sip.udpPort' });
    }
    if (settings.ari.tlsPort === settings.ari.port) {
      ctx.addIssue({ code: 'custom', path: ['ari', 'tlsPort'], message: 'must differ from ari.port' });
    }
    if (settings.ari.tlsPort !== 0 && settings.ari.tlsPort === settings.sip.tlsPort) {
      ctx.addIssue({ code: 'custom', path: ['ari', 'tlsPort'], message: 'must differ from sip.tlsPort' });
    }
    if (settings.people.kind === 'static') {
      const accounts = settings.people.accounts;
      reportDuplicates(
        accounts.map((account) => account.username),
        'username',
        ctx,
      );
      // A person's browser device shares their extension; phones may not share one.
      reportDuplicates(
        accounts.map((account) => (isBrowserAccount(account) ? null : account.extension)),
        'extension',
        ctx,
      );
      accounts.forEach((account, index) => {
        if (isBrowserAccount(account) !== isBrowserDevice(account.username)) {
          ctx.addIssue({
            code: 'custom',
            path: ['people', 'accounts', index, 'username'],
            message: 'a browser device, and only a browser device, has a name ending in "~web"',
          });
        }
      });
    }
  }) satisfies z.ZodType<AsteriskConfigSettings>;

function isBrowserAccount(account: Pick<SipAccount, 'device'>): boolean {
  return account.device === 'browser';
}

/** Reports each value seen before (null: not compared). */
function reportDuplicates(values: (string | null)[], field: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (value === null) return;
    if (seen.has(value))
      ctx.addIssue({
        code: 'custom',
        path: ['people', 'accounts', index, field],
        message: `duplicate ${field} "${value}"`,
      });
    seen.add(value);
  });
}

export class AsteriskConfigError extends Error {
  override name = 'AsteriskConfigError';
}

/** Throws AsteriskConfigError naming every bad setting by its path, e.g. `people.accounts[1].md5Cred: ...`. */
export function validateAsteriskConfigSettings(settings: AsteriskConfigSettings): AsteriskConfigSettings {
  const result = settingsSchema.safeParse(settings);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new AsteriskConfigError(`invalid Asterisk settings:\n  ${problems.join('\n  ')}`);
}

function formatPath(path: PropertyKey[]): string {
  return (
    path
      .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`))
      .join('') || '(settings)'
  );
}

/** File name (relative to /etc/asterisk) -> content. Throws AsteriskConfigError on bad settings. */
export function generateAsteriskConfig(input: AsteriskConfigSettings): Record<string, string> {
  const settings = validateAsteriskConfigSettings(input);
  const sandbox = settings.sandbox === true;
  const files: Record<string, string> = {
    'asterisk.conf': asteriskConf(sandbox),
    'modules.conf': modulesConf(),
    'logger.conf': loggerConf(sandbox),
    'http.conf': httpConf(settings),
    'ari.conf': ariConf(settings),
    'pjsip.conf': pjsipConf(settings),
    'sorcery.conf': sorceryConf(),
    'extensions.conf': extensionsConf(settings),
    'musiconhold.conf': musicOnHoldConf(),
    'rtp.conf': rtpConf(settings),
    'cdr.conf': disabledConf("Call records live in Switchboard's own database (calls, call events)."),
    'cel.conf': disabledConf('Channel event logging is not used: ARI events are the source of truth.'),
  };
  if (sandbox) {
    files['voicemail.conf'] = sandboxVoicemailConf();
    files['confbridge.conf'] = sandboxConfBridgeConf();
  }
  return files;
}

function asteriskConf(sandbox: boolean): string {
  // No [directories]: Debian's binary has the right compiled-in paths, and naming the module directory here would
  // tie the file to one CPU architecture (/usr/lib/<triplet>/asterisk/modules).
  return confFile(['[options]', `verbose=${sandbox ? 3 : 1}`, 'documentation_language=en_US']);
}

function modulesConf(): string {
  return confFile([
    '[modules]',
    'autoload=yes',
    '; Hardware and legacy channel drivers that only log errors on a server.',
    'noload => chan_alsa.so',
    'noload => chan_console.so',
    'noload => chan_oss.so',
    'noload => chan_mobile.so',
    'noload => cdr_sqlite.so',
    'noload => app_directory_odbc.so',
    'noload => res_config_odbc.so',
    'noload => res_config_pgsql.so',
    '; app_voicemail_odbc registers the same VoiceMail() application as app_voicemail; when it then declines to',
    '; load (no ODBC) it UNREGISTERS it, leaving no VoiceMail() at all. Never load it next to app_voicemail.',
    'noload => app_voicemail_odbc.so',
    'noload => app_voicemail_imap.so',
  ]);
}

function loggerConf(sandbox: boolean): string {
  return confFile([
    '[general]',
    '[logfiles]',
    'console => notice,warning,error',
    // Tests read dialplan steps from the log; in production verbose lines would only fill the disk.
    `messages.log => notice,warning,error${sandbox ? ',verbose' : ''}`,
  ]);
}

function httpConf(settings: AsteriskConfigSettings): string {
  const { ari, sip } = settings;
  return confFile([
    '[general]',
    'enabled=yes',
    `bindaddr=${ari.bindAddress}`,
    `bindport=${ari.port}`,
    '; Every keep-alive socket of an ARI client is one session. The default (100) made Asterisk refuse answer()',
    "; requests at about 400 concurrent calls in load tests: raise it well above the client's socket cap.",
    'sessionlimit=1000',
    '; The same server also carries the SIP WebSocket (/ws, res_http_websocket) of the browser softphones.',
    ...(ari.tlsPort === 0
      ? ['; HTTPS listener disabled (ari.tlsPort = 0).']
      : [
          '; HTTPS (wss://.../ws) for browsers that reach Asterisk directly; with the SIP TLS certificate.',
          'tlsenable=yes',
          `tlsbindaddr=${hostPort(ari.bindAddress, ari.tlsPort)}`,
          `tlscertfile=${sip.certFile}`,
          `tlsprivatekey=${sip.keyFile}`,
        ]),
  ]);
}

function ariConf(settings: AsteriskConfigSettings): string {
  return confFile([
    '[general]',
    'enabled=yes',
    'pretty=no',
    '',
    `[${settings.ari.user}]`,
    'type=user',
    'read_only=no',
    'password_format=plain',
    `password=${settings.ari.password}`,
  ]);
}

function sorceryConf(): string {
  return confFile([
    '; ARI push configuration (PUT /ari/asterisk/config/dynamic/res_pjsip/{endpoint|aor|auth}/{id}) needs a',
    "; writable sorcery wizard: people's SIP accounts are pushed by Switchboard each time it connects to ARI, next to",
    '; the read-only objects of pjsip.conf. Without this file the PUT fails with 403 "Cannot create sorcery objects".',
    '; Endpoints live in memory: the astdb wizard would store every field of an endpoint, deprecated ones included,',
    '; and Asterisk 22 would warn about one of them each time it loads an endpoint back. After an Asterisk restart the',
    '; endpoints come back with the sync of the reconnecting Switchboard (docs/decisions/016-pushed-endpoints-in-memory.md);',
    '; credentials (auth) and registrations (aor) stay in astdb.',
    '[res_pjsip]',
    'endpoint=config,pjsip.conf,criteria=type=endpoint',
    'endpoint=memory',
    'aor=config,pjsip.conf,criteria=type=aor',
    'aor=astdb,ps_aor',
    'auth=config,pjsip.conf,criteria=type=auth',
    'auth=astdb,ps_auth',
    '',
    '; identify objects belong to their own module, not to res_pjsip.',
    '[res_pjsip_endpoint_identifier_ip]',
    'identify=config,pjsip.conf,criteria=type=identify',
    'identify=astdb,ps_identify',
  ]);
}

function musicOnHoldConf(): string {
  return confFile([
    '[general]',
    '',
    "; Debian's asterisk-moh-opsound-* packages install their files here.",
    '[default]',
    'mode=files',
    'directory=/usr/share/asterisk/moh',
  ]);
}

function rtpConf(settings: AsteriskConfigSettings): string {
  const { rtp } = settings;
  return confFile([
    '[general]',
    `rtpstart=${rtp.start}`,
    `rtpend=${rtp.end}`,
    '; WebRTC endpoints (webrtc=yes) need ICE; phones without ICE are not affected.',
    'icesupport=yes',
    ...(rtp.stunServer
      ? [
          '; Asterisk asks this STUN server for its public address and offers it as an ICE candidate (NAT).',
          `stunaddr=${rtp.stunServer}`,
        ]
      : []),
  ]);
}

function disabledConf(why: string): string {
  return confFile([`; ${why}`, '[general]', 'enable=no']);
}

function sandboxVoicemailConf(): string {
  return confFile([
    '[general]',
    'format=wav',
    'attach=no',
    'maxsecs=60',
    '; A message shorter than 1 s is discarded: tests must play audio AFTER the beep.',
    'minsecs=1',
    'maxsilence=0',
    '',
    '[default]',
    '100 => 1234,Test Mailbox',
  ]);
}

function sandboxConfBridgeConf(): string {
  return confFile(['[general]', '[default_user]', 'type=user', '[default_bridge]', 'type=bridge']);
}
