// The SIP WebSocket proxy on a real HTTP server (127.0.0.1, ephemeral port) relaying to a fake Asterisk (a ws server
// that records what it gets and answers what it is told): who gets through, and how frames and closes travel.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { SESSION_COOKIE } from '#app/cookies.server.ts';
import { createStaffAccount, createStaffSession, deleteStaffSession, type StaffSession } from '#db/auth.ts';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { getUserByUsername } from '#db/users.ts';
import { linkStaffToPerson, unlinkStaff } from '#db/voicemail-inbox.ts';
import { waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { attachUpgrades } from './app.ts';
import {
  createSipWebSocketProxy,
  type SipWebSocketProxy,
  type SipWebSocketProxyOptions,
} from './sip-websocket-proxy.ts';

interface FakeAsterisk {
  url: string;
  /** Subprotocol each connection agreed on. */
  protocols: string[];
  received: string[];
  sockets: WebSocket[];
  close(): Promise<void>;
}

async function startFakeAsterisk(): Promise<FakeAsterisk> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (offered) => [...offered][0]! });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const fake: FakeAsterisk = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`,
    protocols: [],
    received: [],
    sockets: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of fake.sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    fake.protocols.push(socket.protocol);
    fake.sockets.push(socket);
    socket.on('message', (data) => {
      const text = data.toString();
      fake.received.push(text);
      if (text.startsWith('REGISTER')) socket.send('SIP/2.0 401 Unauthorized\r\n\r\n');
    });
  });
  return fake;
}

let temp: TempDatabase;
let asterisk: FakeAsterisk;
let server: Server;
let proxy: SipWebSocketProxy;
let base: string;
let bobSession: StaffSession;
const opened: WebSocket[] = [];

async function startProxy(options: Partial<SipWebSocketProxyOptions> = {}) {
  proxy = createSipWebSocketProxy({ db: temp.db, allowedHosts: [], upstreamUrl: asterisk.url, ...options });
  server = createServer((_request, response) => response.end('pages'));
  attachUpgrades(server, proxy);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  temp = openTempDatabase();
  await seedPeople(temp.db, { demoSecrets: true });
  const account = await createStaffAccount(temp.db, { username: 'bobby', password: 'bobby signs in', role: 'viewer' });
  linkStaffToPerson(temp.db, { accountId: account.id, personId: getUserByUsername(temp.db, 'bob')!.id, linkedBy: 't' });
  bobSession = createStaffSession(temp.db, account.id);
  asterisk = await startFakeAsterisk();
  await startProxy();
});

afterEach(async () => {
  for (const socket of opened.splice(0)) {
    socket.on('error', () => {}); // terminating a refused or half-open socket reports it as an error
    socket.terminate();
  }
  proxy.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await asterisk.close();
  temp.dispose();
});

interface Attempt {
  headers?: Record<string, string>;
  protocols?: string[];
  path?: string;
}

/** Opens a WebSocket as a browser page of this site would (unless told otherwise): the open socket, or the refusal. */
function connect(attempt: Attempt = {}): Promise<{ socket: WebSocket } | { status: number; body: string }> {
  const headers = {
    Origin: `http://${base}`,
    Cookie: `${SESSION_COOKIE}=${bobSession.id}`,
    ...attempt.headers,
  };
  const socket = new WebSocket(`ws://${base}${attempt.path ?? '/sip'}`, attempt.protocols ?? ['sip'], { headers });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', (error) => reject(error));
  });
}

async function open(attempt: Attempt = {}): Promise<WebSocket> {
  const result = await connect(attempt);
  if (!('socket' in result)) throw new Error(`refused: ${result.status} ${result.body}`);
  return result.socket;
}

async function refusal(attempt: Attempt): Promise<number> {
  const result = await connect(attempt);
  if ('socket' in result) throw new Error('expected a refusal, got an open socket');
  return result.status;
}

