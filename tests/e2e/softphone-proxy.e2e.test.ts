// Issue 14, server side, end to end on the sandbox Asterisk: a staff member linked to bob asks the web app for the
// softphone's credentials, opens the SIP WebSocket through the app's /sip proxy and registers as bob's browser
// device "bob~web" with digest authentication, as JsSIP in the browser does; Asterisk then lists the contact. Another
// browser of the same account takes the device over (the first one's password is refused from then on), and signing
// out revokes the password.
// Needs the sandbox (its generated pjsip.conf has the WebSocket transport, protocol=ws) and its env:
//   bash scripts/asterisk-sandbox.sh start; eval "$(bash scripts/asterisk-sandbox.sh env)"
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/softphone-proxy.e2e.test.ts
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { softphoneCredentialsSchema, type ReadySoftphoneCredentials } from '#app/softphone/credentials.ts';
import { createStaffAccount, createStaffSession, type StaffAccount, type StaffSession } from '#db/auth.ts';
import { seedPeople } from '#db/seed.ts';
import { getUserByUsername } from '#db/users.ts';
import { linkStaffToPerson } from '#db/voicemail-inbox.ts';
import { syncPeopleToAsterisk } from '#provisioning/people/people-service.ts';
import { createAriSipAccountProvisioner } from '#runtime/ari/pjsip-provisioning.ts';
import { requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { sipWebSocketUpstreamFromEnv } from '#server/softphone-settings.ts';
import { startTestApp, type TestApp } from '#server/testing/test-app.ts';
import { digestAuthorization } from './testing/sip-tls-register.ts';

const ari = requireAriSettings();
const run = promisify(execFile);
const sandboxScript = process.env.ASTERISK_SANDBOX_SCRIPT ?? path.resolve('scripts/asterisk-sandbox.sh');

async function asteriskCli(command: string): Promise<string> {
  const { stdout } = await run('bash', [sandboxScript, 'cli', command], { timeout: 30_000 });
  return stdout;
}

async function ariGet(pathname: string): Promise<Response> {
  return fetch(`${ari.url}/ari${pathname}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString('base64')}` },
  });
}

let testApp: TestApp;
let bobby: StaffAccount;

/** One browser of a staff account: its own session cookie and CSRF token. */
interface Browser {
  session: StaffSession;
  credentials(): Promise<ReadySoftphoneCredentials>;
  signOut(): Promise<number>;
}

function browserOf(account: StaffAccount): Browser {
  const session = createStaffSession(testApp.temp.db, account.id);
  const post = (pathname: string, init: RequestInit) =>
    fetch(testApp.base + pathname, {
      ...init,
      method: 'POST',
      redirect: 'manual',
      headers: {
        Cookie: `sb_session=${session.id}`,
        Origin: testApp.base,
        'Sec-Fetch-Site': 'same-origin',
        ...init.headers,
      },
    });
  return {
    session,
    async credentials() {
      const response = await post('/softphone/credentials', { headers: { 'X-CSRF-Token': session.csrfToken } });
      expect(response.status).toBe(200);
      const body = softphoneCredentialsSchema.parse(await response.json());
      if (body.status !== 'ready') throw new Error(`expected ready credentials, got ${JSON.stringify(body)}`);
      return body;
    },
    async signOut() {
      const response = await post('/sign-out', {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: session.csrfToken }),
      });
      return response.status;
    },
  };
}

