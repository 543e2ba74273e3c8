// The real call runtime (`npm run runtime`, server/runtime-main.ts) as a child process on a fresh database, for the
// end-to-end suites and the runtime benchmark: what runs in production, talking to the sandbox Asterisk.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type SwitchboardDb } from '#db/client.ts';
import type { AriSettings } from '#runtime/ari/settings.ts';
import { waitUntil } from '#runtime/ari/testing/asterisk.ts';
import type { RuntimeHealth } from '#runtime/service.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { seedEmptyDatabase } from '#server/seed.ts';

export interface RuntimeWorkspace {
  dir: string;
  dbFile: string;
  promptsDir: string;
  /** The test's own handle on the database the runtime writes (SQLite WAL: both may use it at once). */
  db: SwitchboardDb;
  remove(): void;
}

/**
 * A temp folder with a fresh database seeded like a new install (example flows published, seed people), except that
 * the seed people get the brief's demo secrets (SIP password "bonjour", PIN 1234) the sipp scenarios and suites use,
 * where a real install gets random ones.
 */
export async function seededWorkspace(): Promise<RuntimeWorkspace> {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-runtime-'));
  const dbFile = path.join(dir, 'switchboard.db');
  const promptsDir = path.join(dir, 'prompts');
  const db = openDatabase(dbFile);
  await seedEmptyDatabase(db, createPromptStore({ PROMPTS_DIR: promptsDir }), { demoSecrets: true, print: () => {} });
  return {
    dir,
    dbFile,
    promptsDir,
    db,
    remove() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('could not get a free TCP port');
  return address.port;
}

const projectDir = path.resolve(import.meta.dirname, '../../..');
let runtimeBuild: Promise<string> | undefined;

/**
 * The production build of the runtime (build/runtime/runtime-main.js), rebuilt once per test process so a suite never
 * runs a stale bundle (esbuild takes a fraction of a second).
 */
export function builtRuntime(): Promise<string> {
  runtimeBuild ??= new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build-runtime.mjs', '--quiet'], {
      cwd: projectDir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(path.join(projectDir, 'build/runtime/runtime-main.js'))
        : reject(new Error(`scripts/build-runtime.mjs exited with ${code}: ${errors}`)),
    );
  });
  return runtimeBuild;
}

/**
 * The Node flags `npm run runtime` gives the call process (package.json is the one place they are written), e.g. a
 * smaller young generation: see docs/decisions/023-runtime-efficiency.md.
 */
export function runtimeNodeFlags(): string[] {
  const scripts = (
    JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const match = /&& node ((?:--\S+ )*)build\/runtime\/runtime-main\.js$/.exec(scripts.runtime ?? '');
  if (!match)
    throw new Error(`package.json's "runtime" script no longer ends with node [flags] build/runtime/runtime-main.js`);
  return match[1]!.split(' ').filter(Boolean);
}

/** A child process's exit, and a stop that asks politely (SIGTERM: profiles get written) before SIGKILL after 10 s. */
export function watchExit(child: ChildProcess): { hasExited(): boolean; stop(): Promise<number | null> } {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  return {
    hasExited: () => hasExited,
    async stop() {
      if (!hasExited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface RuntimeProcess {
  pid: number;
  port: number;
  /** Everything the runtime printed so far (for failure messages). */
  output(): string;
  /** What the runtime says about itself (GET /health). */
  health(): Promise<RuntimeHealth>;
  /**
   * Resolves once the runtime itself reports its ARI connection up, its built-in messages rendered and the people
   * of its database pushed to Asterisk over that connection (their phones can register). With `connectedAfter`, the
   * connection must have come up after that time (e.g. after an Asterisk restart).
   */
  waitUntilReady(timeoutMs: number, options?: { connectedAfter?: number }): Promise<void>;
  stop(): Promise<number | null>;
}

/**
 * Starts the production build of the runtime (what `npm run runtime` runs, see builtRuntime) as one process, so its
 * pid is the runtime's own for CPU and memory figures, and resolves once the runtime can take calls (waitUntilReady).
 *
 * Readiness comes from the runtime, not from Asterisk's list of applications: Asterisk keeps listing an app whose
 * WebSocket closed while a channel was in it (an earlier suite's), inactive, and sends calls for it nowhere
 * ("Stasis app 'switchboard' not active"). Only the runtime knows its own WebSocket holds the app.
 */
export async function startRuntimeProcess(
  workspace: Pick<RuntimeWorkspace, 'dbFile' | 'promptsDir'>,
  ari: AriSettings,
  options: {
    logLevel?: string;
    connectTimeoutMs?: number;
    /** More environment for the runtime (e.g. SWITCHBOARD_TEST_CLOCK). */
    env?: Record<string, string>;
    /** Node options NODE_OPTIONS may not carry, e.g. ['--cpu-prof', '--cpu-prof-dir=out'] (written when it stops). */
    nodeArgs?: string[];
  } = {},
): Promise<RuntimeProcess> {
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...runtimeNodeFlags(), ...(options.nodeArgs ?? []), await builtRuntime()],
    {
      cwd: projectDir,
      env: {
        ...process.env,
        SWITCHBOARD_DB: workspace.dbFile,
        PROMPTS_DIR: workspace.promptsDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        ARI_URL: ari.url,
        ARI_USER: ari.username,
        ARI_PASS: ari.password,
        ARI_APP: ari.app,
        SWITCHBOARD_LOG: options.logLevel ?? 'info',
        METADATA_SERVER_DETECTION: 'none',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000); // a long benchmark must not grow this forever
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exit = watchExit(child);

  const health = async (): Promise<RuntimeHealth> => {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    if (!response.ok) throw new Error(`GET /health: HTTP ${response.status}`);
    return (await response.json()) as RuntimeHealth;
  };
  const runtime: RuntimeProcess = {
    pid: child.pid!,
    port,
    output: () => output,
    health,
    async waitUntilReady(timeoutMs, { connectedAfter = 0 } = {}) {
      let last = 'no answer yet';
      await waitUntil(
        async () => {
          if (exit.hasExited()) throw new Error('the runtime process exited');
          let now: RuntimeHealth;
          try {
            now = await health();
          } catch (error) {
            last = String(error); // not listening yet
            return false;
          }
          last = JSON.stringify(now);
          if (now.builtInPrompts === 'failed')
            throw new Error('the runtime could not render its built-in messages (see its output)');
          const connected = now.ari.state === 'connected' && now.ari.since >= connectedAfter;
          // A sync that left accounts behind is tried again by the runtime (provisioning/people/asterisk-sync.ts):
          // keep waiting for "synced"; the deadline's message carries the last failure.
          const peopleSynced = now.people.state === 'synced' && now.people.at >= now.ari.since;
          return connected && peopleSynced && now.builtInPrompts === 'ready';
        },
        timeoutMs,
        `the runtime ready to take calls, people synced`,
      ).catch((error: unknown) => {
        // The caller adds the runtime's output (startRuntimeProcess; the e2e suites print it when a test fails).
        throw new Error(`${(error as Error).message} (last health: ${last})`);
      });
    },
    stop: exit.stop,
  };
  try {
    await runtime.waitUntilReady(options.connectTimeoutMs ?? 60_000);
  } catch (error) {
    await runtime.stop();
    throw new Error(`${(error as Error).message}\n--- runtime output ---\n${output}`);
  }
  return runtime;
}
