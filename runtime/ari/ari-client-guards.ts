// ari-client 2.2.0 sits on swagger-client 2.0.26 and its HTTP library "shred". Left alone they:
//  1. crash the process on a 401 (or any failure while loading the API docs): SwaggerApi.fail() *throws* from inside an
//     HTTP callback, so the connect promise never settles and the exception is uncaught;
//  2. never settle a REST call whose socket fails (ECONNREFUSED, reset, timeout): shred emits "request_error", which
//     swagger-client does not listen to, so e.g. a play() during an outage would wait forever;
//  3. use Node's global agent: one socket per request in flight, and Asterisk counts every keep-alive socket against
//     http.conf's sessionlimit (100), so a busy runtime gets its REST calls refused (sandbox notes, "Under load");
//  4. send the credentials of the *last* client created to every host (swagger.authorizations is process-global);
//  5. print "This API is using a deprecated version of Swagger!" to stdout on every connect, through a global `log`
//     function that also keeps every message in an ever-growing array.
// This module patches those five places once, and lets each AriConnection register its own agent and credentials for
// its Asterisk origin. It is the only place that reaches into ari-client's dependencies.
import { createRequire } from 'node:module';
import type { Agent } from 'node:http';

interface SwaggerResponseLike {
  status: number;
  url?: string;
  method?: string;
  headers: Record<string, string>;
  data: Buffer;
}

interface SwaggerCallbacks {
  error?: (response: SwaggerResponseLike) => unknown;
}

interface ShredRequestOptions {
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  agent?: Agent;
  on?: SwaggerCallbacks;
}

interface ShredRequestLike {
  on(event: string, listener: (arg: unknown) => void): unknown;
}

interface SwaggerClientModule {
  SwaggerApi: { prototype: { fail(this: { failure(message: unknown): void }, message: unknown): void } };
  ShredHttpClient: { prototype: { execute(this: unknown, options: ShredRequestOptions): ShredRequestLike } };
}

export interface AriHttpTarget {
  agent: Agent;
  /** Value of the Authorization header for this origin. */
  authorization: string;
}

const requireHere = createRequire(import.meta.url);
// Resolve swagger-client from ari-client's own location so we patch the very instance ari-client uses.
const requireFromAriClient = createRequire(requireHere.resolve('ari-client'));

const targets = new Map<string, AriHttpTarget>();
let installed = false;

/** Loads ari-client with the guards installed. Use this instead of importing 'ari-client' directly. */
export function loadAriClient(): typeof import('ari-client') {
  const ariClient = requireFromAriClient('ari-client') as typeof import('ari-client');
  installGuards();
  return ariClient;
}

/** Routes ari-client's REST calls to `origin` (e.g. "http://127.0.0.1:8088") through this agent and credentials. */
export function registerAriHttpTarget(origin: string, target: AriHttpTarget): () => void {
  installGuards();
  targets.set(origin, target);
  return () => {
    if (targets.get(origin) === target) targets.delete(origin);
  };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function installGuards(): void {
  if (installed) return;
  installed = true;
  const swagger = requireFromAriClient('swagger-client') as SwaggerClientModule;

  // (1) report the failure, never throw it: ari-client's failure callback rejects connect() with the message.
  swagger.SwaggerApi.prototype.fail = function failWithoutThrowing(message) {
    this.failure(message);
  };

  // (5) swagger-client's global logger; recognised by its body so nobody else's `log` global is touched.
  const globals = globalThis as { log?: unknown };
  if (typeof globals.log === 'function' && String(globals.log).includes('log.history')) {
    globals.log = function swaggerLogSilenced() {};
  }

  // (2)(3)(4) per-origin agent and credentials; settle requests that die without a response.
  const originalExecute = swagger.ShredHttpClient.prototype.execute;
  swagger.ShredHttpClient.prototype.execute = function executeGuarded(options) {
    const callbacks = options.on ?? {};
    const target = options.url ? targets.get(originOf(options.url)) : undefined;
    if (target) {
      options.agent = target.agent;
      // shred also copies `agent` into the User-Agent header (a known shred bug): set it explicitly.
      options.headers = { ...options.headers, Authorization: target.authorization, 'User-Agent': 'switchboard-ari' };
    }
    const request = originalExecute.call(this, options);
    let failed = false;
    const failWithoutResponse = (why: unknown) => {
      if (failed) return;
      failed = true;
      const message = `ARI request ${options.method?.toUpperCase() ?? 'GET'} ${options.url ?? '?'} failed: ${describe(why)}`;
      callbacks.error?.({
        status: 0,
        url: options.url,
        method: options.method,
        headers: {},
        data: Buffer.from(JSON.stringify({ message }), 'utf8'),
      });
    };
    request.on('request_error', failWithoutResponse);
    request.on('timeout', () => failWithoutResponse('timed out'));
    return request;
  };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

function describe(why: unknown): string {
  if (why instanceof Error) return (why as NodeJS.ErrnoException).code ?? why.message;
  return String(why);
}