/** A SIP-over-WebSocket client in miniature (RFC 7118), opened through the web app's /sip proxy. */
class SipOverWebSocket {
  private waiting: ((message: string) => void)[] = [];
  private ready: string[] = [];
  private readonly instance = randomBytes(6).toString('hex');
  private readonly callId = randomBytes(8).toString('hex');
  private readonly fromTag = randomBytes(4).toString('hex');
  private cseq = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = data.toString();
      const waiter = this.waiting.shift();
      if (waiter) waiter(message);
      else this.ready.push(message);
    });
  }

  static async open(session: StaffSession): Promise<SipOverWebSocket> {
    const socket = new WebSocket(`${testApp.base.replace('http:', 'ws:')}/sip`, ['sip'], {
      headers: { Origin: testApp.base, Cookie: `sb_session=${session.id}` },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`the proxy refused the WebSocket: HTTP ${response.statusCode}`)),
      );
    });
    expect(socket.protocol).toBe('sip');
    return new SipOverWebSocket(socket);
  }

  private next(timeoutMs = 5_000): Promise<string> {
    const ready = this.ready.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no SIP message within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }

  /** REGISTERs as the credentials say, answering one digest challenge; the status codes, e.g. [401, 200]. */
  async register(credentials: ReadySoftphoneCredentials, password: string, expires = 120): Promise<number[]> {
    const domain = credentials.sipUri.split('@')[1]!;
    const uri = `sip:${domain}`;
    const aor = credentials.sipUri;
    const statuses: number[] = [];
    let authorization: string | null = null;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      this.cseq += 1;
      this.socket.send(
        [
          `REGISTER ${uri} SIP/2.0`,
          `Via: SIP/2.0/WS ${this.instance}.invalid;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
          'Max-Forwards: 70',
          `From: <${aor}>;tag=${this.fromTag}`,
          `To: <${aor}>`,
          `Call-ID: ${this.callId}`,
          `CSeq: ${this.cseq} REGISTER`,
          `Contact: <sip:${this.instance}@${this.instance}.invalid;transport=ws>;expires=${expires}`,
          `Expires: ${expires}`,
          ...(authorization ? [`Authorization: ${authorization}`] : []),
          'User-Agent: switchboard-e2e',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
      let response = await this.next();
      // Skip anything that is not the answer to this REGISTER (an OPTIONS qualify, say).
      while (!new RegExp(`^CSeq:\\s*${this.cseq} REGISTER`, 'im').test(response)) response = await this.next();
      const status = Number(/^SIP\/2\.0 (\d{3})/.exec(response)?.[1]);
      statuses.push(status);
      if (status !== 401) break;
      const challenge = /^WWW-Authenticate:\s*Digest\s+(.*)$/im.exec(response)?.[1];
      if (!challenge) throw new Error(`401 without a digest challenge:\n${response}`);
      authorization = digestAuthorization(challenge, { username: credentials.authorizationUser, password, uri });
    }
    return statuses;
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

beforeAll(async () => {
  const transports = await asteriskCli('pjsip show transports');
  if (!/\sws\s/.test(transports)) {
    throw new Error(
      'The sandbox Asterisk has no SIP WebSocket transport (protocol=ws in pjsip.conf): restart it so that it ' +
        'runs the configuration `switchboard asterisk config` generates now.\n' +
        transports,
    );
  }
  const provisioner = createAriSipAccountProvisioner(ari);
  testApp = await startTestApp(
    'softphone-proxy-e2e',
    { sipProvisioner: provisioner },
    { sipWebSocketUpstream: sipWebSocketUpstreamFromEnv(process.env, ari) },
  );
  const db = testApp.temp.db;
  // GIVEN the seed people pushed to Asterisk as a connecting Switchboard does: each with a phone and a browser device
  await seedPeople(db, { demoSecrets: true });
  const report = await syncPeopleToAsterisk(db, provisioner);
  if (report.failed.length > 0 || !['bob', 'bob~web'].every((name) => report.applied.includes(name))) {
    throw new Error(`could not push the seed people: ${JSON.stringify(report)}`);
  }
  // AND a staff account linked to bob
  bobby = await createStaffAccount(db, { username: 'bobby', password: 'bob answers calls', role: 'viewer' });
  linkStaffToPerson(db, { accountId: bobby.id, personId: getUserByUsername(db, 'bob')!.id, linkedBy: 'e2e' });
}, 180_000);

afterAll(async () => {
  await testApp?.close();
});

describe("bob's browser device", () => {
  it('is a WebRTC endpoint in Asterisk (webrtc=yes expanded), with no transport of its own', async () => {
    const response = await ariGet('/asterisk/config/dynamic/res_pjsip/endpoint/bob~web');
    expect(response.status).toBe(200);
    const fields = Object.fromEntries(
      ((await response.json()) as { attribute: string; value: string }[]).map((field) => [
        field.attribute,
        field.value.toLowerCase(), // Asterisk writes "Yes", "Fingerprint"...
      ]),
    );
    expect(fields).toMatchObject({
      webrtc: 'yes',
      dtls_auto_generate_cert: 'yes',
      use_avpf: 'true',
      media_encryption: 'dtls',
      dtls_verify: 'fingerprint',
      dtls_setup: 'actpass',
      ice_support: 'true',
      media_use_received_transport: 'true',
      rtcp_mux: 'true',
      context: 'switchboard-device',
      direct_media: 'false',
      accountcode: 'switchboard',
      callerid: '"bob" <6002>',
      aors: 'bob~web',
      auth: 'bob~web',
      transport: '',
    });
    expect(fields.allow).toBe('(ulaw|alaw)');
  });

  it('registers through the /sip proxy with the credentials the app gives, and Asterisk lists its contact', async () => {
    // WHEN bob's staff member's browser asks for its credentials and registers over the proxied WebSocket
    const browser = browserOf(bobby);
    const credentials = await browser.credentials();
    expect(credentials).toMatchObject({ authorizationUser: 'bob~web', sipUri: 'sip:bob~web@127.0.0.1' });
    const phone = await SipOverWebSocket.open(browser.session);
    try {
      // THEN Asterisk challenges, then accepts the derived password
      expect(await phone.register(credentials, credentials.password)).toEqual([401, 200]);
      // AND lists the browser device's contact
      await waitUntil(
        async () => /bob~web\/sip:/.test(await asteriskCli('pjsip show contacts')),
        5_000,
        'bob~web in pjsip show contacts',
      );
      // AND a wrong password is refused
      expect((await phone.register(credentials, 'not-the-password')).at(-1)).not.toBe(200);
      expect(await phone.register(credentials, credentials.password, 0)).toEqual([401, 200]);
    } finally {
      await phone.close();
    }
  });

  it("is taken over by another browser of the account; the first one's password is refused from then on", async () => {
    // GIVEN a first browser registered
    const first = browserOf(bobby);
    const firstCredentials = await first.credentials();
    const firstPhone = await SipOverWebSocket.open(first.session);
    const secondPhones: SipOverWebSocket[] = [];
    try {
      expect(await firstPhone.register(firstCredentials, firstCredentials.password)).toEqual([401, 200]);
      // WHEN another browser of the account asks for credentials
      const second = browserOf(bobby);
      const secondCredentials = await second.credentials();
      expect(secondCredentials.password).not.toBe(firstCredentials.password);
      const secondPhone = await SipOverWebSocket.open(second.session);
      secondPhones.push(secondPhone);
      // THEN the second registers, and the first one's next re-REGISTER is refused
      expect(await secondPhone.register(secondCredentials, secondCredentials.password)).toEqual([401, 200]);
      expect((await firstPhone.register(firstCredentials, firstCredentials.password)).at(-1)).not.toBe(200);

      // WHEN the second signs out, its password stops working too (the first browser, still signed in, tries it)
      expect(await second.signOut()).toBe(302);
      expect((await firstPhone.register(secondCredentials, secondCredentials.password)).at(-1)).not.toBe(200);
      // AND its signed-out session can no longer open the proxy
      await expect(SipOverWebSocket.open(second.session)).rejects.toThrow(/HTTP 401/);
    } finally {
      await firstPhone.close();
      for (const phone of secondPhones) await phone.close();
    }
  });
});
