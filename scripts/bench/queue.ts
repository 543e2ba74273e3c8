// `npm run bench:queue`: a call centre under load. BENCH_WAITING (200) callers kept waiting in one queue with
// BENCH_AGENTS (40) agents, sustained BENCH_SUSTAIN_S seconds, first through Switchboard (a department, a published
// flow with a `queue` node, the runtime), then the same load through Asterisk's own Queue() (app_queue), side by side.
//
// Load (queue-load.ts), identical on both sides: the agents are one sipp UAS that rings BENCH_PICKUP_MS, answers,
// talks BENCH_TALK_S seconds with RTP and hangs up; the callers are one sipp UAC that keeps BENCH_WAITING + BENCH_AGENTS
// calls in progress (each call that ends makes room for the next), BENCH_VIP_PERCENT of them dialling the VIP number
// (priority 10, the others 0), BENCH_IMPATIENT_PERCENT of them hanging up after BENCH_PATIENCE_S. The callers' list
// is a seeded random sequence: both sides get the same callers in the same order.
// Ring strategy: the agent idle the longest (Switchboard's longest-idle, app_queue's leastrecent), no wrap-up time,
// no announcements. Switchboard's agents are directory people whose SIP accounts the runtime pushes to Asterisk (they
// register from the UAS's port); Queue()'s are static PJSIP endpoints of a bench-only overlay.
//
// Printed: calls answered/abandoned/failed; waiting callers over the sustained window; the time from an agent
// becoming free to that agent ringing (p50/p99; target p99 < 50 ms); priority order and FIFO within a priority checked
// at every ring (must be 100 %); CPU and RSS of the runtime and of Asterisk, per waiting caller. Switchboard's
// figures come from its queue_calls table, Queue()'s from AMI events (queue-asterisk.ts); both go through
// queue-metrics.ts.
//
// Needs the sandbox running and its env (eval "$(bash scripts/asterisk-sandbox.sh env)"), root (the Queue() side
// restarts the sandbox with a bench-only overlay; the end restores its normal configuration) and sipp.
// Settings: BENCH_AGENTS (40) BENCH_WAITING (200) BENCH_SUSTAIN_S (90, per side) BENCH_TALK_S (4)
// BENCH_PICKUP_MS (300) BENCH_VIP_PERCENT (10) BENCH_IMPATIENT_PERCENT (5) BENCH_PATIENCE_S (20) BENCH_RATE
// (calls placed per second while filling, 40) BENCH_SIDES (switchboard,asterisk) AMI_PORT (5038 + ARI_PORT - 8088)
// BENCH_DUMP_DIR (unset: where to keep the AMI events and queue_calls rows of the run).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AriProbeClient, requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { seededWorkspace, startRuntimeProcess } from '#tests/e2e/testing/runtime-process.ts';
import { freeUdpPort } from '#tests/sipp/sipp.ts';
import { AmiEvents, callsFromAmi, nativeQueueOverlay } from './queue-asterisk.ts';
import { LoadDir, registerAccounts, startAgents, startCallers, type CallerMix } from './queue-load.ts';
import {
  AGENT_PASSWORD,
  createAgents,
  queuedCallsSince,
  setUpCallCentre,
  waitingInQueue,
} from './queue-switchboard.ts';
import {
  answeredPerSecond,
  checkOrder,
  countOutcomes,
  freeToRing,
  waitingOver,
  waitsByPriority,
  type QueuedCall,
} from './queue-metrics.ts';

const settings = requireAriSettings();
const probe = new AriProbeClient(settings);
const projectDir = path.resolve(import.meta.dirname, '../..');
const sandboxScript = path.join(projectDir, 'scripts/asterisk-sandbox.sh');
const astRoot = process.env.AST_ROOT ?? '/opt/asterisk-sid';
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;

