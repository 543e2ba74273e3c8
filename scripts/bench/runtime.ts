// `npm run bench:runtime` (issue 15): in one run on the sandbox Asterisk, the same call shape against three systems
// side by side — native dialplan, the Switchboard runtime, and a minimal hand-written ARI app (minimal-ari-app.ts) —
// under sustained load. Read docs/runtime-benchmark.md for what it measures and how to run it.
//
// The call (tests/sipp/bench-menu-key2.xml, number 6093): welcome, menu with barge-in, key 2 pressed 9 s after the
// answer, a short prompt, hang-up by the far side. For each level N, calls arrive at N per call duration for
// BENCH_SECONDS with at most N at once (sipp -r/-rp/-l/-m), then drain. Each system stops at its first level with a
// failed call. Asterisk is restarted before each system with a wide RTP range (the calls need a port pair each), and
// restarted with its normal configuration at the end.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFlow } from '#db/flows.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { readWavInfo } from '#runtime/audio/wav.ts';
import { AriProbeClient, requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { seededWorkspace, startRuntimeProcess, type RuntimeWorkspace } from '#tests/e2e/testing/runtime-process.ts';
import { describeProfile, readProfile, summarizeProfile } from './cpu-profile-summary.ts';
import { startMinimalApp } from './minimal-app-process.ts';
import { nativeOverlay, removeNativeSounds, type BenchPromptName } from './native-menu.ts';
import { measured, openFilesLimit, rssMb } from './process-usage.ts';
import { checkRecords } from './runtime-records.ts';
import { distribution, minus, parseLevels, pcapDurationMs, sustainedLoad } from './runtime-bench-metrics.ts';
import {
  describeGoals,
  describeLevel,
  goalChecks,
  held,
  sideBySideTable,
  SYSTEM_LABELS,
  SYSTEMS,
  type LevelResult,
  type SystemName,
} from './runtime-bench-report.ts';
import { RAISE_OPEN_FILES, runSustainedSipp } from './sipp-sustained.ts';

const settings = requireAriSettings();
const probe = new AriProbeClient(settings);
const projectDir = path.resolve(import.meta.dirname, '../..');
const sandboxScript = path.join(projectDir, 'scripts/asterisk-sandbox.sh');
const astRoot = process.env.AST_ROOT ?? '/opt/asterisk-sid';
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}="${raw}" must be a positive whole number`);
  return value;
}

const LEVELS = parseLevels(process.env.BENCH_LEVELS || '200,400,600,800,1000,1200,1500,2000');
const SECONDS = positiveInt('BENCH_SECONDS', 60);
const PROFILE = (process.env.BENCH_PROFILE ?? '1') !== '0';
const RUN_SYSTEMS = (process.env.BENCH_SYSTEMS || SYSTEMS.join(','))
  .split(',')
  .map((name) => name.trim()) as SystemName[];
if (RUN_SYSTEMS.some((name) => !SYSTEMS.includes(name)))
  throw new Error(`BENCH_SYSTEMS must list some of ${SYSTEMS.join(', ')}`);
const BENCH_RTP = { start: positiveInt('BENCH_RTP_START', 20000), end: positiveInt('BENCH_RTP_END', 29999) };
const OUT = path.resolve(
  process.env.BENCH_OUT || path.join(projectDir, 'bench-results', `runtime-${new Date().toISOString()}`),
);

/** Native last: its overlay is built on the extensions.conf the previous restart generated. */
const RUN_ORDER: readonly SystemName[] = ['runtime', 'minimal', 'native'];

const BENCH_NUMBER = '6093';
/** The scenario's pause between its ACK and the key (tests/sipp/bench-menu-key2.xml). */
// Late in the menu, as a caller who listens to most of it: calls last ~10 s, so N calls at once arrive at N/10 per
// second — the bench measures calls held, not only call set-ups per second (tests/sipp/bench-menu-key2.xml's pause).
const KEY_AT_MS = 9000;
const KEY_PCAP = '/usr/share/sip-tester/dtmf_2833_2.pcap';
const TEXTS: Record<BenchPromptName, string> = {
  welcome: 'Bonjour, et bienvenue à la plateforme',
  menu: 'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.',
  key2: 'RH, au revoir.',
};

// ---------- the report: printed as it goes, written to report.md ----------

const reportLines: string[] = [];
function say(...lines: string[]) {
  for (const line of lines) {
    console.log(line);
    reportLines.push(line);
  }
}

// ---------- the sandbox ----------

/** asterisk-sandbox.sh with the open-files limit raised and, for the bench, the wide RTP range. */
function sandbox(args: string[], rtp?: { start: number; end: number }): Promise<void> {
  const env = rtp ? { ...process.env, RTP_START: String(rtp.start), RTP_END: String(rtp.end) } : process.env;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${RAISE_OPEN_FILES}; exec bash "$0" "$@"`, sandboxScript, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`asterisk-sandbox.sh ${args.join(' ')} exited with ${code}`)),
    );
  });
}

