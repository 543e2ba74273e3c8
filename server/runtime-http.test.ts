import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type SwitchboardDb } from '#db/client.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { runtimeHttpHandler } from './runtime-http.ts';

const HASH = 'a'.repeat(32);
let dir: string;
let db: SwitchboardDb;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'runtime-http-'));
  const prompts = createPromptStore({ PROMPTS_DIR: dir });
  writeFileSync(prompts.path(HASH), Buffer.from('RIFF----WAVEfmt '));
  db = openDatabase(':memory:');
  server = createServer(
    runtimeHttpHandler({ prompts, db, allowedHosts: [], health: () => ({ ari: { state: 'connected' } }) }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe("the runtime's HTTP server", () => {
  it('serves a prompt file to Asterisk, cacheable for good', async () => {
    const response = await fetch(`${base}/prompts/${HASH}.wav`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('RIFF----WAVEfmt ');
  });

  it('answers HEAD with the length and no body', async () => {
    const response = await fetch(`${base}/prompts/${HASH}.wav`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('16');
  });

  it('answers 404 for an unknown prompt, a name that is not a prompt, or another path', async () => {
    for (const url of [
      `/prompts/${'b'.repeat(32)}.wav`,
      '/prompts/..%2F..%2Fetc%2Fpasswd',
      '/prompts/x/y',
      '/audio/vm-1.wav',
      '/',
    ]) {
      expect((await fetch(`${base}${url}`)).status, url).toBe(404);
    }
  });

  it('reports its health as JSON', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ ari: { state: 'connected' } });
  });

  it('refuses other methods and other host names', async () => {
    expect((await fetch(`${base}/health`, { method: 'POST' })).status).toBe(405);
    // fetch() will not send another Host header: a plain request, as a DNS-rebinding page's would arrive.
    const rebound = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = get(`${base}/health`, { headers: { host: 'evil.example' } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
    expect(rebound.status).toBe(421);
    expect(rebound.body).toContain('SWITCHBOARD_ALLOWED_HOSTS');
  });
});
