import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsFromEnv } from './https-settings.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';

let dir: string;
let cert: string;
let key: string;

beforeAll(() => {
  // A self-signed certificate, as the sandbox makes one (openssl is on every machine the tests run on).
  dir = mkdtempSync(join(tmpdir(), 'switchboard-https-'));
  cert = join(dir, 'app.pem');
  key = join(dir, 'app.key');
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('httpsFromEnv', () => {
  it('is off without certificate settings, and reads both PEM files with the port (3443 by default)', () => {
    expect(httpsFromEnv({})).toBeNull();
    const settings = httpsFromEnv({ HTTPS_CERT_FILE: cert, HTTPS_KEY_FILE: key });
    expect(settings?.port).toBe(3443);
    expect(settings?.cert.toString()).toBe(readFileSync(cert, 'utf8'));
    expect(httpsFromEnv({ HTTPS_CERT_FILE: cert, HTTPS_KEY_FILE: key, HTTPS_PORT: '8443' })?.port).toBe(8443);
  });

  it('says which setting is wrong, and why', () => {
    expect(() => httpsFromEnv({ HTTPS_CERT_FILE: cert })).toThrow(
      'HTTPS_CERT_FILE and HTTPS_KEY_FILE go together: set HTTPS_KEY_FILE too, or neither',
    );
    expect(() => httpsFromEnv({ HTTPS_CERT_FILE: join(dir, 'missing.pem'), HTTPS_KEY_FILE: key })).toThrow(
      `HTTPS_CERT_FILE: cannot read ${join(dir, 'missing.pem')} (ENOENT)`,
    );
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => httpsFromEnv({ HTTPS_CERT_FILE: cert, HTTPS_KEY_FILE: notPem })).toThrow(
      `HTTPS_KEY_FILE: ${notPem} is not a PEM file`,
    );
    expect(() => httpsFromEnv({ HTTPS_CERT_FILE: cert, HTTPS_KEY_FILE: key, HTTPS_PORT: 'x' })).toThrow(
      'HTTPS_PORT must be a port number',
    );
  });
});

describe('the app over HTTPS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('https', {}, { https: httpsFromEnv({ HTTPS_CERT_FILE: cert, HTTPS_KEY_FILE: key })! });
  }, 60_000);
  afterAll(() => app?.close());

  it('answers with the certificate it was given', async () => {
    const { status, subject } = await new Promise<{ status: number; subject: string }>((resolve, reject) => {
      const req = request(`${app.base}/healthz`, { ca: readFileSync(cert) }, (response) => {
        const peer = (response.socket as import('node:tls').TLSSocket).getPeerCertificate();
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, subject: String(peer.subject?.CN) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(app.base.startsWith('https://')).toBe(true);
    expect(status).toBe(200);
    expect(subject).toBe('127.0.0.1');
  }, 30_000);
});
