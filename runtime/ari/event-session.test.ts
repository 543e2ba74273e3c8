// AriEventSession against a local WebSocket server playing Asterisk's /ari/events (loopback only, no Asterisk needed).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AriEventJson } from './ari-events.ts';
import { basicAuthorization } from './ari-http-client.ts';
import { AriEventSession, eventsUrl } from './event-session.ts';

const AUTHORIZATION = basicAuthorization('asterisk', 'secret');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

interface FakeEvents {
  url: string;
  /** The sockets Asterisk accepted, with the request that opened each. */
  accepted: Promise<{ socket: WebSocket; request: http.IncomingMessage }>;
}

/** An HTTP server whose upgrades to /ari/events are accepted (with `autoPong: false`, a hung Asterisk). */
async function fakeEvents(
  options: { refuseWith?: number; ignoreUpgrade?: boolean; autoPong?: boolean } = {},
): Promise<FakeEvents> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  // Upgraded (or ignored) sockets are no longer the HTTP server's: closeAllConnections() would not end them.
  const rawSockets = new Set<Socket>();
  server.on('connection', (socket) => rawSockets.add(socket));
  const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
  let accept!: (value: { socket: WebSocket; request: http.IncomingMessage }) => void;
  const accepted = new Promise<{ socket: WebSocket; request: http.IncomingMessage }>((resolve) => (accept = resolve));
  server.on('upgrade', (request, socket, head) => {
    if (options.ignoreUpgrade) return;
    if (options.refuseWith) {
      socket.end(`HTTP/1.1 ${options.refuseWith} Unauthorized\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept({ socket: ws, request }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    for (const socket of rawSockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accepted };
}

function sessionTo(url: string) {
  const events: AriEventJson[] = [];
  const warnings: string[] = [];
  const session = new AriEventSession({
    url,
    authorization: AUTHORIZATION,
    app: 'switch board',
    onEvent: (event) => {
      if (event.type === 'Explode') throw new Error('handler bug');
      events.push(event);
    },
    log: { debug() {}, info() {}, warn: (message) => warnings.push(message) },
  });
  cleanups.push(() => session.retire('test over'));
  return { session, events, warnings };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 200) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('AriEventSession', () => {
  it("opens /ari/events for our app only, with the connection's credentials", async () => {
    const asterisk = await fakeEvents();
    const { session } = sessionTo(asterisk.url);
    expect(await session.open(2_000)).toBe(true);
    const { request } = await asterisk.accepted;
    expect(request.url).toBe('/ari/events?app=switch%20board&subscribeAll=false');
    expect(request.headers.authorization).toBe(AUTHORIZATION);
    expect(eventsUrl('https://pbx.example:8089/', 'a')).toBe(
      'wss://pbx.example:8089/ari/events?app=a&subscribeAll=false',
    );
  });

  it('hands each event over once parsed; a bad message or a throwing handler is logged and dropped', async () => {
    const asterisk = await fakeEvents();
    const { session, events, warnings } = sessionTo(asterisk.url);
    await session.open(2_000);
    const { socket } = await asterisk.accepted;
    socket.send('not json');
    socket.send('{"no":"type"}');
    socket.send('{"type":"Explode"}');
    socket.send(JSON.stringify({ type: 'StasisStart', channel: { id: 'c1' }, args: ['6003'] }));
    await waitFor(() => events.length === 1);
    expect(events).toEqual([{ type: 'StasisStart', channel: { id: 'c1' }, args: ['6003'] }]);
    expect(warnings).toEqual([
      expect.stringMatching(/not JSON/),
      expect.stringMatching(/without an event type/),
      expect.stringMatching(/Explode could not be handled: Error: handler bug/),
    ]);
    expect(session.isRetired).toBe(false);
  });

  it('ends when Asterisk closes the socket, with the reason; retire() afterwards changes nothing', async () => {
    const asterisk = await fakeEvents();
    const { session, events } = sessionTo(asterisk.url);
    await session.open(2_000);
    (await asterisk.accepted).socket.close(1001, 'shutting down');
    expect(await session.closed).toBe('ARI WebSocket lost (code 1001: shutting down)');
    session.retire('again');
    expect(await session.closed).toBe('ARI WebSocket lost (code 1001: shutting down)');
    expect(events).toEqual([]);
  });

  it('does not open, and says why, on a refused upgrade, a refused connection or a silent server', async () => {
    const refusing = sessionTo((await fakeEvents({ refuseWith: 401 })).url);
    expect(await refusing.session.open(2_000)).toBe(false);
    expect(await refusing.session.closed).toBe('ARI refused the WebSocket: HTTP 401');

    const nobody = sessionTo('http://127.0.0.1:9');
    expect(await nobody.session.open(2_000)).toBe(false);
    expect(await nobody.session.closed).toMatch(/ECONNREFUSED/);

    const silent = sessionTo((await fakeEvents({ ignoreUpgrade: true })).url);
    const startedAt = Date.now();
    expect(await silent.session.open(300)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(await silent.session.closed).toMatch(/did not open within 300 ms|timeout/i);
  });

  it('ends when a ping goes unanswered (a hung Asterisk keeps its sockets open)', async () => {
    const asterisk = await fakeEvents({ autoPong: false });
    const { session } = sessionTo(asterisk.url);
    await session.open(2_000);
    const startedAt = Date.now();
    session.startHeartbeat(100);
    expect(await session.closed).toBe('ARI WebSocket did not answer a ping within 100 ms');
    expect(Date.now() - startedAt).toBeLessThan(1_000);
  });

  it('stays open while pings are answered, and retire() closes the socket', async () => {
    const asterisk = await fakeEvents();
    const { session } = sessionTo(asterisk.url);
    await session.open(2_000);
    const { socket } = await asterisk.accepted;
    session.startHeartbeat(50);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(session.isRetired).toBe(false);
    const serverSawClose = new Promise((resolve) => socket.once('close', resolve));
    session.retire('stopped');
    expect(await session.closed).toBe('stopped');
    await serverSawClose;
  });
});
