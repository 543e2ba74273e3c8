import { describe, expect, it } from 'vitest';
import type { AsteriskConfigSettings, SipAccount } from './config.ts';
import { generateAsteriskConfig } from './config.ts';
import { pjsipAccountObjects } from './pjsip-account.ts';

const carol: SipAccount = {
  username: 'carol',
  extension: '6010',
  displayName: 'Carol "C" Dupont',
  md5Cred: 'AB'.repeat(16),
};

const settings: AsteriskConfigSettings = {
  app: 'switchboard',
  ari: { bindAddress: '127.0.0.1', port: 8088, tlsPort: 8089, user: 'asterisk', password: 'asterisk' },
  sip: { bindAddress: '127.0.0.1', udpPort: 5060, tlsPort: 5061, certFile: '/k/a.pem', keyFile: '/k/a.key' },
  rtp: { start: 10000, end: 10999 },
  people: { kind: 'static', accounts: [carol] },
};

/** The attributes pjsip.conf (with --static-people) gives the `type` object named `name`, its template's first (comments and type dropped). */
function generatedObject(name: string, type: string): Record<string, string> {
  const sections: { name: string; template?: string; lines: [string, string][] }[] = [];
  for (const raw of generateAsteriskConfig(settings)['pjsip.conf']!.split('\n')) {
    const line = raw.replace(/(^|[^\\]);.*$/, '$1').trim();
    const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (header) sections.push({ name: header[1]!, template: header[2], lines: [] });
    else if (line) sections.at(-1)!.lines.push(line.split(/=(.*)/s).slice(0, 2) as [string, string]);
  }
  const byName = (wanted: string) => sections.find((section) => section.name === wanted)!;
  const section = sections.find((candidate) => {
    if (candidate.name !== name || !candidate.template) return false;
    return byName(candidate.template).lines.some(([key, value]) => key === 'type' && value === type);
  })!;
  return Object.fromEntries([...byName(section.template!).lines, ...section.lines].filter(([key]) => key !== 'type'));
}

describe('pjsipAccountObjects (what ARI push configuration sends)', () => {
  it('equals the account as the generated pjsip.conf defines it, object by object', () => {
    const pushed = pjsipAccountObjects(carol);
    for (const type of ['endpoint', 'auth', 'aor'] as const) {
      expect(Object.fromEntries(pushed[type]), type).toEqual(generatedObject('carol', type));
    }
  });

  it("offers SRTP optimistically, marks the endpoint as Switchboard's and keeps the caller id quoted", () => {
    const endpoint = Object.fromEntries(pjsipAccountObjects(carol).endpoint);
    expect(endpoint).toMatchObject({
      media_encryption: 'sdes',
      media_encryption_optimistic: 'yes',
      accountcode: 'switchboard',
      callerid: `"Carol 'C' Dupont" <6010>`,
      auth: 'carol',
      aors: 'carol',
    });
    expect(Object.fromEntries(pjsipAccountObjects({ ...carol, srtp: 'off' }).endpoint).media_encryption).toBe('no');
    expect(Object.fromEntries(pjsipAccountObjects(carol).auth).md5_cred).toBe('ab'.repeat(16));
  });

  it('never sends or writes stir_shaken (Asterisk 22 warns it is no longer supported)', () => {
    const pushed = pjsipAccountObjects(carol);
    for (const object of [pushed.auth, pushed.aor, pushed.endpoint]) {
      expect(object.map(([attribute]) => attribute).filter((name) => name.startsWith('stir_shaken'))).toEqual([]);
    }
    for (const people of [settings.people, { kind: 'pushed' as const }]) {
      const files = generateAsteriskConfig({ ...settings, people, sandbox: true });
      for (const [name, content] of Object.entries(files)) expect(`${name}: ${content}`).not.toMatch(/stir_shaken/);
    }
  });
});
