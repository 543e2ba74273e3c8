// The web app as `npm start` runs it (server/main.ts, production build, the runtime attached to the sandbox Asterisk
// over ARI), as a child process on a workspace's database, for the suites that need the pages and real calls at once.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AriSettings } from '#runtime/ari/settings.ts';
import { waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { REPO_ROOT } from '../browser/designer-server.ts';
import { freeTcpPort, type RuntimeWorkspace } from './runtime-process.ts';

export interface AppProcess {
  baseUrl: string;
  process: ChildProcess;
  /** Everything it printed so far (the last 100,000 characters). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the app and waits until it answers HTTP, has connected to ARI and pushed the directory (it syncs on every
 * connect). The workspace's seed people have the demo secrets ("bonjour"), which the suites register with.
 */
export async function startAppWithAsterisk(workspace: RuntimeWorkspace, ari: AriSettings): Promise<AppProcess> {
  const port = await freeTcpPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (name.startsWith('VITEST') || name === 'NODE_ENV' || name === 'TEST') delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SWITCHBOARD_DB: workspace.dbFile,
      SWITCHBOARD_DEMO_SECRETS: '1',
      PROMPTS_DIR: workspace.promptsDir,
      ARI_URL: ari.url,
      ARI_USER: ari.username,
      ARI_PASS: ari.password,
      ARI_APP: ari.app,
      TTS_PROVIDER: 'espeak',
      METADATA_SERVER_DETECTION: 'none',
      SWITCHBOARD_LOG: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-100_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const answersHttp = async () => (await fetch(`${baseUrl}/healthz`).catch(() => null))?.ok === true;
  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`the app exited:\n${output}`);
      return output.includes('SIP accounts synced with Asterisk') && (await answersHttp());
    },
    90_000,
    'the app answering HTTP, connected to ARI and synced the SIP accounts',
  ).catch((error: unknown) => {
    child.kill('SIGTERM');
    throw new Error(`${(error as Error).message}\n--- app output ---\n${output}`);
  });
  return {
    baseUrl,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
