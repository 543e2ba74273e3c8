// One ARI events WebSocket (GET /ari/events?app=<app>), from its opening to its end. It never reconnects by itself:
// whatever ends it (a close, an error, an unanswered ping, retire()), `closed` resolves once with the reason and
// AriConnection's loop makes a new session after probing Asterisk and resyncs. One reconnect path for every case.
// See docs/decisions/022-own-ari-client.md.
import WebSocket from 'ws';
import type { Logger } from '#runtime/log.ts';
import { isAriEvent, type AriEventJson } from './ari-events.ts';

/** Where the adapter writes its log lines (the runtime's logger by default). */
export type AriLog = Pick<Logger, 'debug' | 'info' | 'warn'>;

export interface AriEventSessionOptions {
  /** Asterisk's HTTP server, e.g. "http://127.0.0.1:8088"; the WebSocket goes to ws(s)://same/ari/events. */
  url: string;
  authorization: string;
  app: string;
  onEvent(event: AriEventJson): void;
  log: AriLog;
}

export class AriEventSession {
  /** Resolves with a reason once this session is over (WebSocket lost, failed to open, or retired by us). */
  readonly closed: Promise<string>;
  private resolveClosed!: (reason: string) => void;
  private retired = false;
  private socket: WebSocket | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private answeredPing = true;

  constructor(private readonly options: AriEventSessionOptions) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  /** Opens the WebSocket; resolves true once open, false if the session ended first or time ran out. */
  async open(timeoutMs: number): Promise<boolean> {
    if (this.retired || this.socket) return false;
    const socket = new WebSocket(eventsUrl(this.options.url, this.options.app), {
      headers: { authorization: this.options.authorization },
      handshakeTimeout: timeoutMs,
      perMessageDeflate: false, // Asterisk does not offer it; skip the negotiation
      skipUTF8Validation: true, // JSON.parse reads every message anyway; Asterisk sends UTF-8
    });
    this.socket = socket;
    // Listeners stay for the socket's whole life: an 'error' emitted after retirement must find one.
    socket.on('message', (data) => this.handleMessage(data));
    socket.on('pong', () => (this.answeredPing = true));
    socket.on('unexpected-response', (request, response) => {
      response.resume();
      request.destroy();
      this.retire(`ARI refused the WebSocket: HTTP ${response.statusCode}`);
    });
    socket.on('error', (error) => this.retire(`ARI WebSocket error: ${describe(error)}`));
    socket.on('close', (code, reason) =>
      this.retire(`ARI WebSocket lost (code ${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`),
    );
    const opened = new Promise<'open'>((resolve) => socket.once('open', () => resolve('open')));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      const first = await Promise.race([opened, this.closed.then(() => 'closed' as const), timedOut]);
      if (first === 'timeout') this.retire(`ARI WebSocket did not open within ${timeoutMs} ms`);
      return first === 'open' && !this.retired;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Pings the WebSocket every `intervalMs`; no pong before the next ping retires the session. Without it a hung
   * Asterisk or a silently dropped TCP path would look connected forever while no call arrives.
   */
  startHeartbeat(intervalMs: number): void {
    clearInterval(this.heartbeat);
    this.answeredPing = true;
    this.heartbeat = setInterval(() => {
      if (this.retired) return;
      if (!this.answeredPing) {
        this.retire(`ARI WebSocket did not answer a ping within ${intervalMs} ms`);
        return;
      }
      this.answeredPing = false;
      try {
        this.socket?.ping();
      } catch (error) {
        this.retire(`ARI WebSocket ping failed: ${describe(error)}`); // ws throws when the socket is no longer open
      }
    }, intervalMs);
  }

  get isRetired(): boolean {
    return this.retired;
  }

  /** Ends this session for good: the socket is terminated and no timer is left. Idempotent. */
  retire(reason: string): void {
    if (this.retired) return;
    this.retired = true;
    clearInterval(this.heartbeat);
    this.socket?.terminate();
    this.resolveClosed(reason);
  }

  /** Each message is parsed once; a bad one is logged and dropped, and a handler's throw never escapes. */
  private handleMessage(data: WebSocket.RawData): void {
    if (this.retired) return;
    let event: unknown;
    try {
      event = JSON.parse(textOf(data));
    } catch {
      this.options.log.warn(`Dropped an ARI message that is not JSON: ${textOf(data).slice(0, 100)}`);
      return;
    }
    if (!isAriEvent(event)) {
      this.options.log.warn(`Dropped an ARI message without an event type: ${textOf(data).slice(0, 100)}`);
      return;
    }
    try {
      this.options.onEvent(event);
    } catch (error) {
      this.options.log.warn(`ARI event ${event.type} could not be handled: ${String(error)}`);
    }
  }
}

/** ws(s)://host/ari/events?app=<app>&subscribeAll=false: the events of our app's channels and bridges only. */
export function eventsUrl(httpUrl: string, app: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/ari/events`;
  url.search = `?app=${encodeURIComponent(app)}&subscribeAll=false`;
  return url.toString();
}

function textOf(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8'); // what ws hands over with its default binaryType
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function describe(why: unknown): string {
  if (!(why instanceof Error)) return String(why);
  const code = (why as NodeJS.ErrnoException).code;
  return code && !why.message.includes(code) ? `${why.message} (${code})` : why.message;
}
