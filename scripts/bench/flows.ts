// npm run bench:flows — validating and saving a generated 500-node flow. Targets (2-core machine): validation under
// 20 ms, save under 50 ms. Prints medians and p95 over many runs after a warm-up, on a real SQLite file in WAL mode.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { createFlow, saveDraft } from '#db/flows.ts';
import { validateFlow } from '#flows/validate.ts';
import { generateLargeFlow } from '#flows/testing/documents.ts';

const NODE_COUNT = Number(process.env.BENCH_NODES ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);

function measure(runs: number, action: (run: number) => void): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    action(run);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const report = (label: string, sorted: number[], target: number) =>
  console.log(
    `${label.padEnd(28)} median ${quantile(sorted, 0.5).toFixed(2)} ms  p95 ${quantile(sorted, 0.95).toFixed(2)} ms  max ${sorted.at(-1)!.toFixed(2)} ms  (target < ${target} ms — median ${quantile(sorted, 0.5) < target ? 'met' : 'MISSED'}, p95 ${quantile(sorted, 0.95) < target ? 'met' : 'MISSED'})`,
  );

const document = generateLargeFlow(NODE_COUNT);
const check = validateFlow(document);
const errors = check.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
if (errors.length > 0) throw new Error(`The generated flow should be valid: ${errors[0]!.message}`);
console.log(`flow: ${document.nodes.length} nodes, ${document.edges.length} edges; ${RUNS} runs after warm-up`);

measure(10, () => validateFlow(document));
report(
  'validate',
  measure(RUNS, () => validateFlow(document)),
  20,
);

const directory = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
const db = openDatabase(path.join(directory, 'bench.db'));
try {
  const { flowId, revision } = createFlow(db, { document, author: 'bench' });
  let current = revision;
  const save = (run: number) => {
    const edited = { ...document, description: `edit ${run}` };
    current = saveDraft(db, { flowId, document: edited, expectedRevision: current, author: 'bench' }).revision;
  };
  measure(10, save);
  report('save draft', measure(RUNS, save), 50);
  report(
    'validate + save',
    measure(RUNS, (run) => {
      validateFlow(document);
      save(run);
    }),
    70,
  );
} finally {
  closeDatabase(db);
  rmSync(directory, { recursive: true, force: true });
}
