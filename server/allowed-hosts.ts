// Which names this server answers to (the Host header). A page on another site can make a browser send requests
// here under the other site's name (DNS rebinding), for instance to create the first administrator on a fresh
// install. Refusing every name but ours stops that: loopback names on the port the request came in on (a local
// browser, Asterisk fetching prompts at 127.0.0.1), the host of PROMPT_BASE_URL (where Asterisk is told to fetch
// prompts), the address in HOST when it is a specific one, and the names listed in SWITCHBOARD_ALLOWED_HOSTS.
import { isIP } from 'node:net';
import type express from 'express';

/** A setting in the environment that cannot be used; its message names the variable. */
export class SettingError extends Error {
  override readonly name = 'SettingError';
}

export interface AllowedHost {
  /** Lower-case host name or address; IPv6 without brackets. */
  name: string;
  /** A port, or null to accept the name on any port (and without one, as reverse proxies send it). */
  port: number | null;
}

/** `example.com`, `example.com:8080`, `[::1]:3000` -> its name and port; null when it is not a host. */
export function parseHost(text: string): AllowedHost | null {
  const trimmed = text.trim().toLowerCase();
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/.exec(trimmed);
  if (!match) return null;
  const name = match[1] ?? match[2]!;
  if (match[1] !== undefined && isIP(name) !== 6) return null;
  const port = match[3] === undefined ? null : Number(match[3]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { name: name.endsWith('.') ? name.slice(0, -1) : name, port };
}

function isLoopback(name: string): boolean {
  return name === 'localhost' || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'));
}

/**
 * The extra names the environment allows: SWITCHBOARD_ALLOWED_HOSTS (comma-separated, `name` or `name:port`), the
 * host of PROMPT_BASE_URL and HOST unless it is a wildcard. Throws on an entry that is not a host name, so a typo
 * is found at start-up rather than as refused visitors.
 */
export function allowedHostsFromEnv(env: NodeJS.ProcessEnv): AllowedHost[] {
  const hosts: AllowedHost[] = [];
  for (const entry of (env.SWITCHBOARD_ALLOWED_HOSTS ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const host = parseHost(entry);
    if (!host) {
      throw new SettingError(
        `SWITCHBOARD_ALLOWED_HOSTS: "${entry.trim()}" is not a host name (write e.g. switchboard.example.com or 10.0.0.5:3000, comma-separated).`,
      );
    }
    hosts.push(host);
  }
  if (env.PROMPT_BASE_URL) {
    try {
      const url = new URL(env.PROMPT_BASE_URL);
      const host = parseHost(url.host);
      if (host) hosts.push({ name: host.name, port: host.port ?? (url.protocol === 'https:' ? 443 : 80) });
    } catch {
      throw new SettingError(`PROMPT_BASE_URL: "${env.PROMPT_BASE_URL}" is not a URL.`);
    }
  }
  const listen = env.HOST ? (parseHost(env.HOST) ?? parseHost(`[${env.HOST}]`)) : null;
  if (listen && listen.name !== '0.0.0.0' && listen.name !== '::') hosts.push({ name: listen.name, port: null });
  return hosts;
}

/** Whether a request carrying `hostHeader`, received on `localPort`, is addressed to this server. */
export function isAllowedHost(
  hostHeader: string | undefined,
  localPort: number | undefined,
  allowed: readonly AllowedHost[],
): boolean {
  if (!hostHeader) return false;
  const host = parseHost(hostHeader);
  if (!host) return false;
  // Without a port the browser means the scheme's default one (80, or 443 behind a TLS proxy).
  const samePort = (port: number | null | undefined) =>
    host.port === null ? port === 80 || port === 443 : port === host.port;
  if (isLoopback(host.name) && samePort(localPort)) return true;
  return allowed.some((entry) => entry.name === host.name && (entry.port === null || samePort(entry.port)));
}

/** What a request addressed to another name gets (status 421): how to reach this server instead. */
export function otherHostRefusal(host: string | undefined, localPort: number | undefined): string {
  const shown = host === undefined ? 'no Host header' : `"${host.slice(0, 100)}"`;
  return `This Switchboard does not answer to ${shown}. Open it by the address it listens on (e.g. http://127.0.0.1:${localPort}), or add the name to SWITCHBOARD_ALLOWED_HOSTS (see README).`;
}

/** Requests addressed to another name (DNS rebinding) are refused before anything else sees them. */
export function refuseOtherHosts(allowed: readonly AllowedHost[]): express.RequestHandler {
  return (req, res, next) => {
    const host = req.get('host');
    if (isAllowedHost(host, req.socket.localPort, allowed)) return next();
    res.status(421).type('text/plain').send(otherHostRefusal(host, req.socket.localPort));
  };
}