const asteriskPid = (): number => Number(readFileSync(path.join(astRoot, 'run/asterisk/asterisk.pid'), 'utf8').trim());

async function waitForNoChannels(): Promise<void> {
  await waitUntil(async () => (await probe.channelIds()).length === 0, 60_000, 'no channel left').catch(() =>
    probe.clearAll(),
  );
}

// ---------- the systems ----------

interface AppUnderTest {
  pid: number | null;
  /** Cumulative ARI requests and events since the app started; null when it does not say. */
  ariTraffic(): Promise<{ requests: number; events: number } | null>;
  /** Calls sipp counted as good that the app's own records fail (runtime only). */
  recordFailures?(since: number, calls: number): Promise<{ failed: number; note: string }>;
  output(): string;
  stop(): Promise<void>;
}

interface BenchSetup {
  workspace: RuntimeWorkspace;
  prompts: Record<BenchPromptName, string>;
  floorMs: number;
  callMs: number;
}

/** The runtime's GET /health; `ariTraffic` is read only if this build reports it. */
function trafficOf(health: unknown): { requests: number; events: number } | null {
  const traffic = (health as { ariTraffic?: { requests?: unknown; events?: unknown } }).ariTraffic;
  return typeof traffic?.requests === 'number' && typeof traffic.events === 'number'
    ? { requests: traffic.requests, events: traffic.events }
    : null;
}

