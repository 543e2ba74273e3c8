// The HTTP application without the process around it: server/main.ts listens with it, tests listen with it on an
// ephemeral port. Everything a request can reach is assembled here.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import path from 'node:path';
import { createRequestHandler } from '@react-router/express';
import express from 'express';
import type { ServerBuild } from 'react-router';
import { bodyLimitFor, describeBytes } from '#app/request-limits.ts';
import { log } from '#runtime/log.ts';
import { crossSiteReason } from '#app/same-origin.ts';
import { refuseOtherHosts, type AllowedHost } from './allowed-hosts.ts';
import type { HttpsFiles } from './https-settings.ts';
import type { SwitchboardServices } from './services.ts';
import { servePrompts } from './serve-prompts.ts';
import { createSipWebSocketProxy, type SipWebSocketProxy } from './sip-websocket-proxy.ts';
import { serveVoicemailAudio } from './serve-voicemail-audio.ts';

export interface CreateAppOptions {
  /** Compile the app on the fly with Vite (npm run dev, tests) instead of serving build/ (npm start). */
  dev?: boolean;
  /** Vite's hot reload socket; tests turn it off so parallel servers do not fight over its port. Default on. */
  hmr?: boolean;
  /** Vite's cache folder in dev mode (default node_modules/.vite); tests use their own so they disturb nobody. */
  viteCacheDir?: string;
  /** Where `react-router build` wrote its output (default ./build). */
  buildDir?: string;
  /** Names besides loopback ones this server answers to (allowedHostsFromEnv); default none. */
  allowedHosts?: readonly AllowedHost[];
  /**
   * Asterisk's SIP WebSocket the web softphone's /sip is relayed to (sipWebSocketUpstreamFromEnv); default none: the
   * proxy then refuses with 503.
   */
  sipWebSocketUpstream?: string | null;
}

export interface SwitchboardApp {
  app: express.Express;
  /** The web softphone's SIP WebSocket (server/sip-websocket-proxy.ts), for the HTTP server's upgrade requests. */
  sipWebSocket: SipWebSocketProxy;
  /**
   * Listens like `app.listen`, with the WebSocket upgrades (the SIP proxy) attached: what every server of the app
   * should use (npm start, npm run dev, the tests).
   */
  listen(port: number, host: string, onListening?: () => void, https?: HttpsFiles | null): Server;
  /** Releases what the app holds besides sockets (the Vite dev server, proxied SIP WebSockets). */
  close(): Promise<void>;
}

/**
 * Routes an HTTP server's upgrade requests: /sip to the SIP WebSocket proxy. Other paths are answered 404, unless
 * someone else (Vite's hot reload, in dev) listens for upgrades too.
 */
export function attachUpgrades(server: Server, sipWebSocket: SipWebSocketProxy): void {
  server.on('upgrade', (request, socket, head) => {
    if (sipWebSocket.handleUpgrade(request, socket, head)) return;
    if (server.listenerCount('upgrade') > 1) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.once('finish', () => socket.destroy());
  });
}

