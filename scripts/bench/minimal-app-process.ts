// Starts scripts/bench/minimal-ari-app.ts as its own process for `npm run bench:runtime`, so that its pid gives its own
// CPU and memory. It runs as plain JavaScript (transpiled once by TypeScript, no loader at run time), as an app
// written for production would: a transpiler in the process would cost it memory the runtime is measured against.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { AriSettings } from '#runtime/ari/settings.ts';
import { freeTcpPort, watchExit } from '#tests/e2e/testing/runtime-process.ts';
import type { BenchPromptName } from './native-menu.ts';

const projectDir = path.resolve(import.meta.dirname, '../..');

/** The app as an ES module under node_modules/.cache (so that `ari-client` resolves from the project). */
function buildMinimalApp(): string {
  const source = readFileSync(path.join(import.meta.dirname, 'minimal-ari-app.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const dir = path.join(projectDir, 'node_modules/.cache/switchboard-bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'minimal-ari-app.mjs');
  writeFileSync(file, outputText);
  return file;
}

export interface MinimalAppStats {
  requests: number;
  events: number;
  calls: number;
  requestErrors: number;
}

export interface MinimalAppProcess {
  pid: number;
  stats(): Promise<MinimalAppStats>;
  output(): string;
  stop(): Promise<number | null>;
}

export async function startMinimalApp(
  ari: AriSettings,
  prompts: Record<BenchPromptName, string>,
  options: { env?: Record<string, string>; readyTimeoutMs?: number } = {},
): Promise<MinimalAppProcess> {
  const port = await freeTcpPort();
  const child = spawn(process.execPath, [buildMinimalApp()], {
    cwd: projectDir,
    env: {
      ...process.env,
      ARI_URL: ari.url,
      ARI_USER: ari.username,
      ARI_PASS: ari.password,
      ARI_APP: ari.app,
      BENCH_PROMPTS: JSON.stringify(prompts),
      BENCH_APP_PORT: String(port),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-50_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exit = watchExit(child);
  const app: MinimalAppProcess = {
    pid: child.pid!,
    output: () => output,
    async stats() {
      const response = await fetch(`http://127.0.0.1:${port}/stats`);
      return (await response.json()) as MinimalAppStats;
    },
    stop: exit.stop,
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (!/^ready$/m.test(output)) {
    if (exit.hasExited() || Date.now() > deadline) {
      await app.stop();
      throw new Error(`the minimal ARI app did not get ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return app;
}