function wholeNumber(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name}="${raw}" must be a whole number >= ${min}`);
  return value;
}

const AGENTS = wholeNumber('BENCH_AGENTS', 40);
const WAITING = wholeNumber('BENCH_WAITING', 200);
const SUSTAIN_S = wholeNumber('BENCH_SUSTAIN_S', 90);
const TALK_S = wholeNumber('BENCH_TALK_S', 4);
const PICKUP_MS = wholeNumber('BENCH_PICKUP_MS', 300, 0);
const VIP_PERCENT = wholeNumber('BENCH_VIP_PERCENT', 10, 0);
const IMPATIENT_PERCENT = wholeNumber('BENCH_IMPATIENT_PERCENT', 5, 0);
const PATIENCE_S = wholeNumber('BENCH_PATIENCE_S', 20);
const RATE = wholeNumber('BENCH_RATE', 40);
const AMI_PORT = wholeNumber('AMI_PORT', 5038 + Number(process.env.ARI_PORT ?? 8088) - 8088);
const SIDES = (process.env.BENCH_SIDES ?? 'switchboard,asterisk').split(',').map((side) => side.trim());
for (const side of SIDES)
  if (side !== 'switchboard' && side !== 'asterisk') throw new Error(`BENCH_SIDES: unknown side "${side}"`);

export const NORMAL_NUMBER = '7200';
export const VIP_NUMBER = '7201';
export const VIP_PRIORITY = 10;
const AGENT_RING_SECONDS = 15;
const TARGET_P99_MS = 50;
/** Out-of-order rings this close to the skipped caller's own ring are put down to one burst (see checkOrder). */
const TOGETHER_MS = 100;

const mix: CallerMix = {
  normalNumber: NORMAL_NUMBER,
  vipNumber: VIP_NUMBER,
  vipShare: VIP_PERCENT / 100,
  impatientShare: IMPATIENT_PERCENT / 100,
  patienceMs: PATIENCE_S * 1000,
};

// ---------- measuring processes ----------

const TICKS_PER_SECOND = 100; // Linux USER_HZ
const cpuTicks = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};
const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const asteriskPid = (): number => Number(readFileSync(path.join(astRoot, 'run/asterisk/asterisk.pid'), 'utf8').trim());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Usage {
  /** % of one core over the sustained window. */
  cpuPercent: number;
  /** % of one core before the load (idle). */
  idleCpuPercent: number;
  idleRssMb: number;
  /** Mean RSS over the sustained window. */
  loadRssMb: number;
  /** Once the queue drained and every call ended. */
  afterRssMb: number;
}

/** Samples processes: idle(seconds) first, then start() ... stop() around the sustained window. */
class UsageMeter {
  private idle = new Map<number, { cpu: number; rss: number }>();
  private start = new Map<number, number>();
  private rss = new Map<number, number[]>();
  private startedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly pids: number[]) {}

  async measureIdle(seconds: number): Promise<void> {
    const ticks = this.pids.map(cpuTicks);
    await sleep(seconds * 1000);
    this.pids.forEach((pid, index) =>
      this.idle.set(pid, {
        cpu: ((cpuTicks(pid) - ticks[index]!) / TICKS_PER_SECOND / seconds) * 100,
        rss: rssMb(pid),
      }),
    );
  }

  begin(): void {
    this.startedAt = Date.now();
    for (const pid of this.pids) {
      this.start.set(pid, cpuTicks(pid));
      this.rss.set(pid, [rssMb(pid)]);
    }
    this.timer = setInterval(() => {
      for (const pid of this.pids) this.rss.get(pid)!.push(rssMb(pid));
    }, 1_000);
  }

  end(): Map<number, Usage> {
    if (this.timer) clearInterval(this.timer);
    const seconds = (Date.now() - this.startedAt) / 1000;
    return new Map(
      this.pids.map((pid) => {
        const samples = this.rss.get(pid)!;
        return [
          pid,
          {
            cpuPercent: ((cpuTicks(pid) - this.start.get(pid)!) / TICKS_PER_SECOND / seconds) * 100,
            idleCpuPercent: this.idle.get(pid)?.cpu ?? NaN,
            idleRssMb: this.idle.get(pid)?.rss ?? NaN,
            loadRssMb: samples.reduce((sum, value) => sum + value, 0) / samples.length,
            afterRssMb: NaN,
          },
        ];
      }),
    );
  }
}

// ---------- one side's load ----------

interface SideRun {
  label: string;
  placed: number;
  sippFailed: number;
  loadStartedAt: number;
  windowFrom: number;
  windowTo: number;
  asterisk: Usage;
  runtime: Usage | null;
  calls: QueuedCall[];
}

interface SideHooks {
  label: string;
  runtimePid: number | null;
  /** Agents' accounts to register from the agents' port first (Switchboard's people); none for static contacts. */
  register: { username: string; password: string }[];
  agentPort: number;
  /** Callers waiting now, for the progress lines. */
  waitingNow(): number;
  /** Every queued call of the run, once it is over. */
  collect(loadStartedAt: number): Promise<QueuedCall[]>;
}

function progress(label: string, startedAt: number, text: string) {
  console.log(`  [${label} +${Math.round((Date.now() - startedAt) / 1000)} s] ${text}`);
}

async function runSide(hooks: SideHooks): Promise<SideRun> {
  const dir = new LoadDir();
  try {
    if (hooks.register.length > 0) await registerAccounts(dir, sipTarget, hooks.agentPort, hooks.register);
    const agents = startAgents(dir, {
      port: hooks.agentPort,
      mediaPort: await freeUdpPort(),
      pickupMs: PICKUP_MS,
      talkMs: TALK_S * 1000,
    });
    try {
      const pids = [asteriskPid(), ...(hooks.runtimePid === null ? [] : [hooks.runtimePid])];
      const meter = new UsageMeter(pids);
      await meter.measureIdle(3);
      const loadStartedAt = Date.now();
      const fillSeconds = Math.ceil((WAITING + AGENTS) / RATE) + 5;
      const callers = await startCallers(
        dir,
        {
          sipTarget,
          limit: WAITING + AGENTS,
          rate: RATE,
          mix,
          timeoutSeconds: fillSeconds + SUSTAIN_S + 300,
        },
        { port: await freeUdpPort(), mediaPort: await freeUdpPort() },
      );
      let callersDone = false;
      const stats = callers.done.finally(() => (callersDone = true));
      const ticker = setInterval(
        () => progress(hooks.label, loadStartedAt, `${hooks.waitingNow()} callers in the queue`),
        15_000,
      );
      try {
        await sleep(fillSeconds * 1000);
        if (callersDone) throw new Error(`the callers' sipp ended early: ${JSON.stringify(await stats)}`);
        meter.begin();
        const windowFrom = Date.now();
        progress(
          hooks.label,
          loadStartedAt,
          `sustained window starts (${SUSTAIN_S} s), ${hooks.waitingNow()} in the queue`,
        );
        await sleep(SUSTAIN_S * 1000);
        const usage = meter.end();
        const windowTo = Date.now();
        callers.stopPlacing();
        progress(hooks.label, loadStartedAt, `no new calls; draining ${hooks.waitingNow()} waiting callers`);
        const sipp = await stats;
        progress(hooks.label, loadStartedAt, `callers done: ${sipp.created} placed, ${sipp.failed} failed (sipp)`);
        // The last records close a moment after the last BYE.
        await sleep(2_000);
        for (const [pid, figures] of usage) figures.afterRssMb = rssMb(pid);
        const calls = await hooks.collect(loadStartedAt);
        return {
          label: hooks.label,
          placed: sipp.created,
          sippFailed: sipp.failed,
          loadStartedAt,
          windowFrom,
          windowTo,
          asterisk: usage.get(pids[0]!)!,
          runtime: hooks.runtimePid === null ? null : usage.get(hooks.runtimePid)!,
          calls,
        };
      } finally {
        clearInterval(ticker);
        callers.stopPlacing();
      }
    } finally {
      await agents.stop();
      if (hooks.register.length > 0)
        await registerAccounts(dir, sipTarget, hooks.agentPort, hooks.register, { unregister: true }).catch(
          (error: unknown) => console.log(`could not unregister the agents: ${String(error)}`),
        );
      await waitUntil(async () => (await probe.channelIds()).length === 0, 30_000, 'every call gone').catch(() =>
        probe.clearAll().catch(() => {}),
      );
    }
  } finally {
    dir.remove();
  }
}