export async function createApp(
  services: SwitchboardServices,
  options: CreateAppOptions = {},
): Promise<SwitchboardApp> {
  const app = express();
  app.disable('x-powered-by');
  app.use(refuseOtherHosts(options.allowedHosts ?? []));
  const sipWebSocket = createSipWebSocketProxy({
    db: services.db,
    allowedHosts: options.allowedHosts ?? [],
    upstreamUrl: options.sipWebSocketUpstream ?? null,
  });
  app.use(securityHeaders);
  app.use('/prompts', servePrompts(services.prompts));
  // Voicemail audio for Asterisk, by unguessable file id (PromptMedia "audio-file" -> <base>/audio/<fileId>.wav).
  app.use('/audio', serveVoicemailAudio(services.db));
  app.use(refuseCrossSiteForms);
  app.use(limitRequestBodies);

  const getLoadContext = () => ({ services });
  let closeVite = async () => {};
  if (options.dev) {
    const vite = await import('vite');
    const devServer = await vite.createServer({
      // Host names are checked by refuseOtherHosts for every request, dev or not, with the same settings.
      server: { middlewareMode: true, hmr: options.hmr ?? true, allowedHosts: true },
      ...(options.viteCacheDir ? { cacheDir: options.viteCacheDir } : {}),
    });
    closeVite = () => devServer.close();
    app.use(devServer.middlewares);
    app.all(/.*/, (req, res, next) =>
      createRequestHandler({
        build: () => devServer.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>,
        getLoadContext,
      })(req, res, next),
    );
  } else {
    const buildDir = path.resolve(options.buildDir ?? 'build');
    app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h' }));
    const build = (await import(path.join(buildDir, 'server/index.js'))) as ServerBuild;
    app.all(/.*/, createRequestHandler({ build, getLoadContext }));
  }
  app.use(answerFailures);
  return {
    app,
    sipWebSocket,
    listen(port, host, onListening, https) {
      const server = https ? createHttpsServer({ cert: https.cert, key: https.key }, app) : createHttpServer(app);
      server.listen(port, host, onListening);
      attachUpgrades(server, sipWebSocket);
      return server;
    },
    async close() {
      sipWebSocket.close();
      await closeVite();
    },
  };
}

/**
 * Errors Express itself meets (an address it cannot decode, a file that vanished while being sent): one escaped log
 * line and a plain answer, instead of Express's default, which prints the stack trace and an HTML page.
 */
const answerFailures: express.ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const status = Number((error as { status?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode);
  const known = Number.isInteger(status) && status >= 400 && status < 500;
  const message = error instanceof Error ? error.message : String(error);
  const path = req.originalUrl.split('?')[0]!;
  if (known) log.info(`${status} ${req.method} ${path}: ${message}`);
  else log.error(`${req.method} ${path} failed: ${message}`, error instanceof Error ? { stack: error.stack } : {});
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .status(known ? status : 500)
    .type('text/plain')
    .send(known ? `${message}.` : 'Something went wrong on the server; the details are in its log.');
};

/** No framing by other sites (clickjacking of the forms), no MIME sniffing, no full URLs leaked to other sites. */
const securityHeaders: express.RequestHandler = (_req, res, next) => {
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

/**
 * A backstop for every action, including ones that forget requireUser: a POST/PUT/DELETE the browser marks as
 * coming from another site is refused before React Router sees it. Scripts using the API send neither header and
 * pass; the API does not answer CORS preflights, so no other site's page may call it from a browser anyway.
 */
const refuseCrossSiteForms: express.RequestHandler = (req, res, next) => {
  const reason = crossSiteReason(
    req.method,
    { get: (name) => req.get(name) ?? null },
    `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`,
  );
  if (!reason) return next();
  res.status(403).type('text/plain').send(`Refused: ${reason}.`);
};

/**
 * Every body is judged by its declared length before a byte of it is read: a form (sign-in, setup...) may hold
 * 256 KB, a flow document or an API body 5 MB (app/request-limits.ts). Forms must say their length (browsers
 * always do); only the API, which counts while it reads, also takes bodies sent in chunks. The connection is closed
 * after a refusal, so the rest of a huge body is never read.
 */
const limitRequestBodies: express.RequestHandler = (req, res, next) => {
  const declared = req.get('Content-Length');
  const chunked = req.get('Transfer-Encoding') !== undefined;
  if (declared === undefined && !chunked) return next();
  const limit = bodyLimitFor(req.path);
  const refuse = (status: number, message: string) => {
    res.set('Connection', 'close');
    if (limit.api) res.status(status).json({ error: { message } });
    else res.status(status).type('text/plain').send(message);
  };
  if (declared !== undefined && Number(declared) > limit.bytes) {
    return refuse(
      413,
      `${limit.what} may be at most ${describeBytes(limit.bytes)}; this one is ${describeBytes(Number(declared))}. Nothing was read or saved.`,
    );
  }
  if (declared === undefined && !limit.api) {
    return refuse(411, `${limit.what} must say its length (Content-Length header). Nothing was read or saved.`);
  }
  next();
};
