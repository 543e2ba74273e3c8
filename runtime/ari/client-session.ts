// One ari-client Client from its WebSocket opening to its retirement. The connection makes a new session for every
// (re)connect and retires the old one completely: ari-client's own reconnect loop stops for good after 10 tries, and
// a client left behind would keep listeners, a reconnect timer and possibly a WebSocket that steals the Stasis app
// back from its successor. Retiring removes every listener and kills the current and any future WebSocket of it.
import type { Client } from 'ari-client';
import type { Logger } from '#runtime/log.ts';
import { isAriEvent, type AriEventJson } from './ari-events.ts';

/** The private parts of ari-client 2.2.0's Client that retirement needs (lib/client.js). */
interface ClientInternals {
  _ws?: WebSocketLike;
  _wsClosed?: boolean;
  _instanceListeners?: Record<string, unknown>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeAllListeners(): unknown;
}

interface WebSocketLike {
  readyState: number;
  terminate(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** Where the adapter writes its log lines (the runtime's logger by default). */
export type AriLog = Pick<Logger, 'debug' | 'info' | 'warn'>;

export interface ClientSessionHooks {
  onEvent(event: AriEventJson): void;
  log: AriLog;
}

export class ClientSession {
  /** Resolves with a reason once this session is over (WebSocket lost, fatal error, or retired by us). */
  readonly closed: Promise<string>;
  private resolveClosed!: (reason: string) => void;
  private resolveOpened!: () => void;
  private readonly opened: Promise<void>;
  private retired = false;
  private currentSocket: WebSocketLike | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly client: Client,
    private readonly hooks: ClientSessionHooks,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.opened = new Promise((resolve) => (this.resolveOpened = resolve));
    this.interceptWebSocket();
    const internals = client as unknown as ClientInternals;
    internals.on('*', (event) => {
      if (this.retired || !isAriEvent(event)) return;
      try {
        hooks.onEvent(event);
      } catch (error) {
        hooks.log.warn(`ARI event ${event.type} could not be handled: ${String(error)}`);
      }
    });
    internals.on('WebSocketConnected', () => this.resolveOpened());
    // ari-client would retry on its own, up to 10 times; we replace the client instead (one reconnect path for all
    // cases: probe, fresh API docs, resync).
    internals.on('WebSocketReconnecting', (error) => this.retire(`ARI WebSocket lost (${describe(error)})`));
    internals.on('WebSocketMaxRetries', (error) => this.retire(`ARI WebSocket gave up (${describe(error)})`));
    internals.on('APILoadError', () => {});
    internals.on('error', (error) => this.retire(`ari-client error: ${describe(error)}`));
  }

  /**
   * Pings the WebSocket every `intervalMs`; no pong before the next ping retires the session. Without it a hung
   * Asterisk or a silently dropped TCP path would look connected forever while no call arrives.
   */
  startHeartbeat(intervalMs: number): void {
    let answered = true;
    const internals = this.client as unknown as ClientInternals;
    internals.on('pong', () => (answered = true));
    const timer = setInterval(() => {
      if (this.retired) return;
      if (!answered) {
        this.retire(`ARI WebSocket did not answer a ping within ${intervalMs} ms`);
        return;
      }
      answered = false;
      try {
        this.client.ping();
      } catch (error) {
        this.retire(`ARI WebSocket ping failed: ${describe(error)}`); // ws throws when the socket is no longer open
      }
    }, intervalMs);
    this.heartbeat = timer;
  }

  /** Opens the WebSocket for `app`; resolves true once open, false if the session ended first or time ran out. */
  async open(app: string, timeoutMs: number): Promise<boolean> {
    // start()'s promise only rejects after 10 failed tries (we retire long before): settle it quietly.
    this.client.start(app).catch(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      const first = await Promise.race([
        this.opened.then(() => 'open' as const),
        this.closed.then(() => 'closed' as const),
        timedOut,
      ]);
      if (first === 'timeout') this.retire(`ARI WebSocket did not open within ${timeoutMs} ms`);
      return first === 'open' && !this.retired;
    } finally {
      clearTimeout(timer);
    }
  }

  get isRetired(): boolean {
    return this.retired;
  }

  /** Ends this session for good: no listener, no socket, no reconnect left behind. Idempotent. */
  retire(reason: string): void {
    if (this.retired) return;
    this.retired = true;
    clearInterval(this.heartbeat);
    const internals = this.client as unknown as ClientInternals;
    internals.removeAllListeners();
    internals.on('error', () => {}); // an 'error' emitted after retirement must not become an uncaught exception
    internals._instanceListeners = {};
    internals._wsClosed = true; // ari-client's close/error handlers then neither reconnect nor emit
    this.currentSocket?.terminate();
    this.resolveClosed(reason);
  }

  /**
   * Sees every WebSocket ari-client creates (it assigns client._ws in its private connect()). Lets us guard its message
   * handler and kill sockets that a reconnect timer, scheduled before retirement, opens afterwards.
   */
  private interceptWebSocket(): void {
    Object.defineProperty(this.client, '_ws', {
      configurable: true,
      enumerable: false,
      get: () => this.currentSocket,
      set: (socket: WebSocketLike) => {
        this.currentSocket = socket;
        guardMessageHandlers(socket, this.hooks.log);
        if (this.retired) {
          (this.client as unknown as ClientInternals)._wsClosed = true;
          // ari-client attaches its listeners right after the assignment; terminating synchronously would emit an
          // 'error' nobody listens to yet.
          queueMicrotask(() => socket.terminate());
        }
      },
    });
  }
}

/** ari-client parses and dispatches each message synchronously; a throw there would be an uncaught exception. */
function guardMessageHandlers(socket: WebSocketLike, log: AriLog): void {
  const originalOn = socket.on.bind(socket);
  socket.on = (event, listener) => {
    if (event !== 'message') return originalOn(event, listener);
    return originalOn(event, (...args: unknown[]) => {
      try {
        listener(...args);
      } catch (error) {
        log.warn(`Dropped an ARI message that ari-client could not process: ${String(error)}`);
      }
    });
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? 'connection closed' : String(error);
}