// Node 20 refuses --cpu-prof in NODE_OPTIONS; this preload does the same through the inspector (see the file).
const PROFILE_PRELOAD = pathToFileURL(path.join(import.meta.dirname, 'cpu-profile-preload.mjs')).href;
const profileEnv = (system: SystemName): Record<string, string> =>
  PROFILE
    ? {
        NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import ${PROFILE_PRELOAD}`].filter(Boolean).join(' '),
        BENCH_CPU_PROFILE_DIR: path.join(OUT, 'profiles', system),
        BENCH_CPU_PROFILE_START: 'signal', // runSystem starts it once the app is up and warm
      }
    : {};

async function startApp(system: SystemName, setup: BenchSetup): Promise<AppUnderTest> {
  if (system === 'native') {
    return { pid: null, ariTraffic: async () => null, output: () => '', stop: async () => {} };
  }
  if (system === 'runtime') {
    const runtime = await startRuntimeProcess(setup.workspace, settings, { logLevel: 'warn', env: profileEnv(system) });
    return {
      pid: runtime.pid,
      ariTraffic: async () => trafficOf(await runtime.health()),
      async recordFailures(since, calls) {
        const check = () => checkRecords(setup.workspace.db, BENCH_NUMBER, since, TEXTS.key2);
        // Records close a moment after the BYE; give the last ones time to land.
        await waitUntil(() => check().closed >= calls, 15_000, 'records closed').catch(() => {});
        const records = check();
        return {
          failed: calls - records.ok,
          note: `records: ${records.records} written, ${records.closed} closed, ${records.ok} with key 2 taken and the short prompt finished`,
        };
      },
      output: runtime.output,
      async stop() {
        const code = await runtime.stop();
        if (code !== 0) say(`runtime exited with ${code}:`, runtime.output().slice(-3000));
      },
    };
  }
  const app = await startMinimalApp(settings, setup.prompts, { env: profileEnv(system) });
  return {
    pid: app.pid,
    ariTraffic: async () => {
      const stats = await app.stats();
      return { requests: stats.requests, events: stats.events };
    },
    output: app.output,
    async stop() {
      const code = await app.stop();
      if (code !== 0) say(`minimal app exited with ${code}:`, app.output().slice(-3000));
    },
  };
}

async function runLevel(system: SystemName, level: number, app: AppUnderTest, setup: BenchSetup) {
  await waitForNoChannels();
  const load = sustainedLoad(level, SECONDS, setup.callMs);
  const before = await app.ariTraffic();
  const since = Date.now();
  const [sipp, [asterisk, appUsage]] = await measured([asteriskPid(), app.pid], () =>
    runSustainedSipp({
      target: sipTarget,
      number: BENCH_NUMBER,
      concurrent: level,
      load,
      timeoutSeconds: SECONDS + 120,
      keepRttAs: path.join(OUT, `${system}-${level}-rtt.csv`),
    }),
  );
  const seconds = Math.round((Date.now() - since) / 100) / 10;
  const after = await app.ariTraffic();
  const total = Math.max(load.totalCalls, sipp.successful + sipp.failed);
  let failed = Math.max(sipp.failed, total - sipp.successful);
  let note: string | undefined;
  if (app.recordFailures) {
    const records = await app.recordFailures(since, total);
    failed = Math.max(failed, records.failed);
    note = records.note;
  }
  const result: LevelResult = {
    system,
    level,
    total,
    failed,
    inviteTo200: distribution(sipp.inviteTo200),
    dtmfToBye: distribution(sipp.dtmfToBye),
    nextPrompt: distribution(minus(sipp.dtmfToBye, setup.floorMs)),
    asterisk: asterisk ?? null,
    app: appUsage ?? null,
    ariPerCall:
      before && after
        ? { requests: (after.requests - before.requests) / total, events: (after.events - before.events) / total }
        : null,
    seconds,
    note,
  };
  return result;
}

/** One system: Asterisk restarted, the app started, a warm-up call, then the levels up to the first failing one. */
async function runSystem(system: SystemName, setup: BenchSetup, results: LevelResult[]): Promise<number | null> {
  say('', `## ${SYSTEM_LABELS[system]}`);
  let overlay: string | undefined;
  if (system === 'native') overlay = nativeOverlay(astRoot, BENCH_NUMBER, setup.prompts);
  try {
    await sandbox(overlay ? ['restart', overlay] : ['restart'], BENCH_RTP);
  } finally {
    if (overlay) rmSync(overlay, { recursive: true, force: true });
  }
  say(`Asterisk pid ${asteriskPid()}: open files limit ${openFilesLimit(asteriskPid())}`);
  const app = await startApp(system, setup);
  let restRss: number | null = null;
  try {
    // One call first: Asterisk fetches and caches the prompts, the app loads what a call needs.
    const warmup = await runSustainedSipp({
      target: sipTarget,
      number: BENCH_NUMBER,
      concurrent: 1,
      load: { callsPerPeriod: 1, periodMs: 1000, totalCalls: 1 },
      timeoutSeconds: 60,
    });
    if (warmup.successful !== 1) throw new Error(`the warm-up call failed:\n${app.output().slice(-3000)}`);
    if (app.pid !== null) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      restRss = rssMb(app.pid);
      say(`app pid ${app.pid}: RSS at rest ${restRss} MB`);
      if (PROFILE) process.kill(app.pid, 'SIGUSR2'); // its CPU profile covers the levels, not the start-up
    }
    for (const level of LEVELS) {
      const result = await runLevel(system, level, app, setup);
      results.push(result);
      say(...describeLevel(result));
      writeFileSync(path.join(OUT, `${system}-${level}.json`), JSON.stringify(result, null, 2) + '\n');
      if (!held(result)) break;
    }
  } finally {
    await app.stop();
  }
  return restRss;
}

// ---------- set-up ----------

/** A seeded workspace with the bench flow published on its own number, and the prompts as WAV files. */
async function prepare(): Promise<BenchSetup> {
  const workspace = await seededWorkspace();
  const store = createPromptStore({ PROMPTS_DIR: workspace.promptsDir });
  const document = flowDocumentSchema.parse(
    JSON.parse(readFileSync(path.join(import.meta.dirname, 'bench-menu-6093.json'), 'utf8')),
  );
  const { flowId } = createFlow(workspace.db, { document, author: 'bench' });
  await publishFlow(workspace.db, { flowId, author: 'bench', comment: 'bench:runtime' }, store);
  const prompts = {} as Record<BenchPromptName, string>;
  for (const [name, text] of Object.entries(TEXTS) as [BenchPromptName, string][])
    prompts[name] = (await store.ensure({ text, language: 'fr-FR' })).path;
  const lengthOf = (name: BenchPromptName) => readWavInfo(readFileSync(prompts[name]), name).durationMs;
  const keyMs = pcapDurationMs(readFileSync(KEY_PCAP));
  const floorMs = keyMs + lengthOf('key2');
  if (lengthOf('welcome') > KEY_AT_MS - 1000 || lengthOf('welcome') + lengthOf('menu') < KEY_AT_MS + 500)
    throw new Error(
      `the welcome lasts ${lengthOf('welcome')} ms and the menu ${lengthOf('menu')} ms: the key at ${KEY_AT_MS} ms would not fall in the menu`,
    );
  // Answer, key, short prompt and a margin for the hang-up: how long a call holds its place.
  const callMs = KEY_AT_MS + floorMs + 300;
  say(
    `prompts: welcome ${lengthOf('welcome')} ms, menu ${lengthOf('menu')} ms, short prompt ${lengthOf('key2')} ms; ` +
      `key 2 lasts ${keyMs} ms (${path.basename(KEY_PCAP)}), pressed ${KEY_AT_MS} ms after the answer`,
    `floor of DTMF→BYE = key + short prompt = ${floorMs} ms; DTMF→next prompt = DTMF→BYE − ${floorMs} ms ` +
      `(so it includes the hang-up after the prompt)`,
    `a call lasts about ${callMs} ms: level N = N calls per ${callMs} ms for ${SECONDS} s, at most N at once`,
  );
  return { workspace, prompts, floorMs, callMs };
}

