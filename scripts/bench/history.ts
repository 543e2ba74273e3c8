// npm run bench:history — call history at scale: 200 000 calls (and a few events each) generated into a temp
// database, then the history page query (listCalls, several filters, first and deep pages), the call page query
// (getCall) and the canvas traffic query (flowTraffic: edge counts and drop-offs over a period) timed.
// Target: every query under 100 ms (p95).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { flowTraffic } from '#db/call-stats.ts';
import { getCall, listCalls, type CallFilter } from '#db/calls.ts';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { createFlow, publishVersion } from '#db/flows.ts';
import { frenchFlow } from '#db/testing/temp-database.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TARGET_MS = 100;
const NUMBERS = ['6001', '6002', '6003', '6004', '6099', '7000'];
const OUTCOMES = [
  'completed',
  'completed',
  'completed',
  'caller-hung-up',
  'caller-hung-up',
  'not-in-service',
  'error',
  'lost',
];

function measure(runs: number, action: () => unknown): number[] {
  action(); // warm-up: statement preparation and the page cache
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    action();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
let missed = 0;
function report(label: string, sorted: number[]) {
  const p95 = quantile(sorted, 0.95);
  if (p95 >= TARGET_MS) missed += 1;
  console.log(
    `${label.padEnd(44)} median ${quantile(sorted, 0.5).toFixed(2)} ms  p95 ${p95.toFixed(2)} ms  max ${sorted.at(-1)!.toFixed(2)} ms  ${p95 < TARGET_MS ? 'ok' : 'MISSED'}`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-history-'));
const db = openDatabase(path.join(dir, 'switchboard.db'));
try {
  // Three flows with a published version each, so calls reference real flows and versions (foreign keys on).
  const flows = ['6003', '6099', '7000'].map((number, index) => {
    const document = frenchFlow(`Flow ${index + 1}`, [number]);
    const { flowId } = createFlow(db, { document, author: 'bench' });
    const { versionId } = publishVersion(db, { flowId, document, author: 'bench' });
    return { flowId, versionId };
  });

  const generating = Date.now();
  const insertCall = db.sqlite.prepare(
    `INSERT INTO calls (id, channel_id, dialled_number, caller_number, caller_name, simulated, flow_id, version_id,
       started_at, ended_at, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.sqlite.prepare(
    `INSERT INTO call_events (call_id, seq, at, kind, node_id, node_type, branch, digits, version_id, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const firstStart = Date.UTC(2025, 0, 1);
  // About one call every 2.5 minutes over the year: a busy switchboard.
  const step = Math.floor((365 * 86_400_000) / CALLS);
  const insertBatch = db.sqlite.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const flow = flows[index % flows.length]!;
      const startedAt = firstStart + index * step + (index % 7) * 13;
      const id = `call_bench${String(index).padStart(8, '0')}`;
      const outcome = OUTCOMES[index % OUTCOMES.length]!;
      const notInService = outcome === 'not-in-service';
      insertCall.run(
        id,
        `chan-${index}`,
        NUMBERS[index % NUMBERS.length]!,
        `06${String(10_000_000 + (index % 90_000_000)).slice(0, 8)}`,
        '',
        index % 10 === 0 ? 1 : 0,
        notInService ? null : flow.flowId,
        notInService ? null : flow.versionId,
        startedAt,
        startedAt + 5_000 + (index % 120) * 1000,
        outcome,
        null,
      );
      if (notInService) continue;
      const version = flow.versionId;
      insertEvent.run(id, 1, startedAt, 'node-entered', 'start', 'start', null, null, version, null);
      insertEvent.run(id, 2, startedAt, 'node-left', 'start', 'start', 'next', null, version, null);
      insertEvent.run(id, 3, startedAt + 10, 'node-entered', 'bienvenue', 'say', null, null, version, null);
      insertEvent.run(
        id,
        4,
        startedAt + 3000,
        'prompt-played',
        'bienvenue',
        'say',
        null,
        null,
        version,
        '{"text":"Bonjour","hash":"0123456789abcdef0123456789abcdef","outcome":"finished"}',
      );
      insertEvent.run(id, 5, startedAt + 3000, 'node-left', 'bienvenue', 'say', 'next', null, version, null);
      // Then the menu: callers who hung up did it there (a drop-off); the others pressed 1 or 2 and reached "fin".
      insertEvent.run(id, 6, startedAt + 3010, 'node-entered', 'menu', 'menu', null, null, version, null);
      if (outcome === 'caller-hung-up') {
        insertEvent.run(id, 7, startedAt + 4000, 'node-left', 'menu', 'menu', null, null, version, null);
        continue;
      }
      const digit = index % 3 === 0 ? '2' : '1';
      insertEvent.run(id, 7, startedAt + 4000, 'digits', 'menu', 'menu', null, digit, version, null);
      insertEvent.run(id, 8, startedAt + 4000, 'node-left', 'menu', 'menu', digit, null, version, null);
      insertEvent.run(id, 9, startedAt + 4010, 'node-entered', 'fin', 'hangup', null, null, version, null);
      insertEvent.run(id, 10, startedAt + 4010, 'node-left', 'fin', 'hangup', null, null, version, null);
    }
  });
  for (let from = 0; from < CALLS; from += 10_000) insertBatch(from, Math.min(CALLS, from + 10_000));
  db.sqlite.exec('ANALYZE');
  const events = (db.sqlite.prepare('SELECT count(*) AS n FROM call_events').get() as { n: number }).n;
  console.log(
    `Generated ${CALLS} calls and ${events} events in ${((Date.now() - generating) / 1000).toFixed(1)} s (${dir})`,
  );

  const deepCursor = (filter: Omit<CallFilter, 'limit' | 'cursor'>, pages: number): string | null => {
    let cursor: string | null = null;
    for (let page = 0; page < pages; page++) {
      cursor = listCalls(db, { ...filter, limit: 50, cursor }).nextCursor;
      if (!cursor) break;
    }
    return cursor;
  };
  const lastStart = firstStart + CALLS * step;
  const cases: [string, Omit<CallFilter, 'limit' | 'cursor'>][] = [
    ['no filter', {}],
    ['flow', { flowId: flows[0]!.flowId }],
    ['number', { number: '6003' }],
    ['outcome=error', { outcome: 'error' }],
    ['simulated only', { simulated: true }],
    ['time range (one week)', { from: lastStart - 30 * 86_400_000, to: lastStart - 23 * 86_400_000 }],
    ['flow + outcome + real', { flowId: flows[1]!.flowId, outcome: 'completed', simulated: false }],
    [
      'number + time range (one month)',
      { number: '6099', from: firstStart + 90 * 86_400_000, to: firstStart + 120 * 86_400_000 },
    ],
  ];
  for (const [label, filter] of cases) {
    report(
      `list, first page, ${label}`,
      measure(RUNS, () => listCalls(db, { ...filter, limit: 50 })),
    );
    const cursor = deepCursor(filter, 200);
    if (cursor)
      report(
        `list, page 200, ${label}`,
        measure(RUNS, () => listCalls(db, { ...filter, limit: 50, cursor })),
      );
  }
  // The canvas overlay's query (db/call-stats.ts): edge counts and drop-offs of one flow over the picker's presets
  // (last hour, today, 7 days), judged against the target. Longer custom periods grow with their calls (about 20 µs
  // a call for 30 days, several times more once a year's events outgrow the page cache); shown for scale, not judged.
  const DAY = 86_400_000;
  const trafficCase = (label: string, span: number, simulated: boolean, judged: boolean) => {
    const query = { flowId: flows[0]!.flowId, from: lastStart - span, to: lastStart, simulated };
    const sample = flowTraffic(db, query);
    const name = `traffic, ${label}, ${simulated ? 'simulated' : 'real'} (${sample.calls} calls)`;
    const times = measure(judged ? RUNS : Math.min(RUNS, 5), () => flowTraffic(db, query));
    if (judged) report(name, times);
    else
      console.log(
        `${`${name} (not judged)`.padEnd(44)} median ${quantile(times, 0.5).toFixed(2)} ms  max ${times.at(-1)!.toFixed(2)} ms`,
      );
  };
  for (const [label, span] of [
    ['last hour', 3_600_000],
    ['today (24 h)', DAY],
    ['7 days', 7 * DAY],
  ] as const) {
    for (const simulated of [false, true]) trafficCase(label, span, simulated, true);
  }
  trafficCase('30 days', 30 * DAY, false, false);
  trafficCase('whole year', 366 * DAY, false, false);

  const ids = Array.from(
    { length: RUNS },
    (_, run) => `call_bench${String(Math.floor((run * CALLS) / RUNS)).padStart(8, '0')}`,
  );
  let next = 0;
  report(
    'call page (getCall with its events)',
    measure(RUNS, () => getCall(db, ids[next++ % ids.length]!)),
  );
  console.log(
    missed === 0 ? `All queries under ${TARGET_MS} ms (p95).` : `${missed} queries missed the ${TARGET_MS} ms target.`,
  );
  process.exitCode = missed === 0 ? 0 : 1;
} finally {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
}
