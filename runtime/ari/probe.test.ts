import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeAri } from './probe.ts';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handle: http.RequestListener): Promise<string> {
  const server = http.createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const settings = (url: string) => ({ url, username: 'asterisk', password: 'secret', app: 'switchboard' });

describe('probeAri', () => {
  it('is ok with the Asterisk version on 200, sending basic auth to /ari/asterisk/info', async () => {
    let seen = '';
    const url = await serve((req, res) => {
      seen = `${req.url} ${req.headers.authorization}`;
      res.end(JSON.stringify({ system: { version: '22.10.1' } }));
    });
    expect(await probeAri(settings(url), { timeoutMs: 2_000 })).toEqual({ ok: true, asteriskVersion: '22.10.1' });
    expect(seen).toBe(`/ari/asterisk/info Basic ${Buffer.from('asterisk:secret').toString('base64')}`);
  });

  it('calls a 401 a wrong password, naming the user', async () => {
    const url = await serve((_req, res) => res.writeHead(401).end());
    expect(await probeAri(settings(url), { timeoutMs: 2_000 })).toMatchObject({
      ok: false,
      kind: 'auth-failed',
      message: expect.stringMatching(/^ARI rejected user "asterisk": wrong password/),
    });
  });

  it('calls a refused connection, another status or silence unreachable', async () => {
    const closed = await serve(() => {});
    servers[0]!.closeAllConnections();
    await new Promise((resolve) => servers.shift()!.close(resolve));
    expect(await probeAri(settings(closed), { timeoutMs: 2_000 })).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });

    const noAri = await serve((_req, res) => res.writeHead(404).end());
    expect(await probeAri(settings(noAri), { timeoutMs: 2_000 })).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('HTTP 404'),
    });

    const silent = await serve(() => {});
    expect(await probeAri(settings(silent), { timeoutMs: 200 })).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('no answer within 200 ms'),
    });
  });
});
