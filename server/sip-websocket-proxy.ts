// The web softphone's SIP WebSocket: the browser opens ws(s)://<the app's own address>/sip (SIP_WEBSOCKET_PATH) and
// this proxy relays it to Asterisk's SIP WebSocket (ws://<ARI host>:<ARI port>/ws, or ASTERISK_SIP_WS_URL), frame for
// frame. Same origin as the pages: one address and one certificate for the browser, and Asterisk's HTTP server
// (which also serves ARI) never needs to face the browsers' network.
//
// Only a signed-in staff member whose account is linked to a person of the directory gets through; the SIP
// REGISTER inside still needs the browser device's digest password (app/softphone/credentials.server.ts). Refusals
// are plain HTTP answers to the upgrade request:
// - 421 a Host this server does not answer to (the same rule as every page: server/allowed-hosts.ts);
// - 403 an Origin other than this very site (cross-site WebSocket hijacking: a page elsewhere cannot use the
//   visitor's cookie to open a phone line), or an account linked to nobody;
// - 400 no `sip` subprotocol (what JsSIP and every SIP-over-WebSocket client asks for, RFC 7118);
// - 401 no session cookie, or one of an expired, signed-out or disabled session;
// - 429 more than MAX_SOCKETS_PER_SESSION proxied sockets open for the session;
// - 503 no Asterisk configured, 502 Asterisk's WebSocket not answering.
// Open connections are checked every RECHECK_MS: one whose staff session ended (signed out, expired, account
// disabled) or whose account's link changed is closed (1008), and a browser that stopped answering pings is dropped.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { SESSION_COOKIE, readCookieHeader } from '#app/cookies.server.ts';
import { SIP_WEBSOCKET_PATH } from '#app/softphone/credentials.ts';
import { findStaffSession, staffSessionIsLive } from '#db/auth.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { linkedPersonOf } from '#db/voicemail-inbox.ts';
import { browserDeviceName } from '#provisioning/asterisk/browser-device.ts';
import { log } from '#runtime/log.ts';
import { isAllowedHost, type AllowedHost } from './allowed-hosts.ts';

/** SIP messages are a few kilobytes; a frame above this closes the connection (1009). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Several tabs of one browser may each run the softphone; more than this from one session is refused. */
export const MAX_SOCKETS_PER_SESSION = 5;
/** How often open connections check their session and ping the browser. */
export const RECHECK_MS = 30_000;
/** Data waiting to be sent to a side that does not read it; past this the connection is dropped. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface SipWebSocketProxyOptions {
  db: SwitchboardDb;
  /** Host names besides loopback ones (the same list as refuseOtherHosts). */
  allowedHosts: readonly AllowedHost[];
  /** Asterisk's SIP WebSocket, e.g. ws://127.0.0.1:8088/ws; null: no Asterisk (upgrades answered 503). */
  upstreamUrl: string | null;
  maxFrameBytes?: number;
  maxSocketsPerSession?: number;
  /** Limit for Asterisk to accept the WebSocket. */
  upstreamTimeoutMs?: number;
  recheckMs?: number;
}

export interface SipWebSocketProxy {
  /**
   * For the HTTP server's `upgrade` event: handles (accepts or refuses) an upgrade to SIP_WEBSOCKET_PATH and returns
   * true; returns false, touching nothing, for any other path.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Proxied connections open now. */
  openConnections(): number;
  /** Closes every proxied connection (server shutdown). */
  close(): void;
}

interface Connection {
  sessionId: string;
  accountId: string;
  personId: string;
  /** For the log: "bob~web for staff "ada"". */
  label: string;
  client: WebSocket;
  upstream: WebSocket;
  openedAt: number;
  answeredPing: boolean;
}