// ---------- the sandbox ----------

function sandbox(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [sandboxScript, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`asterisk-sandbox.sh ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** BENCH_DUMP_DIR: keep the raw material (AMI events, queue_calls rows) there, to look into a surprising figure. */
function dump(name: string, data: unknown): void {
  const dir = process.env.BENCH_DUMP_DIR!;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), JSON.stringify(data, null, 1));
}

const benchOverlayActive = () => existsSync(path.join(astRoot, 'etc/asterisk/queues.conf'));

// ---------- Asterisk's Queue() ----------

async function nativeSide(): Promise<SideRun> {
  const agents = Array.from({ length: AGENTS }, (_, index) => `qagent${String(index + 1).padStart(2, '0')}`);
  const agentPort = await freeUdpPort();
  const overlay = nativeQueueOverlay(astRoot, {
    agents,
    agentContact: `127.0.0.1:${agentPort}`,
    normalNumber: NORMAL_NUMBER,
    vipNumber: VIP_NUMBER,
    vipPriority: VIP_PRIORITY,
    amiPort: AMI_PORT,
    agentRingSeconds: AGENT_RING_SECONDS,
  });
  try {
    await sandbox('restart', overlay);
  } finally {
    rmSync(overlay, { recursive: true, force: true });
  }
  const ami = new AmiEvents();
  await ami.connect(AMI_PORT);
  try {
    return await runSide({
      label: 'Queue()',
      runtimePid: null,
      register: [],
      agentPort,
      waitingNow: () => {
        let waiting = 0;
        for (const event of ami.events)
          if (event.Event === 'QueueCallerJoin') waiting += 1;
          else if (event.Event === 'QueueCallerLeave') waiting -= 1;
        return waiting;
      },
      collect: async (loadStartedAt) => {
        if (process.env.BENCH_DUMP_DIR) dump('queue-ami-events.json', ami.events);
        return callsFromAmi(ami.events, {
          queue: 'bench',
          vipNumber: VIP_NUMBER,
          vipPriority: VIP_PRIORITY,
          loadStartedAt,
        });
      },
    });
  } finally {
    ami.close();
  }
}

// ---------- Switchboard ----------

const DEPARTMENT = 'Bench';

async function switchboardSide(): Promise<SideRun> {
  const workspace = await seededWorkspace();
  try {
    const agents = await createAgents(workspace.db, AGENTS);
    await setUpCallCentre(workspace.db, createPromptStore({ PROMPTS_DIR: workspace.promptsDir }), {
      department: DEPARTMENT,
      agents,
      agentRingSeconds: AGENT_RING_SECONDS,
      numbers: [
        { number: NORMAL_NUMBER, priority: 0 },
        { number: VIP_NUMBER, priority: VIP_PRIORITY },
      ],
    });
    const runtime = await startRuntimeProcess(workspace, settings, { logLevel: 'warn' });
    try {
      return await runSide({
        label: 'Switchboard',
        runtimePid: runtime.pid,
        register: agents.map((agent) => ({ username: agent.username, password: AGENT_PASSWORD })),
        agentPort: await freeUdpPort(),
        waitingNow: () => waitingInQueue(workspace.db, DEPARTMENT),
        collect: async (loadStartedAt) => {
          const calls = queuedCallsSince(workspace.db, DEPARTMENT, loadStartedAt, AGENT_RING_SECONDS * 1000);
          if (process.env.BENCH_DUMP_DIR)
            dump(
              'queue-calls.json',
              workspace.db.sqlite.prepare('SELECT * FROM queue_calls WHERE entered_at >= ?').all(loadStartedAt),
            );
          return calls;
        },
      });
    } finally {
      const code = await runtime.stop();
      if (code !== 0) console.log(`runtime exited with ${code}:\n${runtime.output().slice(-3000)}`);
    }
  } finally {
    workspace.remove();
  }
}

// ---------- the report ----------

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

interface SideFigures {
  run: SideRun;
  outcomes: ReturnType<typeof countOutcomes>;
  waiting: { mean: number; max: number };
  answeredPerSecond: number;
  freeToRing: ReturnType<typeof freeToRing>;
  order: ReturnType<typeof checkOrder>;
  waits: ReturnType<typeof waitsByPriority>;
}

function figures(run: SideRun): SideFigures {
  return {
    run,
    outcomes: countOutcomes(run.calls, run.placed),
    waiting: waitingOver(run.calls, run.windowFrom, run.windowTo),
    answeredPerSecond: answeredPerSecond(run.calls, run.windowFrom, run.windowTo),
    freeToRing: freeToRing(run.calls),
    order: checkOrder(run.calls, { togetherMs: TOGETHER_MS }),
    waits: waitsByPriority(run.calls),
  };
}

const rssCell = (usage: Usage) => `${fixed(usage.idleRssMb)} / ${fixed(usage.loadRssMb)} / ${fixed(usage.afterRssMb)}`;

function report(sides: SideFigures[]): boolean {
  const rows: [string, (side: SideFigures) => string][] = [
    ['calls placed (sipp)', (s) => String(s.outcomes.placed)],
    ['  reached the queue', (s) => String(s.outcomes.queued)],
    ['  answered', (s) => String(s.outcomes.answered)],
    ['  abandoned', (s) => String(s.outcomes.abandoned)],
    ['  failed (sipp-counted failures)', (s) => `${s.outcomes.failed} (${s.run.sippFailed})`],
    ['waiting callers, sustained window: mean / max', (s) => `${fixed(s.waiting.mean)} / ${s.waiting.max}`],
    [
      'answered per second, sustained window (agent cycle, s)',
      (s) => `${fixed(s.answeredPerSecond, 2)} (${fixed(AGENTS / s.answeredPerSecond, 2)})`,
    ],
    [
      'agent free -> ringing p50 / p99 / max (ms)',
      (s) => `${fixed(s.freeToRing.p50, 0)} / ${fixed(s.freeToRing.p99, 0)} / ${fixed(s.freeToRing.max, 0)}`,
    ],
    ['  rings measured (unknown)', (s) => `${s.freeToRing.samples} (${s.freeToRing.unknown})`],
    ['priority + FIFO order, every ring', (s) => `${fixed(s.order.percent, 2)} % of ${s.order.offersChecked}`],
    [
      `  out of order: rung < ${TOGETHER_MS} ms apart / came after agent free / passed over`,
      (s) => `${s.order.causes.rungTogether} / ${s.order.causes.arrivedAfterFree} / ${s.order.causes.passedOver}`,
    ],
    ...[VIP_PRIORITY, 0].map((priority): [string, (side: SideFigures) => string] => [
      `wait until answered, priority ${priority}: p50 / p99 (s)`,
      (s) => {
        const waits = s.waits.get(priority);
        return waits ? `${fixed(waits.p50 / 1000)} / ${fixed(waits.p99 / 1000)}` : '-';
      },
    ]),
    [
      'Asterisk CPU, % of a core (idle)',
      (s) => `${fixed(s.run.asterisk.cpuPercent)} (${fixed(s.run.asterisk.idleCpuPercent)})`,
    ],
    ['Asterisk RSS MB: idle / load mean / after', (s) => rssCell(s.run.asterisk)],
    [
      'runtime CPU, % of a core (idle)',
      (s) => (s.run.runtime ? `${fixed(s.run.runtime.cpuPercent)} (${fixed(s.run.runtime.idleCpuPercent)})` : '-'),
    ],
    ['runtime RSS MB: idle / load mean / after', (s) => (s.run.runtime ? rssCell(s.run.runtime) : '-')],
    [
      'queueing process CPU per waiting caller (%)',
      (s) => {
        const usage = s.run.runtime ?? s.run.asterisk;
        return fixed((usage.cpuPercent - usage.idleCpuPercent) / s.waiting.mean, 3);
      },
    ],
    [
      'queueing process RSS growth per waiting caller (kB)',
      (s) => {
        const usage = s.run.runtime ?? s.run.asterisk;
        const baseline = Math.min(usage.idleRssMb, usage.afterRssMb);
        return fixed(((usage.loadRssMb - baseline) * 1024) / s.waiting.mean, 0);
      },
    ],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const columns = sides.map((side) => side.run.label);
  const cells = rows.map(([, cell]) => sides.map(cell));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((row) => row[index]!.length)));
  console.log(
    `\n${''.padEnd(labelWidth)} | ${columns.map((column, index) => column.padStart(widths[index]!)).join(' | ')}`,
  );
  console.log(`${'-'.repeat(labelWidth)}-+-${widths.map((width) => '-'.repeat(width)).join('-+-')}`);
  rows.forEach(([label], rowIndex) =>
    console.log(
      `${label.padEnd(labelWidth)} | ${cells[rowIndex]!.map((cell, index) => cell.padStart(widths[index]!)).join(' | ')}`,
    ),
  );
  console.log(
    '\n"queueing process" = the runtime for Switchboard, Asterisk for Queue(). Per waiting caller: CPU (load - idle), RSS\n' +
      '(load mean - the lower of idle and after: V8 may give memory back under load), over the mean number waiting.',
  );
  for (const side of sides)
    for (const violation of side.order.violations)
      console.log(
        `  ${side.run.label} order: at ${new Date(violation.at).toISOString()} rang ${JSON.stringify(violation.offered)} while ${JSON.stringify(violation.skipped)} waited`,
      );

  let pass = true;
  console.log('\ntargets');
  for (const side of sides) {
    // Nothing measured passes nothing.
    const latency = side.freeToRing.samples > 0 && side.freeToRing.p99 < TARGET_P99_MS;
    const order = side.order.offersChecked > 0 && side.order.percent === 100;
    console.log(
      `  ${side.run.label}: free->ring p99 ${fixed(side.freeToRing.p99, 0)} ms < ${TARGET_P99_MS} ms: ${latency ? 'PASS' : 'FAIL'}; ` +
        `order ${fixed(side.order.percent, 2)} % = 100 %: ${order ? 'PASS' : 'FAIL'}` +
        (side.run.label === 'Switchboard' ? '' : ' (for comparison)'),
    );
    if (side.run.label === 'Switchboard') pass = latency && order;
  }
  return pass;
}

// ---------- main ----------

async function main() {
  const rtpPairs = Math.floor((Number(process.env.RTP_END ?? 10999) - Number(process.env.RTP_START ?? 10000) + 1) / 2);
  if (WAITING + 2 * AGENTS > rtpPairs)
    console.log(`warning: ${WAITING + 2 * AGENTS} calls need more than the sandbox's ${rtpPairs} RTP port pairs`);
  console.log(
    `bench:queue on ${settings.url}, SIP ${sipTarget}: ${WAITING} waiting, ${AGENTS} agents (talk ${TALK_S} s, pick-up ${PICKUP_MS} ms), ` +
      `${VIP_PERCENT} % VIP (priority ${VIP_PRIORITY}), ${IMPATIENT_PERCENT} % hang up after ${PATIENCE_S} s, ${SUSTAIN_S} s sustained per side; ` +
      `strategy longest-idle / leastrecent`,
  );
  if (benchOverlayActive()) await sandbox('restart'); // an earlier run stopped half-way
  const results: SideFigures[] = [];
  try {
    if (SIDES.includes('switchboard')) results.push(figures(await switchboardSide()));
    if (SIDES.includes('asterisk')) results.push(figures(await nativeSide()));
  } finally {
    if (benchOverlayActive())
      await sandbox('restart').catch((error: unknown) =>
        console.error(`could not restore the sandbox: ${String(error)}`),
      );
  }
  process.exitCode = report(results) ? 0 : 1;
}

await main();
