// The generated Asterisk configuration, proven on a real Asterisk: ARI answers, every dialled number enters the
// Stasis app, accounts authenticate with digest auth, ARI-pushed accounts work (and come back after a restart with the runtime's sync), Asterisk can
// call a SIP UAS. People are not in the generated pjsip.conf: no Switchboard runs here, so this suite pushes the seed
// people itself, with the sync a connecting Switchboard runs.
// Needs a running sandbox started with the generated config (scripts/asterisk-sandbox.sh start) and its env:
//   eval "$(bash scripts/asterisk-sandbox.sh env)"; npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/asterisk-config.e2e.test.ts
import { execFile } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase } from '#db/testing/temp-database.ts';
import type { AriCallPort } from '#runtime/ari/call-port.ts';
import { AriConnection } from '#runtime/ari/connection.ts';
import { createAriSipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import {
  AriProbeClient,
  asteriskSandbox,
  quietLog,
  requireAriSettings,
  testMedia,
} from '#runtime/ari/testing/asterisk.ts';
import { seededWorkspace, startRuntimeProcess } from './testing/runtime-process.ts';
import { syncPeopleToAsterisk } from '#provisioning/people/people-service.ts';
import { freeUdpPort, runSipp, startSipp, statusCodes } from '#tests/sipp/sipp.ts';
import { personDialString } from '#runtime/person-dial.ts';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: start the sandbox and eval "$(bash scripts/asterisk-sandbox.sh env)"`);
  return value;
}

const ariUrl = requiredEnv('ARI_URL');
const ariUser = requiredEnv('ARI_USER');
const ariPass = requiredEnv('ARI_PASS');
const ariApp = requiredEnv('ARI_APP');
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${requiredEnv('SIP_PORT')}`;
const sipTlsPort = Number(process.env.SIP_TLS_PORT ?? 5061);
const astRoot = requiredEnv('AST_ROOT');
const basicAuth = 'Basic ' + Buffer.from(`${ariUser}:${ariPass}`).toString('base64');

/** What Asterisk says about a channel that entered the app (GET /channels/{id}). */
interface ChannelJson {
  id: string;
  name: string;
  state: string;
  caller: { number: string };
  dialplan: { context: string };
}

/**
 * Calls entering the app, through the project's ARI adapter: a test waits for the one its call produces. The
 * channel's details (name, context, state) come from ARI at arrival.
 */
class StasisArrivals {
  private waiting: {
    match: (port: AriCallPort, channel: ChannelJson) => boolean;
    resolve: (value: [AriCallPort, ChannelJson]) => void;
  }[] = [];

  constructor(connection: AriConnection, probe: AriProbeClient) {
    connection.on('incoming-call', (port) => {
      void probe.request<ChannelJson>('GET', `/channels/${encodeURIComponent(port.id)}`).then(
        (channel) => {
          const index = this.waiting.findIndex((waiter) => waiter.match(port, channel));
          if (index >= 0) this.waiting.splice(index, 1)[0]!.resolve([port, channel]);
        },
        () => {}, // gone already: no test waits for a channel it cannot see
      );
    });
  }

  next(
    match: (port: AriCallPort, channel: ChannelJson) => boolean,
    timeoutMs = 15_000,
  ): Promise<[AriCallPort, ChannelJson]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching StasisStart in time')), timeoutMs);
      this.waiting.push({ match, resolve: (value) => (clearTimeout(timer), resolve(value)) });
    });
  }
}

