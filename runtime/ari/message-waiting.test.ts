import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ariMessageWaiting } from './message-waiting.ts';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function fakeAsterisk(status: number) {
  const requests: { method: string; url: string; authorization: string | undefined }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    requests.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization });
    response.writeHead(status).end(status === 404 ? '{"message":"Resource not found"}' : '');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests };
}

function recordingLog() {
  const lines: string[] = [];
  const log = {
    debug: () => {},
    info: (message: string) => lines.push(`info ${message}`),
    warn: (message: string) => lines.push(`warn ${message}`),
    error: () => {},
  };
  return { lines, log: log as unknown as Parameters<typeof ariMessageWaiting>[1] };
}

describe('message-waiting lamps through ARI mailboxes', () => {
  it('PUTs the counts of <box>@switchboard with the ARI credentials', async () => {
    const asterisk = await fakeAsterisk(204);
    const { lines, log } = recordingLog();
    const update = ariMessageWaiting(
      { url: asterisk.url, username: 'asterisk', password: 'secret', app: 'switchboard' },
      log,
    );
    update('6002', { newMessages: 2, oldMessages: 1 });
    await expect.poll(() => asterisk.requests.length).toBe(1);
    expect(asterisk.requests[0]).toEqual({
      method: 'PUT',
      url: '/ari/mailboxes/6002%40switchboard?oldMessages=1&newMessages=2',
      authorization: `Basic ${Buffer.from('asterisk:secret').toString('base64')}`,
    });
    expect(lines).toEqual([]);
  });

  it('says once that this Asterisk has no external MWI (404) and stops asking', async () => {
    const asterisk = await fakeAsterisk(404);
    const { lines, log } = recordingLog();
    const update = ariMessageWaiting({ url: asterisk.url, username: 'a', password: 'b', app: 'switchboard' }, log);
    update('6002', { newMessages: 1, oldMessages: 0 });
    await expect.poll(() => lines.length).toBe(1);
    update('6002', { newMessages: 2, oldMessages: 0 });
    update('6001', { newMessages: 1, oldMessages: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asterisk.requests).toHaveLength(1);
    expect(lines).toEqual([
      'info Asterisk has no external MWI (res_mwi_external): message-waiting lamps are not updated',
    ]);
  });
});
