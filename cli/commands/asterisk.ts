// `switchboard asterisk config --out DIR [--sandbox] [--static-people]`: writes the Asterisk configuration files
// Switchboard needs. Ports, credentials and certificate paths come from the environment. People's SIP accounts are
// not in the files unless --static-people: Switchboard pushes them over ARI whenever it connects.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSipAccountsFromDefaultDatabase } from '#db/sip-accounts.ts';
import type { AsteriskConfigSettings } from '#provisioning/asterisk/config.ts';
import { AsteriskConfigError, generateAsteriskConfig } from '#provisioning/asterisk/config.ts';
import { wantsHelp } from '../help.ts';

const usage = `usage: switchboard asterisk config --out DIR [--sandbox] [--static-people]
  Writes http.conf, ari.conf, pjsip.conf, extensions.conf, ... into DIR (created if missing).
  People's SIP accounts are not written: Switchboard (npm start or npm run runtime) pushes them over ARI each time
  it connects to Asterisk, and again whenever a person is added, changed or removed.
  --sandbox         also emit the end-to-end test helpers (sipp endpoints, dtmf/wait/stasis contexts)
  --static-people   also write the people of the database (SWITCHBOARD_DB) into pjsip.conf. Asterisk then refuses
                    every ARI change to them: editing or removing such a person needs this command again and
                    'module reload res_pjsip.so'; only people added later are live.
Environment (defaults): ARI_USER (asterisk) ARI_PASS (a new random password, printed once; "asterisk" with
  --sandbox) ARI_APP (switchboard) ARI_BIND (127.0.0.1)
  ARI_PORT (8088) ARI_TLS_PORT (8089: Asterisk's HTTPS, wss for browsers; 0 = none)
  SIP_BIND (127.0.0.1) SIP_PORT (5060) SIP_TLS_PORT (5061, 0 = no TLS transport)
  SIP_TLS_CERT (/etc/asterisk/keys/asterisk.pem) SIP_TLS_KEY (/etc/asterisk/keys/asterisk.key)
  RTP_START (10000) RTP_END (20000) RTP_STUN_SERVER (none; host:port, for WebRTC behind NAT)`;

class UsageError extends Error {}

export async function runAsteriskCommand(args: string[]): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === 'help' || wantsHelp(args)) {
      console.log(usage);
      return 0;
    }
    if (command !== 'config') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    return await writeConfig(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`switchboard asterisk: ${error.message}\n${usage}`);
      return 2;
    }
    if (error instanceof AsteriskConfigError) {
      console.error(`switchboard asterisk: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function writeConfig(args: string[]): Promise<number> {
  const { values } = parseOptions(args);
  if (!values.out) throw new UsageError('--out DIR is required');
  const people: AsteriskConfigSettings['people'] = values['static-people']
    ? { kind: 'static', accounts: await loadSipAccountsFromDefaultDatabase() }
    : { kind: 'pushed' };
  const settings = asteriskSettingsFromEnv(process.env, people, values.sandbox === true);
  const files = generateAsteriskConfig(settings);
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
  const accounts =
    people.kind === 'static' ? `${people.accounts.length} SIP accounts in pjsip.conf` : 'SIP accounts pushed over ARI';
  console.error(
    `wrote ${Object.keys(files).length} files to ${outDir} (${accounts}${settings.sandbox ? ', sandbox' : ''})`,
  );
  if (!process.env.ARI_PASS?.trim() && !settings.sandbox) {
    console.error(
      `ari.conf: ARI user "${settings.ari.user}" has a new random password (shown once). Start Switchboard with\n` +
        `  ARI_USER=${settings.ari.user} ARI_PASS=${settings.ari.password}`,
    );
  }
  return 0;
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { out: { type: 'string' }, sandbox: { type: 'boolean' }, 'static-people': { type: 'boolean' } },
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Settings from environment variables (see usage), with the defaults a local Asterisk uses. */
export function asteriskSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  people: AsteriskConfigSettings['people'],
  sandbox: boolean,
): AsteriskConfigSettings {
  const text = (name: string, fallback: string) => env[name]?.trim() || fallback;
  const port = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`${name} must be a port number, got "${raw}"`);
    return Number(raw);
  };
  return {
    app: text('ARI_APP', 'switchboard'),
    ari: {
      bindAddress: text('ARI_BIND', '127.0.0.1'),
      port: port('ARI_PORT', 8088),
      tlsPort: port('ARI_TLS_PORT', 8089),
      user: text('ARI_USER', 'asterisk'),
      // A real Asterisk never gets a well-known ARI password: without ARI_PASS, a new one is made (and printed).
      password: text('ARI_PASS', sandbox ? 'asterisk' : newAriPassword()),
    },
    sip: {
      bindAddress: text('SIP_BIND', '127.0.0.1'),
      udpPort: port('SIP_PORT', 5060),
      tlsPort: port('SIP_TLS_PORT', 5061),
      certFile: text('SIP_TLS_CERT', '/etc/asterisk/keys/asterisk.pem'),
      keyFile: text('SIP_TLS_KEY', '/etc/asterisk/keys/asterisk.key'),
    },
    rtp: {
      start: port('RTP_START', 10000),
      end: port('RTP_END', 20000),
      ...(env.RTP_STUN_SERVER?.trim() ? { stunServer: env.RTP_STUN_SERVER.trim() } : {}),
    },
    people,
    sandbox,
  };
}

/** 24 characters from the URL-safe base64 alphabet: no quoting trouble in ari.conf or a shell. */
function newAriPassword(): string {
  return randomBytes(18).toString('base64url');
}
