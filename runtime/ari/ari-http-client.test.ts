// AriHttpClient against a local HTTP server playing Asterisk, well-behaved or not (loopback only, no Asterisk needed).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AriHttpClient, AriHttpError, basicAuthorization } from './ari-http-client.ts';
import { errorMessage, isNotFoundError, restOverHttp } from './ari-rest.ts';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

const servers: http.Server[] = [];
const agents: http.Agent[] = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) agent.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  vi.restoreAllMocks();
});

async function fakeAsterisk(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      });
      handle(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function clientFor(url: string, options: { username?: string; timeoutMs?: number } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  agents.push(agent);
  const client = new AriHttpClient({
    url,
    authorization: basicAuthorization(options.username ?? 'asterisk', 'secret'),
    agent,
    timeoutMs: options.timeoutMs,
  });
  return { client, agent };
}

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

async function failureOf(promise: Promise<unknown>): Promise<AriHttpError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AriHttpError);
  return error as AriHttpError;
}

describe('AriHttpClient', () => {
  it('sends parameters as a query string (lists comma-separated) with the credentials, and parses JSON answers', async () => {
    const asterisk = await fakeAsterisk((req, res) =>
      req.method === 'GET' ? json(res, 200, [{ id: 'a' }, { id: 'b' }]) : res.writeHead(204).end(),
    );
    const { client } = clientFor(asterisk.url);

    expect(await client.request('GET', '/channels')).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(
      await client.request('POST', '/bridges/b%201/addChannel', {
        query: { channel: ['1.1', 'dial x'], beep: true, maxSilenceSeconds: 0, callerId: undefined },
      }),
    ).toBeUndefined();

    expect(asterisk.seen).toEqual([
      expect.objectContaining({ method: 'GET', url: '/ari/channels', body: '' }),
      expect.objectContaining({
        method: 'POST',
        url: '/ari/bridges/b%201/addChannel?channel=1.1,dial%20x&beep=true&maxSilenceSeconds=0',
        body: '',
      }),
    ]);
    expect(asterisk.seen.every((request) => request.authorization === basicAuthorization('asterisk', 'secret'))).toBe(
      true,
    );
  });

  it('sends a body as JSON where ARI wants one (variables)', async () => {
    const asterisk = await fakeAsterisk((_req, res) => json(res, 200, { id: 'c1' }));
    const { client } = clientFor(asterisk.url);
    await client.request('POST', '/channels', { query: { endpoint: 'PJSIP/alice' }, body: { variables: { A: '1' } } });
    expect(asterisk.seen[0]).toMatchObject({
      url: '/ari/channels?endpoint=PJSIP%2Falice',
      contentType: 'application/json',
      body: '{"variables":{"A":"1"}}',
    });
  });

  it("rejects with ARI's message and the HTTP status; not-found and not-in-Stasis count as gone", async () => {
    const asterisk = await fakeAsterisk((req, res) => {
      if (req.url?.startsWith('/ari/channels/gone')) json(res, 404, { message: 'Channel not found' });
      else if (req.url?.startsWith('/ari/channels/elsewhere'))
        json(res, 409, { message: 'Channel not in Stasis application' });
      else if (req.url?.startsWith('/ari/channels/busy')) json(res, 409, { message: 'Channel in use' });
      else res.writeHead(500).end('boom');
    });
    const { client } = clientFor(asterisk.url);

    const missing = await failureOf(client.request('POST', '/channels/gone/answer'));
    expect(missing).toMatchObject({ status: 404, message: 'Channel not found', method: 'POST' });
    expect(isNotFoundError(missing)).toBe(true);
    expect(errorMessage(missing)).toBe('Channel not found');

    const elsewhere = await failureOf(client.request('POST', '/channels/elsewhere/play'));
    expect(elsewhere.status).toBe(409);
    expect(isNotFoundError(elsewhere)).toBe(true);

    const busy = await failureOf(client.request('POST', '/channels/busy/play'));
    expect(isNotFoundError(busy)).toBe(false);

    const broken = await failureOf(client.request('GET', '/asterisk/info'));
    expect(broken).toMatchObject({ status: 500, message: 'ARI GET /asterisk/info answered HTTP 500: boom' });
  });

  it('rejects a 401 like any refusal (the probe names the wrong password before a session starts)', async () => {
    const asterisk = await fakeAsterisk((_req, res) => json(res, 401, { message: 'Authentication required' }));
    const { client } = clientFor(asterisk.url);
    expect(await failureOf(client.request('GET', '/channels'))).toMatchObject({
      status: 401,
      message: 'Authentication required',
    });
  });

  it('rejects, never hangs, when the connection is refused, reset or silent', async () => {
    const refusedAt = await fakeAsterisk(() => {});
    servers.pop()!.close(); // nothing listens there any more
    const refused = await failureOf(clientFor(refusedAt.url).client.request('GET', '/channels'));
    expect(refused).toMatchObject({ status: 0, message: expect.stringMatching(/ECONNREFUSED/) });

    const resetting = await fakeAsterisk((req) => req.socket.destroy());
    const reset = await failureOf(clientFor(resetting.url).client.request('POST', '/channels/x/answer'));
    expect(reset).toMatchObject({
      status: 0,
      message: expect.stringMatching(/^ARI request POST \/channels\/x\/answer failed/),
    });

    const silent = await fakeAsterisk(() => {});
    const startedAt = Date.now();
    const timedOut = await failureOf(clientFor(silent.url, { timeoutMs: 200 }).client.request('GET', '/channels'));
    expect(timedOut.message).toMatch(/no answer within 200 ms/);
    expect(Date.now() - startedAt).toBeLessThan(2_000);

    const trickling = await fakeAsterisk((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).write('[');
    });
    const cutOff = await failureOf(clientFor(trickling.url, { timeoutMs: 200 }).client.request('GET', '/channels'));
    expect(cutOff.status).toBe(0);
  });

  it('uses its own agent and credentials: two clients to one Asterisk never mix them', async () => {
    const asterisk = await fakeAsterisk((_req, res) => res.writeHead(204).end());
    const first = clientFor(asterisk.url, { username: 'first' });
    const second = clientFor(asterisk.url, { username: 'second' });
    const firstSockets = vi.spyOn(first.agent, 'createConnection' as never);
    const secondSockets = vi.spyOn(second.agent, 'createConnection' as never);

    await first.client.request('POST', '/channels/a/answer');
    await second.client.request('POST', '/channels/b/answer');
    await first.client.request('POST', '/channels/c/answer');

    expect(asterisk.seen.map((request) => request.authorization)).toEqual([
      basicAuthorization('first', 'secret'),
      basicAuthorization('second', 'secret'),
      basicAuthorization('first', 'secret'),
    ]);
    expect(firstSockets).toHaveBeenCalledTimes(1); // the third request reused the first's keep-alive socket
    expect(secondSockets).toHaveBeenCalledTimes(1);
  });

  it('downloads binary resources, null on 404', async () => {
    const wav = Buffer.from([0x52, 0x49, 0x46, 0x46, 0, 1, 2, 255]);
    const asterisk = await fakeAsterisk((req, res) =>
      req.url === '/ari/recordings/stored/r1/file'
        ? res.writeHead(200, { 'Content-Type': 'audio/wav' }).end(wav)
        : json(res, 404, { message: 'Recording not found' }),
    );
    const rest = restOverHttp(clientFor(asterisk.url).client, 'switchboard');
    expect(Buffer.from((await rest.storedRecordingFile('r1'))!)).toEqual(wav);
    expect(await rest.storedRecordingFile('r2')).toBeNull();
  });

  it('prints nothing to stdout', async () => {
    const printed = vi.spyOn(process.stdout, 'write');
    const asterisk = await fakeAsterisk((_req, res) => json(res, 500, { message: 'Internal Server Error' }));
    await failureOf(clientFor(asterisk.url).client.request('GET', '/channels'));
    expect(printed).not.toHaveBeenCalled();
  });
});

