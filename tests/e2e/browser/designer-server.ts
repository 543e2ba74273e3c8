// The web app as `npm start` runs it (server/main.ts serving the production build in build/), as a child process on
// a loopback port with its own database and prompt folder, for the browser suites. No Asterisk: the designer must
// work without one, and the ARI settings the e2e run exports for other suites are removed from its environment.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiToken, createStaffAccount, type StaffRole } from '#db/auth.ts';
import { closeDatabase, openDatabase, type SwitchboardDb } from '#db/client.ts';
import { createFlow } from '#db/flows.ts';
import { seedPeople } from '#db/seed.ts';
import type { FlowDocument } from '#flows/document.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export interface StaffLogin {
  username: string;
  password: string;
  role: StaffRole;
}

/** The staff accounts every designer suite signs in with; created straight in the database, as an admin would. */
export const STAFF: Record<'editor' | 'secondEditor' | 'viewer' | 'admin', StaffLogin> = {
  editor: { username: 'edith', password: 'edith designs flows', role: 'editor' },
  secondEditor: { username: 'ernest', password: 'ernest edits too', role: 'editor' },
  viewer: { username: 'victor', password: 'victor only looks', role: 'viewer' },
  admin: { username: 'ada', password: 'ada administers all', role: 'admin' },
};

export interface DesignerServer {
  baseUrl: string;
  dbFile: string;
  /** The test's own handle on the server's database (SQLite WAL: both may use it at once). */
  db: SwitchboardDb;
  /** Bearer tokens for the JSON API, made by the admin account. */
  tokens: { viewer: string; editor: string };
  output(): string;
  stop(): Promise<void>;
}

// What `react-router build` compiles into build/: a change to any of these makes the build stale.
const BUILD_INPUTS = [
  'app',
  'flows',
  'db',
  'runtime',
  'provisioning',
  'i18n',
  'public',
  'vite.config.ts',
  'react-router.config.ts',
];

function newestSourceTime(entry: string): number {
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stats.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules' || child.startsWith('.')) continue;
    newest = Math.max(newest, newestSourceTime(path.join(entry, child)));
  }
  return newest;
}

/**
 * The suites drive the production build. .ci/run builds before the e2e suites, so there this does nothing; on a
 * developer's machine it rebuilds (a few seconds) when build/ is missing or older than a source file.
 */
export function ensureFreshBuild(): void {
  const built = statSync(path.join(REPO_ROOT, 'build/server/index.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = Math.max(...BUILD_INPUTS.map((entry) => newestSourceTime(path.join(REPO_ROOT, entry))));
  if (built > newest) return;
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/@react-router/dev/bin.js'), 'build'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: withoutTestVariables(process.env),
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** vitest marks its process as a test run; the server must run as `npm start` does. */
function withoutTestVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of Object.keys(copy)) {
    if (name.startsWith('VITEST') || name === 'NODE_ENV' || name === 'TEST') delete copy[name];
  }
  return copy;
}

/**
 * A fresh install with the staff accounts above, the seed people (alice, bob, julien) and the given flows, served
 * by server/main.ts on a free port. Because the database already holds flows, the server does not load the example
 * flows: the suites start from a known, small set (and the number 6003 is free to draw again).
 */
export async function startDesignerServer(options: {
  flows: FlowDocument[];
}): Promise<DesignerServer & { flowIds: string[] }> {
  ensureFreshBuild();
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-designer-'));
  const dbFile = path.join(dir, 'switchboard.db');
  const db = openDatabase(dbFile);
  await seedPeople(db, { demoSecrets: true }); // "bonjour" / 1234, as the suites expect (a real install: random)
  const accounts = Object.fromEntries(
    await Promise.all(
      Object.entries(STAFF).map(async ([key, login]) => [key, await createStaffAccount(db, login)] as const),
    ),
  );
  const tokens = {
    viewer: createApiToken(db, { name: 'e2e viewer', role: 'viewer', accountId: accounts.admin!.id }).secret,
    editor: createApiToken(db, { name: 'e2e editor', role: 'editor', accountId: accounts.admin!.id }).secret,
  };
  const flowIds = options.flows.map((document) => createFlow(db, { document, author: 'e2e setup' }).flowId);

  const port = await freeTcpPort();
  const env = withoutTestVariables(process.env);
  for (const name of ['ARI_URL', 'ARI_USER', 'ARI_PASS', 'ARI_APP', 'PROMPT_BASE_URL']) delete env[name];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SWITCHBOARD_DB: dbFile,
      PROMPTS_DIR: path.join(dir, 'prompts'),
      TTS_PROVIDER: 'espeak',
      METADATA_SERVER_DETECTION: 'none',
      SWITCHBOARD_LOG: process.env.SWITCHBOARD_LOG ?? 'warn',
      // The database is seeded above; should the server ever seed it, the suites expect the demo secrets.
      SWITCHBOARD_DEMO_SECRETS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const server = {
    baseUrl: `http://127.0.0.1:${port}`,
    dbFile,
    db,
    tokens,
    flowIds,
    output: () => output,
    async stop() {
      if (!hasExited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(server.baseUrl, 60_000, () => hasExited);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return server;
}

async function freeTcpPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('could not get a free TCP port');
  return address.port;
}

async function waitForHealth(baseUrl: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('the web server exited before answering');
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the web server did not answer ${baseUrl}/healthz within ${timeoutMs} ms`);
}