function checkRoom() {
  const pairs = Math.floor((BENCH_RTP.end - BENCH_RTP.start + 1) / 2);
  const maxLevel = LEVELS.at(-1)!;
  say(`RTP ${BENCH_RTP.start}-${BENCH_RTP.end} for the bench: ${pairs} port pairs (one per call)`);
  if (maxLevel > pairs) say(`warning: level ${maxLevel} needs more RTP port pairs (set BENCH_RTP_START/BENCH_RTP_END)`);
  say(
    `open files: the bench raises the soft limit to the hard one (ulimit -n ${readFileSync('/proc/self/limits', 'utf8').match(/Max open files\s+\d+\s+(\d+)/)?.[1] ?? '?'}) for Asterisk and sipp; ` +
      `each call holds a few descriptors in each (RTP sockets, timers, files)`,
  );
}

function printProfiles() {
  if (!PROFILE) return;
  for (const system of ['runtime', 'minimal'] as const) {
    const dir = path.join(OUT, 'profiles', system);
    const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')) : [];
    if (!RUN_SYSTEMS.includes(system)) continue;
    if (files.length === 0) {
      say('', `no CPU profile was written for the ${SYSTEM_LABELS[system]} (${dir})`);
      continue;
    }
    // One file per process; the app's own is the largest (a child it spawned would be small).
    const largest = files
      .map((name) => path.join(dir, name))
      .sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
    say(
      '',
      '```',
      ...describeProfile(
        `CPU profile of the ${SYSTEM_LABELS[system]} (${path.relative(OUT, largest)})`,
        summarizeProfile(readProfile(largest), projectDir),
      ),
      '```',
    );
  }
}

// ---------- main ----------

async function main() {
  mkdirSync(OUT, { recursive: true });
  say(
    `# bench:runtime — ${new Date().toISOString()}`,
    '',
    `levels ${LEVELS.join(', ')} concurrent calls, ${SECONDS} s each; run order ${RUN_ORDER.filter((system) => RUN_SYSTEMS.includes(system)).join(', ')}; sipp -> ${sipTarget}; output ${OUT}`,
  );
  checkRoom();
  const setup = await prepare();
  const results: LevelResult[] = [];
  const restRss: Partial<Record<SystemName, number | null>> = {};
  try {
    for (const system of RUN_ORDER) {
      if (!RUN_SYSTEMS.includes(system)) continue;
      // A system that cannot run (its warm-up call failed...) is reported; the others still run.
      restRss[system] = await runSystem(system, setup, results).catch((error: unknown) => {
        say(`${SYSTEM_LABELS[system]} could not run: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
    }
  } finally {
    await sandbox(['restart']).catch((error: unknown) => say(`could not restore the sandbox: ${String(error)}`));
    removeNativeSounds(astRoot);
    setup.workspace.remove();
    writeFileSync(
      path.join(OUT, 'results.json'),
      JSON.stringify({ levels: LEVELS, seconds: SECONDS, restRssMb: restRss, results }, null, 2) + '\n',
    );
  }

  say('', '## Side by side', '', sideBySideTable(results, LEVELS), '');
  const atRest = (system: SystemName) => (restRss[system] == null ? 'n/a' : `${restRss[system]} MB`);
  say(
    `RSS at rest (after start-up and one call): runtime ${atRest('runtime')}, minimal app ${atRest('minimal')}.`,
    'DTMF→next prompt = DTMF→BYE minus the key and the short prompt; CPU is % of one core averaged over the level, RSS its peak.',
  );
  say(
    '',
    '## Goals (issue 15)',
    '',
    ...describeGoals(goalChecks({ results, runtimeRestRssMb: restRss.runtime ?? null, maxLevel: LEVELS.at(-1)! })),
  );
  printProfiles();
  writeFileSync(path.join(OUT, 'report.md'), reportLines.join('\n') + '\n');
  console.log(`\nreport, raw results and profiles in ${OUT}`);
}

await main();
