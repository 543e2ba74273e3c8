// The real call runtime (`npm run runtime`, runtime/main.ts) as a child process on a fresh database, for the
// end-to-end suites and the runtime benchmark: what runs in production, talking to the sandbox Asterisk.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase, type SwitchboardDb } from '#db/client.ts';
import type { AriSettings } from '#runtime/ari/settings.ts';
import { AriProbeClient, waitUntil } from '#runtime/ari/testing/asterisk.ts';
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

/** A temp folder with a fresh database seeded like a new install (example flows published, seed people). */
export async function seededWorkspace(): Promise<RuntimeWorkspace> {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-runtime-'));
  const dbFile = path.join(dir, 'switchboard.db');
  const promptsDir = path.join(dir, 'prompts');
  const db = openDatabase(dbFile);
  await seedEmptyDatabase(db, createPromptStore({ PROMPTS_DIR: promptsDir }));
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

export interface RuntimeProcess {
  pid: number;
  port: number;
  /** Everything the runtime printed so far (for failure messages). */
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts runtime/main.ts under `node --import tsx` (one process, so its pid is the runtime's own for CPU and
 * memory figures) and resolves once Asterisk lists its Stasis application, i.e. its WebSocket is subscribed.
 */
export async function startRuntimeProcess(
  workspace: Pick<RuntimeWorkspace, 'dbFile' | 'promptsDir'>,
  ari: AriSettings,
  options: { logLevel?: string; connectTimeoutMs?: number } = {},
): Promise<RuntimeProcess> {
  const port = await freeTcpPort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
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
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000); // a long benchmark must not grow this forever
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const runtime: RuntimeProcess = {
    pid: child.pid!,
    port,
    output: () => output,
    async stop() {
      if (!hasExited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  try {
    await waitForStasisApp(ari, options.connectTimeoutMs ?? 30_000, () => {
      if (hasExited) throw new Error(`the runtime exited before connecting:\n${output}`);
    });
  } catch (error) {
    await runtime.stop();
    throw new Error(`${(error as Error).message}\n--- runtime output ---\n${output}`);
  }
  return runtime;
}

/** Resolves once Asterisk has the Stasis application `ari.app` (its WebSocket is connected and subscribed). */
export async function waitForStasisApp(ari: AriSettings, timeoutMs: number, check: () => void = () => {}): Promise<void> {
  const probe = new AriProbeClient(ari);
  await waitUntil(
    async () => {
      check();
      try {
        await probe.request('GET', `/applications/${encodeURIComponent(ari.app)}`);
        return true;
      } catch {
        return false;
      }
    },
    timeoutMs,
    `Stasis application "${ari.app}" registered in Asterisk`,
  );
}
