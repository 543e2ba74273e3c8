// The ari-client guards against a local HTTP server playing a misbehaving Asterisk (loopback only, no Asterisk needed).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { basicAuthorization, loadAriClient, registerAriHttpTarget } from './ari-client-guards.ts';

interface Seen {
  url: string;
  authorization: string | undefined;
  userAgent: string | undefined;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  vi.restoreAllMocks();
});

async function fakeAsterisk(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization, userAgent: req.headers['user-agent'] });
    handle(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('ari-client with the guards', () => {
  it('rejects connect() on a 401 instead of throwing an uncaught exception', async () => {
    const asterisk = await fakeAsterisk((_req, res) =>
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"message":"Authentication required"}'),
    );
    await expect(loadAriClient().connect(asterisk.origin, 'asterisk', 'wrong')).rejects.toMatch(/^401 /);
  });

  it('rejects connect() when the socket dies without a response (shred would never settle)', async () => {
    const asterisk = await fakeAsterisk((req) => req.socket.destroy());
    const outcome = await loadAriClient()
      .connect(asterisk.origin, 'asterisk', 'asterisk')
      .then(
        () => 'connected',
        (error: unknown) => String(error),
      );
    expect(outcome).toMatch(/Can't read from server|socket hang up|ECONNRESET/);
  });

  it("sends each origin its own credentials and agent, not the last client's", async () => {
    const asterisk = await fakeAsterisk((_req, res) => res.writeHead(404).end());
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const createSocket = vi.spyOn(agent, 'createConnection' as never);
    const unregister = registerAriHttpTarget(asterisk.origin, {
      agent,
      authorization: basicAuthorization('right', 'pass'),
    });
    try {
      // ari-client stores 'wrong:creds' in swagger-client's process-wide authorizations; ours must win.
      await loadAriClient()
        .connect(asterisk.origin, 'wrong', 'creds')
        .catch(() => {});
      const viaSwagger = asterisk.seen.filter((request) => request.userAgent === 'switchboard-ari');
      expect(viaSwagger.length).toBeGreaterThan(0);
      expect(viaSwagger.every((request) => request.authorization === basicAuthorization('right', 'pass'))).toBe(true);
      expect(createSocket).toHaveBeenCalled();
    } finally {
      unregister();
      agent.destroy();
    }
  });

  it("silences swagger-client's stdout banner", async () => {
    const asterisk = await fakeAsterisk((_req, res) => res.writeHead(500).end());
    const printed = vi.spyOn(console, 'log');
    loadAriClient();
    (globalThis as { log?: (...args: unknown[]) => void }).log?.('This API is using a deprecated version of Swagger!');
    await loadAriClient()
      .connect(asterisk.origin, 'a', 'b')
      .catch(() => {});
    expect(printed).not.toHaveBeenCalled();
  });
});
