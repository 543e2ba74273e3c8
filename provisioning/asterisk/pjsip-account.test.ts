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

/** Carol's browser device, as db/sip-accounts.ts lists it beside her phone. */
const carolWeb: SipAccount = {
  username: 'carol~web',
  extension: '6010',
  displayName: 'Carol "C" Dupont',
  md5Cred: 'CD'.repeat(16),
  device: 'browser',
};

const settings: AsteriskConfigSettings = {
  app: 'switchboard',
  ari: { bindAddress: '127.0.0.1', port: 8088, tlsPort: 8089, user: 'asterisk', password: 'asterisk' },
  sip: { bindAddress: '127.0.0.1', udpPort: 5060, tlsPort: 5061, certFile: '/k/a.pem', keyFile: '/k/a.key' },
  rtp: { start: 10000, end: 10999 },
  people: { kind: 'static', accounts: [carol, carolWeb] },
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

  it("gives a browser device WebRTC media, G.711, its person's caller id and no transport, and marks it", () => {
    const pushed = pjsipAccountObjects(carolWeb);
    expect(pushed.endpoint).toEqual([
      ['context', 'switchboard-device'],
      ['disallow', 'all'],
      ['allow', 'ulaw,alaw'],
      ['dtmf_mode', 'rfc4733'],
      ['direct_media', 'no'],
      ['webrtc', 'yes'],
      ['callerid', `"Carol 'C' Dupont" <6010>`],
      ['accountcode', 'switchboard'],
      ['auth', 'carol~web'],
      ['aors', 'carol~web'],
    ]);
    // webrtc=yes brings DTLS; SDES (the phones' SRTP) and a pinned transport would break it
    const attributes = pushed.endpoint.map(([attribute]) => attribute);
    for (const absent of ['transport', 'media_encryption', 'media_encryption_optimistic', 'rewrite_contact']) {
      expect(attributes).not.toContain(absent);
    }
    expect(pushed.auth).toEqual([
      ['auth_type', 'md5'],
      ['realm', 'asterisk'],
      ['username', 'carol~web'],
      ['md5_cred', 'cd'.repeat(16)],
    ]);
    expect(pushed.aor).toEqual([
      ['max_contacts', '5'],
      ['remove_existing', 'yes'],
    ]);
  });

  it('gives a browser device the same objects in the generated pjsip.conf (--static-people) as over ARI', () => {
    const pushed = pjsipAccountObjects(carolWeb);
    for (const type of ['endpoint', 'auth', 'aor'] as const) {
      expect(Object.fromEntries(pushed[type]), type).toEqual(generatedObject('carol~web', type));
    }
  });

  it('never sends or writes stir_shaken (Asterisk 22 warns it is no longer supported)', () => {
    for (const pushed of [pjsipAccountObjects(carol), pjsipAccountObjects(carolWeb)]) {
      for (const object of [pushed.auth, pushed.aor, pushed.endpoint]) {
        expect(object.map(([attribute]) => attribute).filter((name) => name.startsWith('stir_shaken'))).toEqual([]);
      }
    }
    for (const people of [settings.people, { kind: 'pushed' as const }]) {
      const files = generateAsteriskConfig({ ...settings, people, sandbox: true });
      for (const [name, content] of Object.entries(files)) expect(`${name}: ${content}`).not.toMatch(/stir_shaken/);
    }
  });
});
