// `npm run build:runtime`: the call runtime as plain JavaScript (build/runtime/), so the call process runs on bare
// Node — no TypeScript transpiler loaded, no per-module transform at start-up (docs/decisions/023-runtime-efficiency.md).
// Our own code is bundled into one file per entry; packages stay in node_modules. Plain .mjs: it must run before
// anything is compiled.
import { build } from 'esbuild';
import { cpSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const projectDir = path.resolve(import.meta.dirname, '..');
const finalDir = path.join(projectDir, 'build/runtime');
// Built aside, then swapped in: a runtime starting meanwhile sees the old build or the new one, never half of one.
const outdir = `${finalDir}.${process.pid}.tmp`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: projectDir,
  entryPoints: {
    'runtime-main': 'server/runtime-main.ts',
    // The TTS worker thread's entry; runtime/tts/worker-provider.ts expects it beside runtime-main.js.
    'render-worker': 'runtime/tts/render-worker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Stack traces point at the TypeScript with NODE_OPTIONS=--enable-source-maps (off by default: it slows errors).
  sourcemap: 'linked',
  logLevel: 'warning',
});
// db/client.ts finds its migrations beside itself (import.meta.url), which is now this folder.
cpSync(path.join(projectDir, 'db/migrations'), path.join(outdir, 'migrations'), { recursive: true });
rmSync(finalDir, { recursive: true, force: true });
renameSync(outdir, finalDir);
if (!process.argv.includes('--quiet')) console.log(`call runtime built in ${path.relative(projectDir, finalDir)}/`);
