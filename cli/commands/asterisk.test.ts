import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SipAccount } from '#provisioning/asterisk/config.ts';
import { asteriskSettingsFromEnv, runAsteriskCommand } from './asterisk.ts';

// The command reads accounts from the database; these tests only care that they reach the files.
vi.mock('#db/sip-accounts.ts', () => ({
  loadSipAccountsFromDefaultDatabase: async (): Promise<SipAccount[]> => [
    { username: 'zoe', extension: '6010', displayName: 'Zoé', md5Cred: '0123456789abcdef0123456789abcdef' },
  ],
}));

const envNames = [
  'ARI_USER',
  'ARI_PASS',
  'ARI_APP',
  'ARI_PORT',
  'ARI_TLS_PORT',
  'RTP_STUN_SERVER',
  'ARI_BIND',
  'SIP_BIND',
  'SIP_PORT',
  'SIP_TLS_PORT',
  'SIP_TLS_CERT',
  'SIP_TLS_KEY',
  'RTP_START',
  'RTP_END',
];

describe('asteriskSettingsFromEnv', () => {
  it('makes a new random ARI password when none is set, never a well-known one (the sandbox keeps "asterisk")', () => {
    const first = asteriskSettingsFromEnv({}, { kind: 'pushed' }, false).ari.password;
    expect(first).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(asteriskSettingsFromEnv({}, { kind: 'pushed' }, false).ari.password).not.toBe(first);
    expect(asteriskSettingsFromEnv({}, { kind: 'pushed' }, true).ari.password).toBe('asterisk');
  });

  it('uses the local defaults when nothing is set', () => {
    expect(asteriskSettingsFromEnv({}, { kind: 'pushed' }, false)).toEqual({
      app: 'switchboard',
      ari: { bindAddress: '127.0.0.1', port: 8088, tlsPort: 8089, user: 'asterisk', password: expect.any(String) },
      sip: {
        bindAddress: '127.0.0.1',
        udpPort: 5060,
        tlsPort: 5061,
        certFile: '/etc/asterisk/keys/asterisk.pem',
        keyFile: '/etc/asterisk/keys/asterisk.key',
      },
      rtp: { start: 10000, end: 20000 },
      people: { kind: 'pushed' },
      sandbox: false,
    });
  });

  it('takes every setting from its environment variable', () => {
    const settings = asteriskSettingsFromEnv(
      {
        ARI_USER: 'u',
        ARI_PASS: 'p',
        ARI_APP: 'a',
        ARI_PORT: '8188',
        ARI_TLS_PORT: '0',
        ARI_BIND: '0.0.0.0',
        SIP_BIND: '10.0.0.2',
        SIP_PORT: '5160',
        SIP_TLS_PORT: '0',
        SIP_TLS_CERT: '/k/c.pem',
        SIP_TLS_KEY: '/k/c.key',
        RTP_START: '12000',
        RTP_END: '12999',
        RTP_STUN_SERVER: 'stun.example.org:3478',
      },
      { kind: 'pushed' },
      true,
    );
    expect(settings).toMatchObject({
      app: 'a',
      ari: { bindAddress: '0.0.0.0', port: 8188, tlsPort: 0, user: 'u', password: 'p' },
      sip: { bindAddress: '10.0.0.2', udpPort: 5160, tlsPort: 0, certFile: '/k/c.pem', keyFile: '/k/c.key' },
      rtp: { start: 12000, end: 12999, stunServer: 'stun.example.org:3478' },
      sandbox: true,
    });
  });

  it('names the variable that is not a port', () => {
    expect(() => asteriskSettingsFromEnv({ SIP_PORT: '50a' }, { kind: 'pushed' }, false)).toThrow(
      'SIP_PORT must be a port number, got "50a"',
    );
    expect(() => asteriskSettingsFromEnv({ ARI_TLS_PORT: 'https' }, { kind: 'pushed' }, false)).toThrow(
      'ARI_TLS_PORT must be a port number, got "https"',
    );
  });
});