describe('restOverHttp', () => {
  it('speaks ARI as a call needs it: play, originate into our app, record, bridges', async () => {
    const asterisk = await fakeAsterisk((req, res) =>
      req.url === '/ari/channels/c%2F1' ? json(res, 200, { id: 'c/1', state: 'Up' }) : res.writeHead(204).end(),
    );
    const rest = restOverHttp(clientFor(asterisk.url).client, 'switchboard');
    await rest.play('c/1', 'sound:hello-world', 'p1');
    await rest.originate({
      endpoint: 'PJSIP/alice',
      channelId: 'dial-1',
      appArgs: 'dial-leg,c/1',
      timeoutSeconds: 30,
    });
    await rest.recordChannel('c/1', {
      name: 'rec',
      maxDurationSeconds: 60,
      maxSilenceSeconds: 5,
      beep: false,
      terminateOn: '#',
    });
    await rest.addToBridge('b1', ['c/1', 'dial-1']);
    await rest.hangup('dial-1', 'busy');
    expect(await rest.channelState('c/1')).toBe('Up');
    expect(asterisk.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /ari/channels/c%2F1/play?media=sound%3Ahello-world&playbackId=p1',
      'POST /ari/channels?endpoint=PJSIP%2Falice&app=switchboard&appArgs=dial-leg%2Cc%2F1&channelId=dial-1&timeout=30',
      'POST /ari/channels/c%2F1/record?name=rec&format=wav&maxDurationSeconds=60&maxSilenceSeconds=5&beep=false&terminateOn=%23&ifExists=fail',
      'POST /ari/bridges/b1/addChannel?channel=c%2F1,dial-1',
      'DELETE /ari/channels/dial-1?reason=busy',
      'GET /ari/channels/c%2F1',
    ]);
  });
});
