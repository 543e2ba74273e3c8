import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AsteriskConfigSettings, SipAccount } from './config.ts';
import { AsteriskConfigError, generateAsteriskConfig } from './config.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const alice: SipAccount = {
  username: 'alice',
  extension: '6001',
  displayName: 'Alice Martin',
  md5Cred: md5('alice:asterisk:bonjour'),
};
const bob: SipAccount = {
  username: 'bob',
  extension: '6002',
  displayName: 'Bob',
  md5Cred: md5('bob:asterisk:bonjour'),
  srtp: 'off',
};

function settings(overrides: Partial<AsteriskConfigSettings> = {}): AsteriskConfigSettings {
  return {
    app: 'switchboard',
    ari: { bindAddress: '127.0.0.1', port: 8188, tlsPort: 8189, user: 'ariuser', password: 'aripass' },
    sip: {
      bindAddress: '127.0.0.1',
      udpPort: 5160,
      tlsPort: 5161,
      certFile: '/etc/asterisk/keys/a.pem',
      keyFile: '/etc/asterisk/keys/a.key',
    },
    rtp: { start: 12000, end: 12999 },
    people: { kind: 'static', accounts: [alice, bob] },
    ...overrides,
  };
}

interface Section {
  name: string;
  template?: string;
  values: Map<string, string[]>;
}

/** Reads an Asterisk config file into its sections (comments dropped, repeated keys kept in order). */
function parseConf(text: string): Section[] {
  const sections: Section[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|[^\\]);.*$/, '$1').trim();
    if (!line) continue;
    const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (header) {
      sections.push({ name: header[1]!, template: header[2], values: new Map() });
      continue;
    }
    const entry = /^([^=>]+?)\s*=>?\s*(.*)$/.exec(line);
    const current = sections.at(-1);
    if (!entry || !current) throw new Error(`unparsable line: ${raw}`);
    current.values.set(entry[1]!, [...(current.values.get(entry[1]!) ?? []), entry[2]!]);
  }
  return sections;
}

/** The one section of that name and type (pjsip.conf reuses a name for endpoint, auth and aor). */
function pjsipObject(files: Record<string, string>, name: string, type: string): Section {
  const sections = parseConf(files['pjsip.conf']!);
  const templates = new Map(
    sections.filter((section) => section.template === '!').map((section) => [section.name, section]),
  );
  const matches = sections.filter((section) => {
    if (section.name !== name || section.template === '!') return false;
    const ownType = section.values.get('type')?.[0] ?? templates.get(section.template ?? '')?.values.get('type')?.[0];
    return ownType === type;
  });
  expect(matches, `${type} ${name}`).toHaveLength(1);
  const [section] = matches;
  const template = templates.get(section!.template ?? '');
  return { ...section!, values: new Map([...(template?.values ?? []), ...section!.values]) };
}

const value = (section: Section, key: string) => section.values.get(key)?.join(',');