function nextMessage(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(data.toString())));
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve({ code: 1006, reason: '' });
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe('the SIP WebSocket proxy', () => {
  it('relays the sip subprotocol and text frames both ways to Asterisk', async () => {
    const socket = await open();
    expect(socket.protocol).toBe('sip');
    const answer = nextMessage(socket);
    socket.send('REGISTER sip:127.0.0.1 SIP/2.0\r\n\r\n');
    expect(await answer).toBe('SIP/2.0 401 Unauthorized\r\n\r\n');
    expect(asterisk.protocols).toEqual(['sip']);
    expect(asterisk.received).toEqual(['REGISTER sip:127.0.0.1 SIP/2.0\r\n\r\n']);
    expect(proxy.openConnections()).toBe(1);
  });

  it('closes Asterisk’s side when the browser closes, and the browser’s when Asterisk closes', async () => {
    const first = await open();
    first.close(1000, 'bye');
    await waitUntil(() => asterisk.sockets[0]?.readyState === WebSocket.CLOSED, 2_000, 'Asterisk side closed');
    await waitUntil(() => proxy.openConnections() === 0, 2_000, 'the proxy forgot it');

    const second = await open();
    const gone = closed(second);
    asterisk.sockets[1]!.close(4000, 'restarting');
    expect(await gone).toEqual({ code: 4000, reason: 'restarting' });
  });

  it('refuses a page of another site (Origin), or none at all', async () => {
    expect(await refusal({ headers: { Origin: 'https://evil.example' } })).toBe(403);
    expect(await refusal({ headers: { Origin: `http://${base.replace('127.0.0.1', 'localhost')}` } })).toBe(403);
    expect(await refusal({ headers: { Origin: 'null' } })).toBe(403);
    const noOrigin = new WebSocket(`ws://${base}/sip`, ['sip'], {
      headers: { Cookie: `${SESSION_COOKIE}=${bobSession.id}` },
    });
    opened.push(noOrigin);
    const status = await new Promise<number>((resolve) =>
      noOrigin.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    );
    expect(status).toBe(403);
    expect(asterisk.sockets).toEqual([]);
  });

  it('refuses a host name this server does not answer to (DNS rebinding)', async () => {
    const port = base.split(':')[1];
    expect(await refusal({ headers: { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` } })).toBe(
      421,
    );
  });

  it('refuses without the sip subprotocol', async () => {
    expect(await refusal({ protocols: ['chat'] })).toBe(400);
    expect(await refusal({ protocols: [] })).toBe(400);
  });

  it('refuses without a session cookie, or with an expired, unknown or signed-out one', async () => {
    expect(await refusal({ headers: { Cookie: '' } })).toBe(401);
    expect(await refusal({ headers: { Cookie: `${SESSION_COOKIE}=forged` } })).toBe(401);
    const account = (await createStaffAccount(temp.db, { username: 'old', password: 'an old account', role: 'viewer' }))
      .id;
    linkStaffToPerson(temp.db, {
      accountId: account,
      personId: getUserByUsername(temp.db, 'alice')!.id,
      linkedBy: 't',
    });
    const expired = createStaffSession(temp.db, account, Date.now() - 15 * 24 * 3600 * 1000);
    expect(await refusal({ headers: { Cookie: `${SESSION_COOKIE}=${expired.id}` } })).toBe(401);
    deleteStaffSession(temp.db, bobSession.id);
    expect(await refusal({})).toBe(401);
  });

  it('refuses a staff account linked to no person of the directory', async () => {
    const account = await createStaffAccount(temp.db, { username: 'nolink', password: 'nobody at all', role: 'admin' });
    const session = createStaffSession(temp.db, account.id);
    const result = await connect({ headers: { Cookie: `${SESSION_COOKIE}=${session.id}` } });
    expect(result).toMatchObject({ status: 403, body: expect.stringContaining('not linked to a person') });
  });

  it('allows five sockets per session and refuses the sixth', async () => {
    for (let index = 0; index < 5; index += 1) await open();
    expect(await refusal({})).toBe(429);
    opened[0]!.close();
    await waitUntil(() => proxy.openConnections() === 4, 2_000, 'one closed');
    await open();
  });

  it('says 503 without an Asterisk, 502 when Asterisk does not answer', async () => {
    proxy.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await startProxy({ upstreamUrl: null });
    expect(await refusal({})).toBe(503);
    proxy.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await startProxy({ upstreamUrl: 'ws://127.0.0.1:9/ws' });
    expect(await refusal({})).toBe(502);
    // the refused attempts left no count behind
    await startProxyAgain();
    for (let index = 0; index < 5; index += 1) await open();
  });

  it('closes a connection whose frame is over 64 KB', async () => {
    const socket = await open();
    const gone = closed(socket);
    socket.send('x'.repeat(64 * 1024 + 1));
    expect((await gone).code).toBe(1009);
    await waitUntil(() => asterisk.sockets[0]?.readyState === WebSocket.CLOSED, 2_000, 'Asterisk side closed');
  });

  it('closes open connections once the staff session ends or the account is linked to someone else', async () => {
    proxy.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await startProxy({ recheckMs: 50 });
    const signedOut = await open();
    const gone = closed(signedOut);
    deleteStaffSession(temp.db, bobSession.id);
    expect(await gone).toEqual({ code: 1008, reason: 'Staff session ended' });

    bobSession = createStaffSession(temp.db, bobSession.accountId);
    const unlinked = await open();
    const alsoGone = closed(unlinked);
    unlinkStaff(temp.db, bobSession.accountId);
    expect((await alsoGone).code).toBe(1008);
  });

  it('leaves other paths alone (404)', async () => {
    expect(await refusal({ path: '/other' })).toBe(404);
  });
});

async function startProxyAgain() {
  proxy.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await startProxy();
}