/** Close codes a peer may send (RFC 6455 7.4): others (1005, 1006: "none", "abnormal") become 1000. */
function sendableCode(code: number): number {
  const valid = (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
  return valid ? code : 1000;
}

/** A close reason must fit in 123 bytes. */
function sendableReason(reason: Buffer | string): string {
  const text = reason.toString();
  return Buffer.byteLength(text) <= 123 ? text : '';
}

function closeSide(socket: WebSocket, code: number, reason: Buffer | string = ''): void {
  if (socket.readyState === WebSocket.OPEN) socket.close(sendableCode(code), sendableReason(reason));
  else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
}

/** The upgrade request's answer when it is refused: a plain HTTP response, then the socket is closed. */
function refuse(socket: Duplex, status: number, message: string, detail: string = message): void {
  log.info(`SIP WebSocket refused (${status}): ${detail}`);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nCache-Control: no-store\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The Origin a browser sends names the page's site: it must be this very host (scheme aside, for TLS proxies). */
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host || origin === 'null') return false;
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

function offeredProtocols(request: IncomingMessage): string[] {
  return (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean);
}

export function createSipWebSocketProxy(options: SipWebSocketProxyOptions): SipWebSocketProxy {
  const maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  const maxPerSession = options.maxSocketsPerSession ?? MAX_SOCKETS_PER_SESSION;
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 5_000;
  const recheckMs = options.recheckMs ?? RECHECK_MS;
  const { db } = options;
  const browsers = new WebSocketServer({
    noServer: true,
    maxPayload: maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  /** Sockets per staff session, counted from the moment one is accepted until it closes. */
  const perSession = new Map<string, number>();
  const connections = new Set<Connection>();
  let recheck: ReturnType<typeof setInterval> | undefined;

  const release = (sessionId: string) => {
    const left = (perSession.get(sessionId) ?? 1) - 1;
    if (left > 0) perSession.set(sessionId, left);
    else perSession.delete(sessionId);
  };

  const checkConnections = () => {
    for (const connection of connections) {
      const stillTheirs =
        staffSessionIsLive(db, connection.sessionId) &&
        linkedPersonOf(db, connection.accountId)?.id === connection.personId;
      if (!stillTheirs) {
        log.info(`SIP WebSocket ${connection.label}: the staff session ended or the account's link changed, closing`);
        closeSide(connection.client, 1008, 'Staff session ended');
        closeSide(connection.upstream, 1000);
        continue;
      }
      if (!connection.answeredPing) {
        connection.client.terminate(); // the browser is gone without closing (sleeping laptop, lost network)
        continue;
      }
      connection.answeredPing = false;
      connection.client.ping();
    }
  };

  const relay = (connection: Connection) => {
    const { client, upstream } = connection;
    const forward = (to: WebSocket) => (data: RawData, isBinary: boolean) => {
      if (to.readyState !== WebSocket.OPEN) return;
      if (to.bufferedAmount > MAX_BUFFERED_BYTES) {
        log.warn(`SIP WebSocket ${connection.label}: one side stopped reading, closing`);
        client.terminate();
        upstream.terminate();
        return;
      }
      to.send(data, { binary: isBinary });
    };
    client.on('message', forward(upstream));
    upstream.on('message', forward(client));
    client.on('pong', () => (connection.answeredPing = true));
    let ended = false;
    const end = (side: 'browser' | 'Asterisk', code: number) => {
      if (ended) return;
      ended = true;
      connections.delete(connection);
      release(connection.sessionId);
      if (connections.size === 0) {
        clearInterval(recheck);
        recheck = undefined;
      }
      const seconds = Math.round((Date.now() - connection.openedAt) / 1000);
      log.info(`SIP WebSocket closed: ${connection.label} after ${seconds} s (the ${side} closed it, code ${code})`);
    };
    client.on('close', (code, reason) => {
      end('browser', code);
      closeSide(upstream, code, reason);
    });
    upstream.on('close', (code, reason) => {
      end('Asterisk', code);
      closeSide(client, code, reason);
    });
    // A frame too large, a protocol error: ws closes that side itself (then 'close' above closes the other).
    client.on('error', (error) => log.info(`SIP WebSocket ${connection.label}: browser side: ${error.message}`));
    upstream.on('error', (error) => log.info(`SIP WebSocket ${connection.label}: Asterisk side: ${error.message}`));
    connections.add(connection);
    recheck ??= setInterval(checkConnections, recheckMs);
    recheck.unref?.();
  };

  return {
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? '').split('?')[0];
      if (path !== SIP_WEBSOCKET_PATH) return false;
      socket.on('error', () => socket.destroy());
      const host = request.headers.host;
      if (!isAllowedHost(host, request.socket.localPort, options.allowedHosts)) {
        refuse(socket, 421, 'This Switchboard does not answer to this host name.', `Host ${JSON.stringify(host)}`);
        return true;
      }
      const origin = request.headers.origin;
      if (!sameOrigin(origin, host)) {
        refuse(socket, 403, 'Only pages of this site may open its SIP WebSocket.', `Origin ${JSON.stringify(origin)}`);
        return true;
      }
      if (!offeredProtocols(request).includes('sip')) {
        refuse(socket, 400, 'The SIP WebSocket speaks the "sip" subprotocol only (Sec-WebSocket-Protocol: sip).');
        return true;
      }
      const sessionId = readCookieHeader(request.headers.cookie, SESSION_COOKIE);
      const auth = sessionId ? findStaffSession(db, sessionId) : null;
      if (!sessionId || !auth) {
        refuse(socket, 401, 'Sign in to Switchboard first.', sessionId ? 'session expired or unknown' : 'no session');
        return true;
      }
      const person = linkedPersonOf(db, auth.account.id);
      if (!person) {
        refuse(
          socket,
          403,
          'Your staff account is not linked to a person of the directory: there is no phone to register.',
          `staff "${auth.account.username}" is linked to nobody`,
        );
        return true;
      }
      const label = `${browserDeviceName(person.username)} for staff "${auth.account.username}"`;
      const open = perSession.get(sessionId) ?? 0;
      if (open >= maxPerSession) {
        refuse(
          socket,
          429,
          `At most ${maxPerSession} softphone connections per session.`,
          `${label}: ${open} already open`,
        );
        return true;
      }
      if (!options.upstreamUrl) {
        refuse(socket, 503, 'No Asterisk is configured (ARI_URL).', `${label}: no Asterisk configured`);
        return true;
      }
      perSession.set(sessionId, open + 1);
      // Asterisk first: when it cannot be reached the browser gets a clear 502 rather than a socket that dies.
      const upstream = new WebSocket(options.upstreamUrl, 'sip', {
        maxPayload: maxFrameBytes,
        perMessageDeflate: false,
        handshakeTimeout: upstreamTimeoutMs,
      });
      let settled = false;
      const abandon = () => {
        if (settled) return;
        settled = true;
        release(sessionId);
        upstream.terminate();
      };
      socket.once('close', abandon);
      upstream.once('error', (error) => {
        if (settled) return;
        settled = true;
        release(sessionId);
        refuse(socket, 502, "Asterisk's SIP WebSocket does not answer.", `${label}: Asterisk: ${error.message}`);
      });
      upstream.once('open', () => {
        if (settled) return;
        settled = true;
        socket.off('close', abandon);
        browsers.handleUpgrade(request, socket, head, (client) => {
          const connection: Connection = {
            sessionId,
            accountId: auth.account.id,
            personId: person.id,
            label,
            client,
            upstream,
            openedAt: Date.now(),
            answeredPing: true,
          };
          relay(connection);
          const remote = request.socket.remoteAddress ?? 'unknown address';
          log.info(`SIP WebSocket open: ${label} from ${remote} (${perSession.get(sessionId)} open for this session)`);
        });
        // handleUpgrade answers a malformed handshake (400) itself, without calling back: nothing to relay then.
        if (!socket.writable) {
          release(sessionId);
          upstream.close();
        }
      });
      return true;
    },

    openConnections: () => connections.size,

    close() {
      for (const connection of connections) {
        closeSide(connection.client, 1001, 'Server shutting down');
        closeSide(connection.upstream, 1001);
      }
      clearInterval(recheck);
      recheck = undefined;
    },
  };
}