describe('generateAsteriskConfig', () => {
  it('writes every file Switchboard needs, and no sandbox helpers by default', () => {
    const files = generateAsteriskConfig(settings());
    expect(Object.keys(files).sort()).toEqual(
      [
        'ari.conf',
        'asterisk.conf',
        'cdr.conf',
        'cel.conf',
        'extensions.conf',
        'http.conf',
        'logger.conf',
        'modules.conf',
        'musiconhold.conf',
        'pjsip.conf',
        'rtp.conf',
        'sorcery.conf',
      ].sort(),
    );
    expect(files['pjsip.conf']).not.toContain('[sipp]');
    expect(files['extensions.conf']).not.toContain('[dtmf]');
  });

  it('leaves people out of pjsip.conf when they are pushed over ARI, keeping the templates and transports', () => {
    const files = generateAsteriskConfig(settings({ people: { kind: 'pushed' }, sandbox: true }));
    const sections = parseConf(files['pjsip.conf']!);
    expect(sections.map((section) => section.name)).not.toContain('alice');
    expect(files['pjsip.conf']).not.toContain(alice.md5Cred);
    expect(files['pjsip.conf']).toContain('--static-people');
    expect(sections.filter((section) => section.template === '!').map((section) => section.name)).toEqual([
      'switchboard-phone',
      'switchboard-phone-auth',
      'switchboard-phone-aor',
      'switchboard-browser',
    ]);
    expect(value(pjsipObject(files, 'transport-udp', 'transport'), 'bind')).toBe('127.0.0.1:5160');
    expect(value(pjsipObject(files, 'sipp', 'endpoint'), 'context')).toBe('from-sip');
    expect(files['sorcery.conf']).toContain('endpoint=memory');
  });

  it('static people: gives each account an endpoint, a digest auth with its md5 credential and an AOR', () => {
    const files = generateAsteriskConfig(settings());
    const endpoint = pjsipObject(files, 'alice', 'endpoint');
    expect(value(endpoint, 'context')).toBe('from-internal');
    expect(value(endpoint, 'allow')).toBe('ulaw,alaw');
    expect(value(endpoint, 'dtmf_mode')).toBe('rfc4733');
    expect(value(endpoint, 'auth')).toBe('alice');
    expect(value(endpoint, 'aors')).toBe('alice');
    expect(value(endpoint, 'callerid')).toBe('"Alice Martin" <6001>');
    expect(value(endpoint, 'transport')).toBeUndefined();

    const auth = pjsipObject(files, 'alice', 'auth');
    expect(value(auth, 'auth_type')).toBe('md5');
    expect(value(auth, 'username')).toBe('alice');
    expect(value(auth, 'realm')).toBe('asterisk');
    expect(value(auth, 'md5_cred')).toBe(md5('alice:asterisk:bonjour'));
    expect(value(auth, 'password')).toBeUndefined();

    expect(value(pjsipObject(files, 'bob', 'aor'), 'max_contacts')).toBe('5');
  });

  it('offers SDES SRTP optimistically unless the account turns it off', () => {
    const files = generateAsteriskConfig(settings());
    const alicePhone = pjsipObject(files, 'alice', 'endpoint');
    expect(value(alicePhone, 'media_encryption')).toBe('sdes');
    expect(value(alicePhone, 'media_encryption_optimistic')).toBe('yes');
    const bobPhone = pjsipObject(files, 'bob', 'endpoint');
    expect(value(bobPhone, 'media_encryption')).toBe('no');
    expect(value(bobPhone, 'media_encryption_optimistic')).toBeUndefined();
  });

  it('binds UDP and TLS transports with the certificate paths, or leaves TLS out when its port is 0', () => {
    const files = generateAsteriskConfig(settings());
    const udp = pjsipObject(files, 'transport-udp', 'transport');
    expect(value(udp, 'bind')).toBe('127.0.0.1:5160');
    const tls = pjsipObject(files, 'transport-tls', 'transport');
    expect(value(tls, 'protocol')).toBe('tls');
    expect(value(tls, 'bind')).toBe('127.0.0.1:5161');
    expect(value(tls, 'cert_file')).toBe('/etc/asterisk/keys/a.pem');
    expect(value(tls, 'priv_key_file')).toBe('/etc/asterisk/keys/a.key');

    const withoutTls = generateAsteriskConfig(settings({ sip: { ...settings().sip, tlsPort: 0 } }));
    expect(withoutTls['pjsip.conf']).not.toContain('[transport-tls]');
  });

  it('adds the WebSocket transports for browsers: ws always, wss only with the HTTPS listener', () => {
    const files = generateAsteriskConfig(settings());
    expect(value(pjsipObject(files, 'transport-ws', 'transport'), 'protocol')).toBe('ws');
    expect(value(pjsipObject(files, 'transport-wss', 'transport'), 'protocol')).toBe('wss');
    // The comment says why the loopback ws exists: the web app's proxy.
    expect(files['pjsip.conf']).toMatch(/^; Browsers reach Asterisk through the web app's SIP proxy/m);

    const withoutHttps = generateAsteriskConfig(settings({ ari: { ...settings().ari, tlsPort: 0 } }));
    expect(value(pjsipObject(withoutHttps, 'transport-ws', 'transport'), 'protocol')).toBe('ws');
    expect(withoutHttps['pjsip.conf']).not.toContain('[transport-wss]');
  });

  it("adds Asterisk's HTTPS listener with the SIP TLS certificate, or none when its port is 0", () => {
    const http = parseConf(generateAsteriskConfig(settings())['http.conf']!)[0]!;
    expect(value(http, 'bindport')).toBe('8188');
    expect(value(http, 'tlsenable')).toBe('yes');
    expect(value(http, 'tlsbindaddr')).toBe('127.0.0.1:8189');
    expect(value(http, 'tlscertfile')).toBe('/etc/asterisk/keys/a.pem');
    expect(value(http, 'tlsprivatekey')).toBe('/etc/asterisk/keys/a.key');

    const ipv6 = parseConf(
      generateAsteriskConfig(settings({ ari: { ...settings().ari, bindAddress: '::1' } }))['http.conf']!,
    )[0]!;
    expect(value(ipv6, 'tlsbindaddr')).toBe('[::1]:8189');

    const withoutHttps = parseConf(
      generateAsteriskConfig(settings({ ari: { ...settings().ari, tlsPort: 0 } }))['http.conf']!,
    )[0]!;
    expect(value(withoutHttps, 'tlsenable')).toBeUndefined();
    expect(value(withoutHttps, 'bindport')).toBe('8188');
  });

  it('turns ICE on in rtp.conf, and asks a STUN server only when one is given', () => {
    const rtp = parseConf(generateAsteriskConfig(settings())['rtp.conf']!)[0]!;
    expect(value(rtp, 'icesupport')).toBe('yes');
    expect(value(rtp, 'stunaddr')).toBeUndefined();
    const withStun = parseConf(
      generateAsteriskConfig(settings({ rtp: { ...settings().rtp, stunServer: 'stun.example.org:3478' } }))[
        'rtp.conf'
      ]!,
    )[0]!;
    expect(value(withStun, 'stunaddr')).toBe('stun.example.org:3478');
  });

  it('rings every device of a person at once in switchboard-person, and maps DIALSTATUS to a hangup cause', () => {
    const sections = parseConf(generateAsteriskConfig(settings())['extensions.conf']!);
    const person = sections.find((section) => section.name === 'switchboard-person')!;
    // Usernames are [a-z][a-z0-9._-]{1,31}: "_[a-z]." needs 2+ characters, so it never takes "h" from the h extension.
    expect(person.values.get('exten')).toEqual([
      '_[a-z].,1,NoOp(ring every device of ${EXTEN})',
      'h,1,NoOp(person call ended)',
    ]);
    const steps = person.values.get('same')!;
    expect(steps).toContain('n,Set(DESK=${PJSIP_DIAL_CONTACTS(${EXTEN})})');
    expect(steps).toContain('n,Set(WEB=${PJSIP_DIAL_CONTACTS(${EXTEN}~web)})');
    // No timeout: the runtime's originate timeout ends the ring.
    expect(steps).toContain('n,Dial(${DEVICES})');
    expect(steps).toContain('n(absent),Hangup(20)');
    for (const [status, cause] of [
      ['BUSY', 17],
      ['NOANSWER', 19],
      ['CONGESTION', 34],
      ['CHANUNAVAIL', 20],
    ] as const)
      expect(steps).toContain(`n,ExecIf($["\${DIALSTATUS}" = "${status}"]?Set(CAUSE=${cause}))`);
    // A "decline" (603, cause 21) is CHANUNAVAIL to Dial(): kept as 21, which the runtime takes as busy.
    expect(steps).toContain('n,ExecIf($["${DIALSTATUS}" = "CHANUNAVAIL" & "${HANGUPCAUSE}" = "21"]?Set(CAUSE=21))');
    expect(steps.at(-2)).toBe('n,Hangup(${CAUSE})');
    // Whatever else Dial() said (ANSWER, CANCEL...) ends with 16, normal clearing.
    expect(steps.indexOf('n,Set(CAUSE=16)')).toBe(steps.indexOf('n,Dial(${DEVICES})') + 1);
  });

  it('identifies by From user before IP, so a registering account is never taken for the sandbox endpoint', () => {
    const global = pjsipObject(generateAsteriskConfig(settings({ sandbox: true })), 'global', 'global');
    expect(value(global, 'endpoint_identifier_order')?.split(',')[0]).toBe('username');
  });

  it('sends every dialled number into the Stasis app from both contexts', () => {
    const sections = parseConf(generateAsteriskConfig(settings({ app: 'ivr-app' }))['extensions.conf']!);
    for (const context of ['from-internal', 'from-sip']) {
      const extensions = sections.find((section) => section.name === context)?.values.get('exten') ?? [];
      expect(extensions).toContain('_X!,1,Stasis(ivr-app,${EXTEN})');
      expect(extensions).toContain('_[*#+a-zA-Z]!,1,Stasis(ivr-app,${EXTEN})');
      expect(extensions).toContain('s,1,Stasis(ivr-app)');
      expect(extensions).toContain('h,1,NoOp(call ended)');
    }
  });

  it("sends a browser device's calls through a Local channel, with only dialable numbers, naming the device", () => {
    const sections = parseConf(generateAsteriskConfig(settings({ app: 'ivr-app' }))['extensions.conf']!);
    const device = sections.find((section) => section.name === 'switchboard-device')?.values.get('exten') ?? [];
    expect(device[0]).toBe('_[0-9*#+a-zA-Z]!,1,GotoIf($[${REGEX("[^0-9A-Za-z*#+]" ${EXTEN})}]?refuse)');
    expect(device).toContain('h,1,NoOp(device call ended)');
    const stasis = sections.find((section) => section.name === 'switchboard-device-stasis')?.values.get('exten');
    expect(stasis).toContain('_[0-9*#+a-zA-Z]!,1,Stasis(ivr-app,${EXTEN},device,${SWITCHBOARD_DEVICE})');
    const body = generateAsteriskConfig(settings())['extensions.conf']!;
    expect(body).toContain('Dial(Local/${EXTEN}@switchboard-device-stasis/n)');
    expect(body).toContain('Set(__SWITCHBOARD_DEVICE=${CHANNEL(endpoint)})');
  });

  it('sets ARI credentials, HTTP binding with a raised session limit, RTP range and the voicemail noload', () => {
    const files = generateAsteriskConfig(settings());
    const http = parseConf(files['http.conf']!)[0]!;
    expect(value(http, 'bindaddr')).toBe('127.0.0.1');
    expect(value(http, 'bindport')).toBe('8188');
    expect(Number(value(http, 'sessionlimit'))).toBeGreaterThanOrEqual(1000);
    const ariUser = parseConf(files['ari.conf']!).find((section) => section.name === 'ariuser')!;
    expect(value(ariUser, 'password')).toBe('aripass');
    const rtp = parseConf(files['rtp.conf']!)[0]!;
    expect([value(rtp, 'rtpstart'), value(rtp, 'rtpend')]).toEqual(['12000', '12999']);
    expect(parseConf(files['modules.conf']!)[0]!.values.get('noload')).toContain('app_voicemail_odbc.so');
    expect(files['musiconhold.conf']).toContain('directory=/usr/share/asterisk/moh');
    expect(value(parseConf(files['cdr.conf']!)[0]!, 'enable')).toBe('no');
  });

  it('lets ARI push pjsip objects next to the read-only pjsip.conf ones: endpoints in memory, the rest in astdb', () => {
    const sections = parseConf(generateAsteriskConfig(settings())['sorcery.conf']!);
    const resPjsip = sections.find((section) => section.name === 'res_pjsip')!;
    // astdb would store the deprecated stir_shaken field of every endpoint and Asterisk 22 would warn on each load.
    expect(resPjsip.values.get('endpoint')).toEqual(['config,pjsip.conf,criteria=type=endpoint', 'memory']);
    for (const type of ['aor', 'auth']) {
      expect(resPjsip.values.get(type)).toEqual([`config,pjsip.conf,criteria=type=${type}`, `astdb,ps_${type}`]);
    }
    expect(
      sections.find((section) => section.name === 'res_pjsip_endpoint_identifier_ip')?.values.get('identify'),
    ).toContain('astdb,ps_identify');
  });

  it('adds the test endpoints and dialplan helpers in sandbox mode', () => {
    const files = generateAsteriskConfig(settings({ sandbox: true }));
    const sipp = pjsipObject(files, 'sipp', 'endpoint');
    expect(value(sipp, 'context')).toBe('from-sip');
    expect(value(sipp, 'auth')).toBeUndefined();
    expect(value(pjsipObject(files, 'sipp-identify', 'identify'), 'match')).toBe('127.0.0.1');
    expect(value(pjsipObject(files, 'sipp-uas', 'aor'), 'contact')).toBe('sip:uas@127.0.0.1:5071');

    const sections = parseConf(files['extensions.conf']!);
    const dtmf = sections.find((section) => section.name === 'dtmf')!;
    expect(dtmf.values.get('exten')).toEqual(['_[0-9*#A-D]!,1,Answer()']);
    expect(dtmf.values.get('same')).toContain('n,SendDTMF(${EXTEN},250)');
    for (const context of ['stasis', 'wait', 'confbridge', 'voicemail'])
      expect(sections.map((s) => s.name)).toContain(context);
    expect(files['voicemail.conf']).toContain('100 => 1234');
  });

  it("static people: writes a person's browser device beside their phone, sharing their extension", () => {
    const aliceWeb: SipAccount = { ...alice, username: 'alice~web', md5Cred: 'ef'.repeat(16), device: 'browser' };
    const files = generateAsteriskConfig(settings({ people: { kind: 'static', accounts: [alice, aliceWeb] } }));
    const endpoint = pjsipObject(files, 'alice~web', 'endpoint');
    expect(value(endpoint, 'webrtc')).toBe('yes');
    expect(value(endpoint, 'allow')).toBe('ulaw,alaw');
    expect(value(endpoint, 'callerid')).toBe('"Alice Martin" <6001>');
    expect(value(endpoint, 'transport')).toBeUndefined();
    expect(value(pjsipObject(files, 'alice~web', 'auth'), 'md5_cred')).toBe('ef'.repeat(16));
    expect(value(pjsipObject(files, 'alice', 'endpoint'), 'webrtc')).toBeUndefined();
    // only a browser device is named "~web", and a browser device only
    const mixedUp = settings({
      people: {
        kind: 'static',
        accounts: [
          { ...alice, username: 'alice~web' },
          { ...bob, device: 'browser' },
        ],
      },
    });
    expect(() => generateAsteriskConfig(mixedUp)).toThrow(/accounts\[0\]\.username: a browser device, and only/);
    expect(() => generateAsteriskConfig(mixedUp)).toThrow(/accounts\[1\]\.username: a browser device, and only/);
  });

  it('keeps a display name from breaking the config line', () => {
    const files = generateAsteriskConfig(
      settings({ people: { kind: 'static', accounts: [{ ...alice, displayName: 'Ali "the boss"; ops' }] } }),
    );
    expect(files['pjsip.conf']).toContain(`callerid="Ali 'the boss'\\; ops" <6001>`);
  });

  it('refuses bad settings and names each faulty field', () => {
    const bad = settings({
      app: 'my app',
      ari: { ...settings().ari, password: 'x\n[evil]', tlsPort: 8188 },
      rtp: { start: 13000, end: 12000, stunServer: 'stun.example.org; evil' },
      people: {
        kind: 'static',
        accounts: [
          alice,
          { ...bob, username: 'alice', md5Cred: 'bonjour' },
          { ...bob, username: 'sipp', extension: '6001' },
        ],
      },
    });
    expect(() => generateAsteriskConfig(bad)).toThrow(AsteriskConfigError);
    let message = '';
    try {
      generateAsteriskConfig(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('app:');
    expect(message).toContain('ari.password:');
    expect(message).toContain('rtp.end: must be above rtp.start (13000)');
    expect(message).toContain('ari.tlsPort: must differ from ari.port');
    expect(message).toContain('rtp.stunServer: host:port');
    expect(() =>
      generateAsteriskConfig(settings({ ari: { ...settings().ari, tlsPort: settings().sip.tlsPort } })),
    ).toThrow('ari.tlsPort: must differ from sip.tlsPort');
    expect(message).toContain('people.accounts[1].md5Cred:');
    expect(message).toContain('people.accounts[1].username: duplicate username "alice"');
    expect(message).toContain('people.accounts[2].username: this name is reserved');
    expect(message).toContain('people.accounts[2].extension: duplicate extension "6001"');
  });
});
