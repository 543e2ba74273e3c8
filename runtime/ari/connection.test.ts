// AriConnection against a local fake Asterisk (node:http + a ws server, loopback only): what it asks of ARI to
// connect, how calls and events flow, and its reconnect loop. The same behaviours against a real Asterisk are in
// connection.e2e.test.ts.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AriCallPort } from './call-port.ts';
import { basicAuthorization } from './ari-http-client.ts';
import { AriConnection } from './connection.ts';

const USER = 'asterisk';
const PASSWORD = 'secret';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Answers what a call needs; records every request and keeps the events sockets it accepted. */
async function fakeAsterisk() {
  const requests: string[] = [];
  const sockets: WebSocket[] = [];
  const rawSockets = new Set<Socket>();
  const filters: { allowed?: { type: string }[] }[] = [];
  const authorized = (request: http.IncomingMessage) =>
    request.headers.authorization === basicAuthorization(USER, PASSWORD);
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (!authorized(req)) return res.writeHead(401).end();
    if (req.url === '/ari/asterisk/info') return res.end(JSON.stringify({ system: { version: '22-fake' } }));
    if (req.url === '/ari/channels') return res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    if (req.method === 'POST' && req.url?.endsWith('/answer')) return res.writeHead(204).end();
    if (req.method === 'PUT' && req.url?.endsWith('/eventFilter')) {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        filters.push(JSON.parse(body) as { allowed?: { type: string }[] });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"Resource not found"}');
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('connection', (socket) => rawSockets.add(socket));
  server.on('upgrade', (req, socket, head) => {
    requests.push(`WS ${req.url}`);
    if (!authorized(req)) return socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => sockets.push(ws));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    wss.close();
    for (const socket of rawSockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    sockets,
    get eventFilter() {
      return filters.at(-1);
    },
  };
}

function connectTo(url: string, password = PASSWORD): AriConnection {
  const connection = new AriConnection(
    { url, username: USER, password, app: 'switchboard' },
    {
      media: { promptBaseUrl: 'http://127.0.0.1:9/prompts', audioBaseUrl: 'http://127.0.0.1:9/audio' },
      log: { debug() {}, info() {}, warn() {} },
      backoff: { initialMs: 50, maxMs: 100 },
    },
  );
  cleanups.push(() => connection.stop());
  connection.start();
  return connection;
}

describe('AriConnection on a fake Asterisk', () => {
  it('connects with a probe, one events WebSocket, its event filter and a resync: no API docs to download', async () => {
    const asterisk = await fakeAsterisk();
    const connection = connectTo(asterisk.url);
    const connected = await connection.waitForState('connected', 5_000);
    expect(connected.message).toBe(`connected to Asterisk 22-fake at ${asterisk.url} as app "switchboard"`);
    expect(asterisk.requests).toEqual([
      'GET /ari/asterisk/info',
      'WS /ari/events?app=switchboard&subscribeAll=false',
      'PUT /ari/applications/switchboard/eventFilter',
      'GET /ari/channels',
    ]);
    expect(asterisk.eventFilter?.allowed).toContainEqual({ type: 'PlaybackFinished' });
  });

  it('turns StasisStart into a call port whose REST goes to Asterisk, counting requests and events', async () => {
    const asterisk = await fakeAsterisk();
    const connection = connectTo(asterisk.url);
    await connection.waitForState('connected', 5_000);
    const arriving = new Promise<AriCallPort>((resolve) => connection.once('incoming-call', resolve));
    asterisk.sockets[0]!.send(
      JSON.stringify({
        type: 'StasisStart',
        application: 'switchboard',
        channel: { id: '1700.1', state: 'Ring', caller: { number: '555' } },
        args: ['6003'],
      }),
    );
    const call = await arriving;
    expect(call.dialledNumber).toBe('6003');
    await call.answer();
    expect(asterisk.requests.at(-1)).toBe('POST /ari/channels/1700.1/answer');
    expect(connection.traffic).toEqual({ requests: 2, events: 1 }); // the resync's channel list, the answer
    expect(connection.currentClient()).toBeDefined();
  });

  it('after a lost WebSocket: disconnected, REST fails fast, then a fresh session and resync', async () => {
    const asterisk = await fakeAsterisk();
    const connection = connectTo(asterisk.url);
    await connection.waitForState('connected', 5_000);
    const lost = connection.waitForState('disconnected', 5_000);
    asterisk.sockets[0]!.terminate();
    expect((await lost).message).toMatch(/^ARI WebSocket lost/);
    expect(() => connection.currentClient()).toThrow(/ARI is not connected \(disconnected/);
    await expect(connection.rest.listChannelIds()).rejects.toThrow(/ARI is not connected/);
    await connection.waitForState('connected', 5_000);
    expect(asterisk.sockets).toHaveLength(2);
    expect(asterisk.requests.filter((request) => request === 'GET /ari/channels')).toHaveLength(2);
  });

  it('reports a wrong password as auth-failed and never opens a WebSocket', async () => {
    const asterisk = await fakeAsterisk();
    const connection = connectTo(asterisk.url, 'wrong');
    const failed = await connection.waitForState('auth-failed', 5_000);
    expect(failed.message).toMatch(/^ARI rejected user "asterisk": wrong password/);
    expect(asterisk.requests.every((request) => request === 'GET /ari/asterisk/info')).toBe(true);
    expect(asterisk.sockets).toHaveLength(0);
  });
});
