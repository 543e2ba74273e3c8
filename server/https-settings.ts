// Serving the web app over HTTPS itself, for a machine without a reverse proxy in front (a test bench, the sandbox's
// self-signed certificate): browsers give the softphone a microphone only on https:// pages, or on localhost.
// In production a reverse proxy usually holds the certificate (docs/softphone.md, "Certificates").
import { readFileSync } from 'node:fs';
import { SettingError } from './allowed-hosts.ts';

export interface HttpsFiles {
  cert: Buffer;
  key: Buffer;
}

export interface HttpsSettings extends HttpsFiles {
  /**
   * Its own port beside the plain HTTP one, which stays: Asterisk fetches prompts and voicemail audio over it
   * (PROMPT_BASE_URL), and would refuse a certificate it does not trust.
   */
  port: number;
}

/** HTTPS_CERT_FILE + HTTPS_KEY_FILE (PEM), both or neither, and HTTPS_PORT (default 3443); null: no HTTPS. */
export function httpsFromEnv(env: NodeJS.ProcessEnv): HttpsSettings | null {
  const certFile = env.HTTPS_CERT_FILE?.trim();
  const keyFile = env.HTTPS_KEY_FILE?.trim();
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) {
    const missing = certFile ? 'HTTPS_KEY_FILE' : 'HTTPS_CERT_FILE';
    throw new SettingError(`HTTPS_CERT_FILE and HTTPS_KEY_FILE go together: set ${missing} too, or neither`);
  }
  const port = Number(env.HTTPS_PORT?.trim() || 3443);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SettingError(`HTTPS_PORT must be a port number (1-65535), got "${env.HTTPS_PORT}"`);
  }
  return { cert: readPem('HTTPS_CERT_FILE', certFile), key: readPem('HTTPS_KEY_FILE', keyFile), port };
}

function readPem(setting: string, file: string): Buffer {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    throw new SettingError(`${setting}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!content.toString('latin1').includes('-----BEGIN ')) {
    throw new SettingError(`${setting}: ${file} is not a PEM file (no "-----BEGIN" line)`);
  }
  return content;
}