async function ariFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${ariUrl}/ari${path}`, {
    ...init,
    headers: { authorization: basicAuth, 'content-type': 'application/json', ...init.headers },
  });
}

/** An Asterisk CLI command on this suite's sandbox (AST_ROOT and the ports come from the environment). */
async function asteriskCli(command: string): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['scripts/asterisk-sandbox.sh', 'cli', command]);
  return stdout;
}

/**
 * Runs `use` with a SIP account of its own pushed over ARI the way Switchboard adds a person (only the md5 digest of
 * `password`, "bonjour" unless said), removed afterwards: a fresh account has no contact left behind by another
 * suite (a desk phone killed before it unregistered would ring too).
 */
async function withPushedAccount(name: string, use: () => Promise<void>, password = 'bonjour'): Promise<void> {
  const id = encodeURIComponent(name);
  const push = (type: string, fields: Record<string, string>) =>
    ariFetch(`/asterisk/config/dynamic/res_pjsip/${type}/${id}`, {
      method: 'PUT',
      body: JSON.stringify({ fields: Object.entries(fields).map(([attribute, value]) => ({ attribute, value })) }),
    });
  const md5Cred = createHash('md5').update(`${name}:asterisk:${password}`).digest('hex');
  try {
    expect(
      (await push('auth', { auth_type: 'md5', username: name, realm: 'asterisk', md5_cred: md5Cred })).status,
    ).toBe(200);
    expect((await push('aor', { max_contacts: '5', remove_existing: 'yes' })).status).toBe(200);
    const endpoint = await push('endpoint', {
      context: 'from-internal',
      disallow: 'all',
      allow: 'ulaw,alaw',
      dtmf_mode: 'rfc4733',
      direct_media: 'no',
      auth: name,
      aors: name,
    });
    expect(endpoint.status).toBe(200);
    await use();
  } finally {
    for (const type of ['endpoint', 'aor', 'auth'])
      await ariFetch(`/asterisk/config/dynamic/res_pjsip/${type}/${id}`, { method: 'DELETE' });
  }
}

/** REGISTER (expires N, 0 to unregister) of `account` with password "bonjour" from `ports`. */
function registerFrom(account: string, ports: { port: number; mediaPort: number }, expires: number) {
  return runSipp({
    scenario: 'register-auth',
    target: sipTarget,
    ...ports,
    args: ['-s', account, '-ap', 'bonjour', '-key', 'expires', String(expires)],
  });
}

async function sippPorts() {
  return { port: await freeUdpPort(), mediaPort: await freeUdpPort() };
}

const settings = { url: ariUrl.replace(/\/+$/, ''), username: ariUser, password: ariPass, app: ariApp };
const probe = new AriProbeClient(settings);
const connection = new AriConnection(settings, { media: testMedia, log: quietLog });
const arrivals = new StasisArrivals(connection, probe);

/** Bob's phone registers with the seed password "bonjour" (and unregisters): what a restart must not break. */
async function bobRegisters() {
  const ports = await sippPorts();
  return runSipp({
    scenario: 'register-auth',
    target: sipTarget,
    ...ports,
    args: ['-s', 'bob', '-ap', 'bonjour', '-key', 'expires', '0'],
  });
}

beforeAll(async () => {
  // GIVEN the seed people (alice, bob, julien) with the demo secrets (password "bonjour"; a real install gets random
  // ones) pushed over ARI, as a connecting Switchboard does
  const seeded = openTempDatabase();
  try {
    await seedPeople(seeded.db, { demoSecrets: true });
    const report = await syncPeopleToAsterisk(seeded.db, createAriSipAccountProvisioner(settings));
    if (report.failed.length > 0 || !['alice', 'bob'].every((name) => report.applied.includes(name))) {
      throw new Error(`could not push the seed people: ${JSON.stringify(report)}`);
    }
  } finally {
    seeded.dispose();
  }
  connection.start();
  await connection.waitForState('connected', 15_000);
});

afterAll(async () => {
  await connection.stop();
});

describe('ARI', () => {
  it('answers with the configured credentials and refuses others', async () => {
    // GIVEN the sandbox runs the generated http.conf and ari.conf
    const ok = await ariFetch('/asterisk/info');
    const refused = await fetch(`${ariUrl}/ari/asterisk/info`, {
      headers: { authorization: 'Basic ' + Buffer.from(`${ariUser}:wrong`).toString('base64') },
    });
    // THEN
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { system: { version: string } }).system.version).toMatch(/^22\./);
    expect(refused.status).toBe(401);
  });
});

describe('every dialled number enters the Stasis app', () => {
  it('a call from the sandbox endpoint "sipp" to 6003 enters Stasis with "6003" and its DTMF arrives', async () => {
    // GIVEN an unauthenticated sipp call from 127.0.0.1
    const started = arrivals.next(
      (port, channel) => channel.name.startsWith('PJSIP/sipp-') && port.dialledNumber === '6003',
    );
    const call = runSipp({
      scenario: 'uac-dtmf',
      target: sipTarget,
      ...(await sippPorts()),
      args: ['-s', '6003', '-key', 'caller', 'sipp'],
    });
    // WHEN the app answers
    const [port, channel] = await started;
    await port.answer();
    const read = await port.readDigits({
      maxDigits: 4,
      firstDigitTimeoutMs: 15_000,
      interDigitTimeoutMs: 5_000,
      signal: new AbortController().signal,
    });
    const result = await call;
    // THEN the call went through the from-sip context and every digit reached the app
    expect(channel.dialplan.context).toBe('from-sip');
    expect(result.exitCode, result.output).toBe(0);
    expect(read).toEqual({ digits: '12#5', ended: 'max-digits' });
  });

  it('a call from account alice (digest auth) enters Stasis from the from-internal context', async () => {
    // GIVEN sipp calling as alice with her password: Asterisk challenges the INVITE. sipp offers plain RTP while
    // alice's endpoint offers SRTP optimistically: the call must still be set up.
    const started = arrivals.next((_port, channel) => channel.name.startsWith('PJSIP/alice-'));
    const call = runSipp({
      scenario: 'uac-dtmf',
      target: sipTarget,
      ...(await sippPorts()),
      args: ['-s', '6002', '-key', 'caller', 'alice', '-au', 'alice', '-ap', 'bonjour'],
    });
    // WHEN the app answers
    const [port, channel] = await started;
    await port.answer();
    const result = await call;
    // THEN
    expect(port.dialledNumber).toBe('6002');
    expect(channel.dialplan.context).toBe('from-internal');
    expect(channel.caller.number).toBe('6001');
    expect(result.exitCode, result.output).toBe(0);
    expect(statusCodes(result.messages).slice(0, 1)).toEqual([401]);
  });
});

describe('SIP accounts register with digest auth', () => {
  it('bob registers with the right password and is refused with a wrong one', async () => {
    const ports = await sippPorts();
    const register = (password: string, expires: number) =>
      runSipp({
        scenario: 'register-auth',
        target: sipTarget,
        ...ports,
        args: ['-s', 'bob', '-ap', password, '-key', 'expires', String(expires)],
      });
    // WHEN
    const good = await register('bonjour', 60);
    const bad = await register('wrong-password', 60);
    const unregistered = await register('bonjour', 0);
    // THEN
    expect(good.exitCode, good.output).toBe(0);
    expect(statusCodes(good.messages)).toEqual([401, 200]);
    expect(bad.exitCode).not.toBe(0);
    expect([401, 403]).toContain(statusCodes(bad.messages)[1]);
    expect(unregistered.exitCode, unregistered.output).toBe(0);
  });

  it('an account pushed over ARI (writable sorcery wizards) registers too', async () => {
    // GIVEN carol, added live the way Switchboard adds a person, with only the md5 digest of her password
    await withPushedAccount(
      'carol',
      async () => {
        // WHEN carol registers
        const result = await runSipp({
          scenario: 'register-auth',
          target: sipTarget,
          ...(await sippPorts()),
          args: ['-s', 'carol', '-ap', 's3cret', '-key', 'expires', '0'],
        });
        // THEN
        expect(result.exitCode, result.output).toBe(0);
      },
      's3cret',
    );
  });
});

describe('Asterisk calls out to SIP', () => {
  it('dials a registered account (bob) whose phone is a sipp UAS', async () => {
    // GIVEN bob registered from the port where a UAS then listens
    const ports = await sippPorts();
    const registered = await runSipp({
      scenario: 'register-auth',
      target: sipTarget,
      ...ports,
      args: ['-s', 'bob', '-ap', 'bonjour', '-key', 'expires', '60'],
    });
    expect(registered.exitCode, registered.output).toBe(0);
    const uas = startSipp({ scenario: 'uas-answer', ...ports });
    try {
      // WHEN the app originates a call to bob
      const answered = arrivals.next((_port, channel) => channel.name.startsWith('PJSIP/bob-'));
      await probe.originateIntoApp('PJSIP/bob', 'dial-out-test');
      const [port, channel] = await answered;
      // THEN the UAS answered (the channel enters Stasis once answered) and ends cleanly when the app hangs up
      expect(channel.state).toBe('Up');
      expect(port.dialledNumber).toBe('dial-out-test');
      await port.hangup();
      const result = await uas.done;
      expect(result.exitCode, result.output).toBe(0);
    } finally {
      uas.stop();
      await uas.done; // the port must be free again before unregistering from it
      // Unregister from the same port: expiring another contact would leave this one for later tests to ring.
      await runSipp({
        scenario: 'register-auth',
        target: sipTarget,
        ...ports,
        args: ['-s', 'bob', '-ap', 'bonjour', '-key', 'expires', '0'],
      });
    }
  });

  it('dials the sandbox endpoint sipp-uas at any port', async () => {
    const ports = await sippPorts();
    const uas = startSipp({ scenario: 'uas-answer', ...ports });
    try {
      const answered = arrivals.next((_port, channel) => channel.name.startsWith('PJSIP/sipp-uas-'));
      await probe.originateIntoApp(`PJSIP/sipp-uas/sip:uas@127.0.0.1:${ports.port}`, 'sipp-uas-test');
      const [port, channel] = await answered;
      expect(channel.state).toBe('Up');
      await port.hangup();
      expect((await uas.done).exitCode).toBe(0);
    } finally {
      uas.stop();
    }
  });
});

describe('a person is rung on all their devices (switchboard-person)', () => {
  it('Local/bob@switchboard-person rings the phone bob registered, with the caller id of the originate', async () => {
    // GIVEN bob registered from the port where a UAS then listens
    const ports = await sippPorts();
    const register = (expires: number) =>
      runSipp({
        scenario: 'register-auth',
        target: sipTarget,
        ...ports,
        args: ['-s', 'bob', '-ap', 'bonjour', '-key', 'expires', String(expires)],
      });
    const registered = await register(60);
    expect(registered.exitCode, registered.output).toBe(0);
    const uas = startSipp({ scenario: 'uas-answer', ...ports });
    try {
      // WHEN the app originates the person dial string with a caller id, as the runtime's dial node does
      const answered = arrivals.next((port) => port.dialledNumber === 'person-dial-test');
      const query = new URLSearchParams({
        endpoint: personDialString('bob'),
        app: ariApp,
        appArgs: 'person-dial-test',
        callerId: '"Ada Caller" <6099>',
      });
      await probe.request('POST', `/channels?${query}`);
      const [port, channel] = await answered;
      // THEN the runtime's side is the Local channel, up once bob's phone answered
      expect(channel.name).toMatch(/^Local\/bob@switchboard-person-/);
      expect(channel.state).toBe('Up');
      await port.hangup();
      const result = await uas.done;
      expect(result.exitCode, result.output).toBe(0);
      // AND bob's phone saw the caller id through the Local channel and Dial()
      const invite = result.messages.split(/\n(?=INVITE )/).find((part) => part.startsWith('INVITE '));
      expect(invite).toMatch(/^From: "Ada Caller" <sip:6099@/m);
    } finally {
      uas.stop();
      await uas.done; // the port must be free again before unregistering from it
      await register(0);
    }
  });

  it.each([
    ['uas-busy', 'busy'],
    ['uas-decline', 'busy'],
  ] as const)(
    'a phone that refuses the call (%s) makes the dial "%s" through Dial() and the Local channel',
    async (scenario, outcome) => {
      // GIVEN dora's only phone refuses every call that way, and a caller in the app (Local/s@wait, silent)
      await withPushedAccount('dora', async () => {
        const ports = await sippPorts();
        expect((await registerFrom('dora', ports, 60)).exitCode).toBe(0);
        const phone = startSipp({ scenario, ...ports });
        const appArgs = `person-${scenario}`;
        const arrived = arrivals.next((port) => port.dialledNumber === appArgs);
        await probe.originateIntoApp('Local/s@wait', appArgs);
        const [caller] = await arrived;
        try {
          // WHEN it dials dora the way the runtime does
          const result = await caller.dial({
            endpoint: personDialString('dora'),
            ringSeconds: 20,
            signal: new AbortController().signal,
          });
          // THEN the flow takes "busy", as it did when the account was dialled directly
          expect(result.outcome).toBe(outcome);
          const refused = await phone.done;
          expect(refused.exitCode, refused.output).toBe(0);
        } finally {
          await caller.hangup();
          phone.stop();
          await phone.done;
          await registerFrom('dora', ports, 0);
        }
      });
    },
  );

  it("rings a person's desk phone and browser device at once: the browser answers, the desk phone stops ringing", async () => {
    // GIVEN erin's desk account and her browser device "erin~web" (plain UDP here: sipp speaks no WebRTC), both
    // registered; the desk phone only rings, the "browser" answers
    await withPushedAccount('erin', () =>
      withPushedAccount('erin~web', async () => {
        const desk = await sippPorts();
        const web = await sippPorts();
        expect((await registerFrom('erin', desk, 60)).exitCode).toBe(0);
        const webRegistered = await registerFrom('erin~web', web, 60);
        expect(webRegistered.exitCode, webRegistered.output).toBe(0);
        const deskPhone = startSipp({ scenario: 'uas-ring', ...desk });
        const webPhone = startSipp({ scenario: 'uas-answer', ...web });
        try {
          // WHEN the app rings erin the way the runtime does
          const answered = arrivals.next((port) => port.dialledNumber === 'person-both-devices');
          const query = new URLSearchParams({
            endpoint: personDialString('erin'),
            app: ariApp,
            appArgs: 'person-both-devices',
          });
          await probe.request('POST', `/channels?${query}`);
          const [port] = await answered;
          // THEN the desk phone was rung too, and cancelled once the browser device answered
          const deskResult = await deskPhone.done;
          expect(deskResult.messages).toMatch(/^INVITE /m);
          expect(deskResult.messages).toMatch(/^CANCEL /m);
          await port.hangup();
          const webResult = await webPhone.done;
          expect(webResult.exitCode, webResult.output).toBe(0);
        } finally {
          deskPhone.stop();
          webPhone.stop();
          await Promise.all([deskPhone.done, webPhone.done]); // the ports must be free before unregistering
          await registerFrom('erin', desk, 0);
          await registerFrom('erin~web', web, 0);
        }
      }),
    );
  });

  it('a person with no registered device fails at once with cause 20 (subscriber absent)', async () => {
    // GIVEN nadia, whose account exists but has no phone registered, and a caller in the app (Local/s@wait)
    await withPushedAccount('nadia', async () => {
      const arrived = arrivals.next((port) => port.dialledNumber === 'person-absent-test');
      await probe.originateIntoApp('Local/s@wait', 'person-absent-test');
      const [caller] = await arrived;
      try {
        // WHEN it dials nadia with a long ring time
        const startedAt = Date.now();
        const result = await caller.dial({
          endpoint: personDialString('nadia'),
          ringSeconds: 30,
          signal: new AbortController().signal,
        });
        // THEN the dial fails within a few seconds, with Asterisk's text for cause 20
        expect(result).toMatchObject({ outcome: 'failed', detail: 'Subscriber absent' });
        expect(Date.now() - startedAt).toBeLessThan(5_000);
      } finally {
        await caller.hangup();
      }
    });
  });
});

describe('WebRTC', () => {
  it('the HTTP server serves the SIP WebSocket /ws (and HTTPS), and pjsip has the ws and wss transports', async () => {
    // GIVEN the sandbox runs the generated http.conf and pjsip.conf
    const http = await asteriskCli('http show status');
    const transports = await asteriskCli('pjsip show transports');
    // THEN
    expect(http).toMatch(/^\/ws => Asterisk HTTP WebSocket/m);
    expect(http).toMatch(/HTTPS Server Enabled and Bound to 127\.0\.0\.1:\d+/);
    expect(transports).toMatch(/transport-ws\s+ws\s/);
    expect(transports).toMatch(/transport-wss\s+wss\s/);
  });
});

describe('SIP over TLS', () => {
  it('the TLS transport presents the sandbox certificate', async () => {
    // GIVEN the certificate the sandbox script made for the chroot's /etc/asterisk/keys
    const expected = new X509Certificate(readFileSync(`${astRoot}/etc/asterisk/keys/asterisk.pem`)).fingerprint256;
    // WHEN a TLS client connects to the SIP TLS port
    const presented = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: sipTlsPort, rejectUnauthorized: false }, () => {
        const { fingerprint256 } = socket.getPeerCertificate();
        socket.end();
        resolve(fingerprint256);
      });
      socket.on('error', reject);
    });
    // THEN
    expect(presented).toBe(expected);
  });
});

describe('pushed accounts and restarts', () => {
  it('the generated pjsip.conf leaves people to ARI: the seed accounts are pushed objects ARI can change', async () => {
    const pjsipConf = readFileSync(`${astRoot}/etc/asterisk/pjsip.conf`, 'utf8');
    expect(pjsipConf).not.toMatch(/^\[bob\]/m);
    // GET on the dynamic config answers for pushed objects; one from pjsip.conf would refuse a PUT with 403
    const endpoint = await ariFetch('/asterisk/config/dynamic/res_pjsip/endpoint/bob');
    expect(endpoint.status).toBe(200);
    const fields = (await endpoint.json()) as { attribute: string; value: string }[];
    expect(fields.find((field) => field.attribute === 'auth')?.value).toBe('bob');
  });

  it('pushed accounts load without a deprecated-option warning (endpoints in memory, not astdb)', async () => {
    // GIVEN bob's endpoint, pushed in beforeAll, read back several times (each read loads it from its wizard)
    const log = `${astRoot}/var/log/asterisk/messages.log`;
    const before = readFileSync(log, 'utf8').length;
    for (let i = 0; i < 3; i++)
      expect((await ariFetch('/asterisk/config/dynamic/res_pjsip/endpoint/bob')).status).toBe(200);
    expect((await bobRegisters()).exitCode).toBe(0);
    // THEN Asterisk logged no warning about stir_shaken (the astdb wizard stored it and warned on every load)
    expect(readFileSync(log, 'utf8').slice(before)).not.toMatch(/stir_shaken/);
  });

  it('after an Asterisk restart the reconnecting runtime pushes the accounts again: bob registers', async () => {
    // GIVEN the runtime connected to Asterisk, with the seed people (demo secrets) in its database
    const workspace = await seededWorkspace();
    const runtime = await startRuntimeProcess(workspace, requireAriSettings());
    try {
      await runtime.waitUntilReady(60_000);
      expect((await bobRegisters()).exitCode).toBe(0);
      // WHEN Asterisk stops and starts again, keeping its astdb as a real Asterisk does
      const restartedAt = Date.now();
      await asteriskSandbox('stop');
      await asteriskSandbox('start', { keepState: true });
      // THEN the runtime reconnects, pushes everyone again, and bob's phone registers with the same password
      await runtime.waitUntilReady(60_000, { connectedAfter: restartedAt });
      const registered = await bobRegisters();
      expect(registered.exitCode, registered.output).toBe(0);
      expect(statusCodes(registered.messages)).toEqual([401, 200]);
    } finally {
      await runtime.stop();
      workspace.remove();
    }
  }, 180_000);
});
