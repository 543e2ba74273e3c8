// Support for the real-Asterisk tests (*.e2e.test.ts): settings from the environment, a plain-fetch ARI client that
// plays the outside world (originates calls into the app, checks what is left), and control of the sandbox Asterisk.
// Deliberately independent of the adapter under test and of its HTTP client.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AriCallPort } from '../call-port.ts';
import type { AriConnection } from '../connection.ts';
import type { AriSettings } from '../settings.ts';

const run = promisify(execFile);

/** The e2e suite needs a real Asterisk: missing settings fail the run instead of skipping it. */
export function requireAriSettings(): AriSettings {
  const missing = ['ARI_URL', 'ARI_USER', 'ARI_PASS', 'ARI_APP'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `ARI end-to-end tests need ${missing.join(', ')}: start the sandbox (bash scripts/asterisk-sandbox.sh start) and ` +
        'export its settings (eval "$(bash scripts/asterisk-sandbox.sh env)")',
    );
  }
  return {
    url: process.env.ARI_URL!.replace(/\/+$/, ''),
    username: process.env.ARI_USER!,
    password: process.env.ARI_PASS!,
    app: process.env.ARI_APP!,
  };
}

export const testMedia = { promptBaseUrl: 'http://127.0.0.1:9/prompts', audioBaseUrl: 'http://127.0.0.1:9/audio' };

export const quietLog = { debug() {}, info() {}, warn() {} };

export class AriProbeClient {
  constructor(private readonly settings: AriSettings) {}

  async request<T = unknown>(method: string, pathAndQuery: string): Promise<T> {
    const auth = Buffer.from(`${this.settings.username}:${this.settings.password}`).toString('base64');
    const response = await fetch(`${this.settings.url}/ari${pathAndQuery}`, {
      method,
      headers: { Authorization: `Basic ${auth}` },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathAndQuery}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A call into the Stasis app, like the dialplan's Stasis(app, number) would send. */
  async originateIntoApp(endpoint: string, appArgs: string, app = this.settings.app): Promise<{ id: string }> {
    const query = new URLSearchParams({ endpoint, app, appArgs });
    return this.request('POST', `/channels?${query}`);
  }

  async channelIds(): Promise<string[]> {
    return (await this.request<{ id: string }[]>('GET', '/channels')).map((channel) => channel.id);
  }

  async bridges(): Promise<{ id: string; channels: string[] }[]> {
    return this.request('GET', '/bridges');
  }

  async hangup(channelId: string, reason = 'normal'): Promise<void> {
    await this.request('DELETE', `/channels/${encodeURIComponent(channelId)}?reason=${reason}`);
  }

  /** Leaves nothing behind for the next test: hangs up every channel and destroys every bridge. */
  async clearAll(): Promise<void> {
    for (const id of await this.channelIds()) await this.hangup(id).catch(() => {});
    for (const bridge of await this.bridges()) await this.request('DELETE', `/bridges/${bridge.id}`).catch(() => {});
    await waitUntil(async () => (await this.channelIds()).length === 0, 5_000, 'all channels gone');
  }
}

/** True when ARI answers with these settings (used to restore the sandbox after an outage test). */
export async function ariAnswers(settings: AriSettings): Promise<boolean> {
  try {
    await new AriProbeClient(settings).request('GET', '/asterisk/info');
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The next incoming-call whose dialled number is `number`. */
export function nextIncomingCall(connection: AriConnection, number: string, timeoutMs = 10_000): Promise<AriCallPort> {
  return new Promise((resolve, reject) => {
    const onCall = (port: AriCallPort) => {
      if (port.dialledNumber !== number) return;
      clearTimeout(timer);
      connection.off('incoming-call', onCall);
      resolve(port);
    };
    const timer = setTimeout(() => {
      connection.off('incoming-call', onCall);
      reject(new Error(`no incoming call for ${number} within ${timeoutMs} ms`));
    }, timeoutMs);
    connection.on('incoming-call', onCall);
  });
}

/**
 * Stops or starts the sandbox Asterisk through its control script (ASTERISK_SANDBOX_SCRIPT, default
 * scripts/asterisk-sandbox.sh; the script reads AST_ROOT, ARI_PORT... from the same environment as the tests).
 * ASTERISK_SANDBOX_CONFDIR is passed to `start` when the suite's Asterisk runs with an overlay config folder.
 * `keepState` starts it with its astdb (ARI-pushed accounts), voicemail and recordings, as a real restart would.
 */
export async function asteriskSandbox(
  command: 'stop' | 'start' | 'crash' | 'freeze' | 'thaw',
  options: { keepState?: boolean } = {},
): Promise<void> {
  if (command === 'crash' || command === 'freeze' || command === 'thaw') {
    // crash = SIGKILL: Asterisk sends no StasisEnd for its channels. freeze/thaw = SIGSTOP/SIGCONT: Asterisk hangs with
    // its sockets open. The pid comes from the sandbox script's pid file (AST_ROOT, default /opt/asterisk-sid): the
    // Asterisk this suite's setup started.
    const pid = await sandboxAsteriskPid();
    process.kill(pid, command === 'crash' ? 'SIGKILL' : command === 'freeze' ? 'SIGSTOP' : 'SIGCONT');
    if (command === 'crash') {
      // Gone means its listening sockets are closed, which is what the next `start` checks. Neither an empty cmdline
      // nor a zombie leader is enough: the leader thread exits first and the other threads (about 50) still hold
      // the files, so on a busy machine `start` found ARI's port taken ("127.0.0.1:8088 is already in use").
      const ports = [Number(new URL(process.env.ARI_URL ?? 'http://127.0.0.1:8088').port || 80)];
      ports.push(Number(process.env.SIP_TLS_PORT ?? 5061));
      const httpsPort = Number(process.env.ARI_TLS_PORT ?? 8089); // Asterisk's HTTPS listener (0: none)
      if (httpsPort > 0) ports.push(httpsPort);
      await waitUntil(
        async () => (await Promise.all(ports.map((port) => acceptsConnections(port)))).every((open) => !open),
        15_000,
        `the killed Asterisk (pid ${pid}) to release ports ${ports.join(', ')}`,
      );
    }
    return;
  }
  const script = process.env.ASTERISK_SANDBOX_SCRIPT ?? path.resolve('scripts/asterisk-sandbox.sh');
  const args = [script, command];
  if (command === 'start' && process.env.ASTERISK_SANDBOX_CONFDIR) args.push(process.env.ASTERISK_SANDBOX_CONFDIR);
  await run('bash', args, {
    timeout: 90_000,
    ...(options.keepState ? { env: { ...process.env, KEEP_STATE: '1' } } : {}),
  });
}

async function sandboxAsteriskPid(): Promise<number> {
  const root = process.env.AST_ROOT ?? '/opt/asterisk-sid';
  const pid = Number((await readFile(path.join(root, 'run/asterisk/asterisk.pid'), 'utf8').catch(() => '')).trim());
  const cmdline = pid ? await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '') : '';
  if (!pid || !cmdline.includes('asterisk'))
    throw new Error(`no sandbox Asterisk running under ${root} (pid file gave "${pid}")`);
  return pid;
}

/** True when something listens on 127.0.0.1:port (a connection is accepted). */
function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true); // a listener that does not answer still holds the port
    });
    socket.once('error', () => resolve(false));
  });
}