describe('switchboard asterisk config', () => {
  let outDir: string;
  const saved = new Map(envNames.map((name) => [name, process.env[name]]));

  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'asterisk-config-'));
    for (const name of envNames) delete process.env[name];
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    rmSync(outDir, { recursive: true, force: true });
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.restoreAllMocks();
  });

  it('writes the generated files with the environment settings, leaving people to ARI push', async () => {
    process.env.ARI_PORT = '8188';
    const code = await runAsteriskCommand(['config', '--out', join(outDir, 'etc'), '--sandbox']);
    expect(code).toBe(0);
    expect(readdirSync(join(outDir, 'etc'))).toContain('pjsip.conf');
    const pjsip = readFileSync(join(outDir, 'etc', 'pjsip.conf'), 'utf8');
    expect(pjsip).not.toContain('[zoe]');
    expect(pjsip).not.toContain('md5_cred=0123456789abcdef0123456789abcdef');
    expect(pjsip).toContain('[sipp]');
    expect(readFileSync(join(outDir, 'etc', 'sorcery.conf'), 'utf8')).toContain('endpoint=memory');
    expect(readFileSync(join(outDir, 'etc', 'http.conf'), 'utf8')).toContain('bindport=8188');
    expect(String(vi.mocked(console.error).mock.calls[0]?.[0])).toContain('SIP accounts pushed over ARI');
  });

  it('writes a new random ARI password into ari.conf and prints it once, when ARI_PASS is not set', async () => {
    expect(await runAsteriskCommand(['config', '--out', outDir])).toBe(0);
    const printed = vi
      .mocked(console.error)
      .mock.calls.map((call) => String(call[0]))
      .join('\n');
    const password = /ARI_PASS=([A-Za-z0-9_-]{24})/.exec(printed)?.[1];
    expect(password).toBeDefined();
    const ariConf = readFileSync(join(outDir, 'ari.conf'), 'utf8');
    expect(ariConf).toContain(password);
    expect(ariConf).not.toMatch(/password\s*=\s*asterisk\b/);
  });

  it('--static-people writes the database accounts into pjsip.conf', async () => {
    const code = await runAsteriskCommand(['config', '--out', outDir, '--static-people']);
    expect(code).toBe(0);
    const pjsip = readFileSync(join(outDir, 'pjsip.conf'), 'utf8');
    expect(pjsip).toContain('[zoe](switchboard-phone)');
    expect(pjsip).toContain('md5_cred=0123456789abcdef0123456789abcdef');
    expect(String(vi.mocked(console.error).mock.calls[0]?.[0])).toContain('1 SIP accounts in pjsip.conf');
  });

  it('answers bad usage with exit code 2 and says what is wrong', async () => {
    expect(await runAsteriskCommand([])).toBe(2);
    expect(await runAsteriskCommand(['conf'])).toBe(2);
    expect(await runAsteriskCommand(['config'])).toBe(2);
    expect(await runAsteriskCommand(['config', '--out', outDir, '--bogus'])).toBe(2);
    process.env.ARI_PORT = 'http';
    expect(await runAsteriskCommand(['config', '--out', outDir])).toBe(2);
    expect(vi.mocked(console.error).mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining('missing command'),
      expect.stringContaining('unknown command "conf"'),
      expect.stringContaining('--out DIR is required'),
      expect.stringContaining("Unknown option '--bogus'"),
      expect.stringContaining('ARI_PORT must be a port number'),
    ]);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('exits 1 and names the setting when the generator refuses it', async () => {
    process.env.RTP_START = '13000';
    process.env.RTP_END = '12000';
    expect(await runAsteriskCommand(['config', '--out', outDir])).toBe(1);
    expect(String(vi.mocked(console.error).mock.calls[0]?.[0])).toContain('rtp.end: must be above rtp.start');
  });
});
