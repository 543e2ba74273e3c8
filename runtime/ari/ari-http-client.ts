// ARI's REST half over node:http(s): one keep-alive agent per connection (Asterisk counts every open socket against
// http.conf's sessionlimit), an Authorization header computed once, parameters as query strings (ARI reads them there;
// a JSON body only where ARI wants one, e.g. `variables`), and a deadline on every request so none can hang. A failed
// request rejects with an AriHttpError carrying ARI's own message and the HTTP status. See
// docs/decisions/022-own-ari-client.md.
import http from 'node:http';
import https from 'node:https';

export interface AriHttpTarget {
  /** Asterisk's HTTP server, e.g. "http://127.0.0.1:8088" (ARI lives under /ari). */
  url: string;
  /** Value of the Authorization header, e.g. from basicAuthorization(). */
  authorization: string;
  agent: http.Agent;
  /** A request with no complete answer after this long fails. */
  timeoutMs?: number;
}

export type AriMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Query values as ARI takes them: lists comma-separated, booleans as true/false; undefined is left out. */
export type AriQueryValue = string | number | boolean | readonly string[] | undefined;

export interface AriRequestOptions {
  query?: Readonly<Record<string, AriQueryValue>>;
  /** Sent as JSON (ARI's body parameters: `variables`, `fields`). */
  body?: unknown;
}

export const DEFAULT_ARI_REQUEST_TIMEOUT_MS = 10_000;

/** An ARI request that failed: `status` is the HTTP status, or 0 when no answer came (refused, reset, timed out). */
export class AriHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly method: AriMethod,
    readonly path: string,
  ) {
    super(message);
    this.name = 'AriHttpError';
  }
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

interface RawAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export class AriHttpClient {
  private readonly transport: typeof http | typeof https;
  private readonly host: string;
  private readonly port: number | undefined;
  private readonly basePath: string;
  private readonly timeoutMs: number;
  /** Shared by every request without a body: built once, since this is the hot path of every call. */
  private readonly plainHeaders: http.OutgoingHttpHeaders;

  constructor(private readonly target: AriHttpTarget) {
    const url = new URL(target.url);
    this.transport = url.protocol === 'https:' ? https : http;
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
    this.port = url.port ? Number(url.port) : undefined;
    this.basePath = `${url.pathname.replace(/\/+$/, '')}/ari`;
    this.timeoutMs = target.timeoutMs ?? DEFAULT_ARI_REQUEST_TIMEOUT_MS;
    this.plainHeaders = {
      authorization: target.authorization,
      accept: 'application/json',
      'content-length': 0,
    };
  }

  /** One ARI call, e.g. request('POST', `/channels/${id}/play`, { query: { media, playbackId } }). */
  async request<T = unknown>(method: AriMethod, path: string, options: AriRequestOptions = {}): Promise<T> {
    const answer = await this.send(method, path, options);
    const text = answer.body.toString('utf8');
    if (answer.status >= 200 && answer.status < 300) {
      return (text && answer.contentType.includes('json') ? JSON.parse(text) : undefined) as T;
    }
    throw new AriHttpError(
      ariMessageOf(text) ?? httpFailure(method, path, answer.status, text),
      answer.status,
      method,
      path,
    );
  }

  /** A binary resource (a stored recording's file), or null on 404. */
  async getBinary(path: string): Promise<Uint8Array | null> {
    const answer = await this.send('GET', path, {});
    if (answer.status === 404) return null;
    if (answer.status !== 200) {
      const text = answer.body.toString('utf8', 0, 200);
      throw new AriHttpError(httpFailure('GET', path, answer.status, text), answer.status, 'GET', path);
    }
    return new Uint8Array(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
  }

  private send(method: AriMethod, path: string, options: AriRequestOptions): Promise<RawAnswer> {
    const fullPath = this.basePath + path + queryString(options.query);
    let payload: Buffer | undefined;
    let headers = this.plainHeaders;
    if (options.body !== undefined) {
      payload = Buffer.from(JSON.stringify(options.body), 'utf8');
      headers = { ...headers, 'content-type': 'application/json', 'content-length': payload.byteLength };
    }
    return new Promise((resolve, reject) => {
      let deadline: ReturnType<typeof setTimeout> | undefined = undefined;
      const failed = (why: unknown) => {
        clearTimeout(deadline);
        reject(new AriHttpError(`ARI request ${method} ${path} failed: ${describe(why)}`, 0, method, path));
      };
      const request = this.transport.request(
        { host: this.host, port: this.port, method, path: fullPath, agent: this.target.agent, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', failed);
          response.on('close', () => {
            if (!response.complete) failed('the answer was cut off');
          });
          response.on('end', () => {
            clearTimeout(deadline);
            resolve({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'] ?? '',
              body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
            });
          });
        },
      );
      // A whole-request deadline, not only an idle one: a server that trickles bytes must not hold a call either.
      // Unref'd: the socket keeps Node alive while it matters, and a request left queued at stop() must not.
      deadline = setTimeout(
        () => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      ).unref();
      request.on('error', failed);
      request.end(payload);
    });
  }
}

function queryString(query: AriRequestOptions['query']): string {
  if (!query) return '';
  let text = '';
  for (const name in query) {
    const value = query[name];
    if (value === undefined) continue;
    const encoded = Array.isArray(value)
      ? value.map((item) => encodeURIComponent(item)).join(',')
      : encodeURIComponent(String(value));
    text += `${text ? '&' : '?'}${name}=${encoded}`;
  }
  return text;
}

/** ARI answers errors as {"message": "..."} (some older paths use "error"). */
function ariMessageOf(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

function httpFailure(method: string, path: string, status: number, text: string): string {
  const detail = text.trim().slice(0, 200);
  return `ARI ${method} ${path} answered HTTP ${status}${detail ? `: ${detail}` : ''}`;
}

function describe(why: unknown): string {
  if (!(why instanceof Error)) return String(why);
  const code = (why as NodeJS.ErrnoException).code;
  return code && !why.message.includes(code) ? `${why.message} (${code})` : why.message;
}
