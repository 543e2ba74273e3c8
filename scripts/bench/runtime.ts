// `npm run bench:runtime`: how many concurrent calls the runtime holds on the sandbox Asterisk, compared with the
// same 6003 menu written as native dialplan.
//
// Each call is a real SIP call from sipp (tests/sipp/bench-6003.xml, the sandbox endpoint "sipp"): it waits for the
// welcome, presses 9 during the menu, listens to "Option non valide." and hangs up. First the runtime (a child
// process, `node --import tsx server/runtime-main.ts`, on a fresh seeded database) at BENCH_CALLS calls, then stepping up by
// BENCH_STEP until a level has a failure or BENCH_MAX is passed; then Asterisk is restarted with a bench-only
// dialplan (Background/WaitExten, the same prompts as .wav files in the chroot) and the same levels are run.
// Finally the sandbox is restarted with its normal configuration.
//
// Needs the sandbox running and its env (eval "$(bash scripts/asterisk-sandbox.sh env)"), root (sandbox restarts),
// and sipp. Settings: BENCH_CALLS (100) BENCH_MAX (400) BENCH_STEP (100) BENCH_RATE (calls per second, 50)
// BENCH_TIME_LIMIT_S (900: no new level starts after that).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallRecord } from '#db/calls.ts';
import { getCall } from '#db/calls.ts';
import { AriProbeClient, requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { createPromptStore, type PromptFile } from '#runtime/tts/index.ts';
import { freeUdpPort, scenarioPath } from '#tests/sipp/sipp.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from '#tests/e2e/testing/runtime-process.ts';

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

const CALLS = positiveInt('BENCH_CALLS', 100);
const MAX = Math.max(positiveInt('BENCH_MAX', 400), CALLS);
const STEP = positiveInt('BENCH_STEP', 100);
const RATE = positiveInt('BENCH_RATE', 50);
const TIME_LIMIT_MS = positiveInt('BENCH_TIME_LIMIT_S', 900) * 1000;
const benchStartedAt = Date.now();

const TEXTS = {
  welcome: 'Bonjour, et bienvenue à la plateforme',
  menu: 'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.',
  invalid: 'Option non valide.',
  noInput: "Vous n'avez pas saisi d'option.",
  goodbye: 'Merci de votre appel. Au revoir.',
} as const;

// ---------- measuring a process ----------

const TICKS_PER_SECOND = 100; // Linux USER_HZ
const cpuTicks = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
};
const rssKb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const asteriskPid = (): number => Number(readFileSync(path.join(astRoot, 'run/asterisk/asterisk.pid'), 'utf8').trim());

interface ProcessUsage {
  cpuPercentOfCore: number;
  peakRssMb: number;
}

/** Samples a process while `work` runs: average CPU (% of one core) over the run and peak RSS. */
async function measured<T>(pid: number | null, work: () => Promise<T>): Promise<[T, ProcessUsage | null]> {
  if (pid === null) return [await work(), null];
  const startTicks = cpuTicks(pid);
  const startedAt = Date.now();
  let peak = rssKb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 250);
  try {
    const result = await work();
    const seconds = (Date.now() - startedAt) / 1000;
    const cpu = (cpuTicks(pid) - startTicks) / TICKS_PER_SECOND / seconds;
    return [result, { cpuPercentOfCore: Math.round(cpu * 1000) / 10, peakRssMb: Math.round(peak / 102.4) / 10 }];
  } finally {
    clearInterval(sampler);
  }
}

// ---------- one load level ----------

interface SippCounts {
  successful: number;
  failed: number;
  exitCode: number | null;
}

/** `calls` sipp calls of bench-6003.xml at RATE calls/s, all of them allowed at once. */
async function runSippLoad(calls: number): Promise<SippCounts> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sipp-'));
  const statFile = path.join(dir, 'stats.csv');
  const timeoutS = Math.ceil(calls / RATE) + 60;
  const args = [
    sipTarget,
    '-sf',
    scenarioPath('bench-6003'),
    '-s',
    '6003',
    '-key',
    'caller',
    'sipp',
    '-i',
    '127.0.0.1',
    '-p',
    String(await freeUdpPort()),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(await freeUdpPort()),
    '-m',
    String(calls),
    '-l',
    String(calls),
    '-r',
    String(RATE),
    '-rp',
    '1000',
    '-nostdin',
    '-timeout',
    `${timeoutS}s`,
    '-trace_stat',
    '-stf',
    statFile,
    '-fd',
    '1',
  ];
  const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`cannot run sipp (install sip-tester): ${error.message}`)));
    child.on('close', resolve);
  });
  try {
    const lines = readFileSync(statFile, 'utf8').trim().split('\n');
    const header = lines[0]!.split(';');
    const last = lines.at(-1)!.split(';');
    const column = (name: string) => Number(last[header.indexOf(name)]);
    return { successful: column('SuccessfulCall(C)'), failed: column('FailedCall(C)'), exitCode };
  } catch (error) {
    throw new Error(`sipp left no statistics (exit ${exitCode}): ${String(error)}\n${errors.slice(-2000)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForNoChannels(): Promise<void> {
  await waitUntil(
    async () => (await probe.channelIds()).length === 0,
    60_000,
    'every channel of the previous level gone',
  ).catch(async () => {
    await probe.clearAll();
  });
}

interface LevelResult {
  calls: number;
  completed: number;
  failed: number;
  /** Runtime only: calls whose record shows key 9 taken and "Option non valide." started. */
  recordsOk?: number;
  recordsClosed?: number;
  latency?: { p50: number; p99: number; samples: number };
  runtime: ProcessUsage | null;
  asterisk: ProcessUsage | null;
  seconds: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * From the call records: DTMF-to-next-prompt latency = the digits event (the menu took key 9) -> the next
 * prompt-played or node-entered event. It is the runtime's own reaction time (record, choose the branch, enter the
 * node that speaks next); the ARI round trips that start the next playback come after it.
 */
function analyseRecords(workspace: RuntimeWorkspace, since: number) {
  const ids = (
    workspace.db.sqlite
      .prepare("SELECT id FROM calls WHERE dialled_number = '6003' AND started_at >= ?")
      .all(since) as { id: string }[]
  ).map((row) => row.id);
  const records = ids.map((id) => getCall(workspace.db, id)).filter((record): record is CallRecord => record !== null);
  const latencies: number[] = [];
  let ok = 0;
  for (const record of records) {
    const index = record.events.findIndex((event) => event.kind === 'digits' && event.digits === '9');
    if (index < 0) continue;
    const after = record.events.slice(index + 1);
    const next = after.find((event) => event.kind === 'prompt-played' || event.kind === 'node-entered');
    if (next) latencies.push(next.at - record.events[index]!.at);
    // The call did what the caller expects: key 9 refused and "Option non valide." heard to its end.
    if (
      after.some(
        (event) =>
          event.kind === 'prompt-played' &&
          event.detail?.text === TEXTS.invalid &&
          event.detail?.outcome === 'finished',
      )
    )
      ok += 1;
  }
  latencies.sort((a, b) => a - b);
  return {
    recordsOk: ok,
    recordsClosed: records.filter((record) => record.endedAt !== null).length,
    latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length },
  };
}

async function runLevel(
  calls: number,
  runtime: { process: RuntimeProcess; workspace: RuntimeWorkspace } | null,
): Promise<LevelResult> {
  await waitForNoChannels();
  const since = Date.now();
  const astPid = asteriskPid();
  const [[sipp, runtimeUsage], asteriskUsage] = await measured(astPid, () =>
    measured(runtime?.process.pid ?? null, () => runSippLoad(calls)),
  );
  const seconds = Math.round((Date.now() - since) / 100) / 10;
  const result: LevelResult = {
    calls,
    completed: sipp.successful,
    failed: sipp.failed,
    runtime: runtimeUsage,
    asterisk: asteriskUsage,
    seconds,
  };
  if (runtime) {
    // Records close a moment after the BYE; give the last ones time to land.
    await waitUntil(
      () => analyseRecords(runtime.workspace, since).recordsClosed >= calls,
      15_000,
      'records closed',
    ).catch(() => {});
    Object.assign(result, analyseRecords(runtime.workspace, since));
    // A call counts as failed too when its record does not show the menu taking key 9 and the apology playing.
    result.failed = Math.max(result.failed, calls - (result.recordsOk ?? 0));
    result.completed = Math.min(result.completed, result.recordsOk ?? 0);
  }
  return result;
}

function printLevel(label: string, level: LevelResult) {
  const parts = [
    `${label} ${level.calls} calls: completed ${level.completed}, failed ${level.failed} (${level.seconds} s)`,
    level.latency
      ? `DTMF->next prompt/node latency p50 ${level.latency.p50} ms p99 ${level.latency.p99} ms (${level.latency.samples} calls); records closed ${level.recordsClosed}/${level.calls}`
      : undefined,
    level.runtime
      ? `runtime CPU ${level.runtime.cpuPercentOfCore}% of a core, peak RSS ${level.runtime.peakRssMb} MB`
      : undefined,
    level.asterisk
      ? `Asterisk CPU ${level.asterisk.cpuPercentOfCore}% of a core, peak RSS ${level.asterisk.peakRssMb} MB`
      : undefined,
  ];
  console.log(parts.filter(Boolean).join('\n    '));
}

/** BENCH_CALLS, then up by BENCH_STEP while every call succeeds, up to BENCH_MAX and within the time limit. */
async function searchCapacity(
  label: string,
  run: (calls: number) => Promise<LevelResult>,
): Promise<{ first: LevelResult; best: number }> {
  let first: LevelResult | undefined;
  let best = 0;
  for (let calls = CALLS; calls <= MAX; calls += STEP) {
    if (first && Date.now() - benchStartedAt > TIME_LIMIT_MS) {
      console.log(`${label}: time limit reached, not trying ${calls}`);
      break;
    }
    const level = await run(calls);
    printLevel(label, level);
    first ??= level;
    if (level.failed > 0 || level.completed < calls) break;
    best = calls;
  }
  return { first: first!, best };
}

// ---------- the native dialplan version ----------

const NATIVE_SOUNDS = '/usr/share/asterisk/sounds/switchboard-bench';

/** The 6003 menu in plain dialplan: same prompts, same keys, 5 s timeout, 2 retries. */
function nativeMenuContext(): string {
  const sound = (name: string) => `${NATIVE_SOUNDS}/${name}`;
  return [
    '; ===== bench only (scripts/bench/runtime.ts): the 6003 menu as native dialplan =====',
    '[bench-ivr-6003]',
    'exten => s,1,Answer()',
    ' same => n,Set(TRIES=0)',
    ` same => n(menu),Playback(${sound('welcome')})`,
    ` same => n,Background(${sound('menu')})`,
    ' same => n,WaitExten(5)',
    'exten => 1,1,Dial(PJSIP/alice,10)',
    ' same => n,Hangup()',
    'exten => 2,1,Dial(PJSIP/bob,10)',
    ' same => n,Hangup()',
    'exten => 3,1,Dial(PJSIP/julien,10)',
    ' same => n,Hangup()',
    `exten => i,1,Playback(${sound('invalid')})`,
    ' same => n,Goto(retry,1)',
    `exten => t,1,Playback(${sound('no-input')})`,
    ' same => n,Goto(retry,1)',
    'exten => retry,1,Set(TRIES=$[${TRIES} + 1])',
    ' same => n,GotoIf($[${TRIES} > 2]?failed,1)',
    ' same => n,Goto(s,menu)',
    `exten => failed,1,Playback(${sound('goodbye')})`,
    ' same => n,Hangup()',
    '',
  ].join('\n');
}

/** An overlay folder for `asterisk-sandbox.sh start`: the generated extensions.conf with 6003 sent to the native menu. */
function nativeOverlay(files: Record<keyof typeof TEXTS, PromptFile>): string {
  const soundsDir = path.join(astRoot, NATIVE_SOUNDS);
  mkdirSync(soundsDir, { recursive: true });
  const names: Record<keyof typeof TEXTS, string> = {
    welcome: 'welcome',
    menu: 'menu',
    invalid: 'invalid',
    noInput: 'no-input',
    goodbye: 'goodbye',
  };
  for (const key of Object.keys(names) as (keyof typeof TEXTS)[])
    copyFileSync(files[key].path, path.join(soundsDir, `${names[key]}.wav`));
  const current = readFileSync(path.join(astRoot, 'etc/asterisk/extensions.conf'), 'utf8');
  if (!current.includes('[from-sip]')) throw new Error('the sandbox extensions.conf has no [from-sip] context');
  // An exact extension wins over the _X! pattern that sends every number to Stasis.
  const patched =
    current.replace('[from-sip]', '[from-sip]\nexten => 6003,1,Goto(bench-ivr-6003,s,1)\n') +
    '\n' +
    nativeMenuContext();
  const overlay = mkdtempSync(path.join(tmpdir(), 'bench-native-conf-'));
  writeFileSync(path.join(overlay, 'extensions.conf'), patched);
  return overlay;
}

function sandbox(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [sandboxScript, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`asterisk-sandbox.sh ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** The published prompts (rendered at publish time: ensure() finds them in the cache), one WAV per sentence. */
async function promptFiles(workspace: RuntimeWorkspace): Promise<Record<keyof typeof TEXTS, PromptFile>> {
  const prompts = createPromptStore({ PROMPTS_DIR: workspace.promptsDir });
  const files = {} as Record<keyof typeof TEXTS, PromptFile>;
  for (const [key, text] of Object.entries(TEXTS) as [keyof typeof TEXTS, string][])
    files[key] = await prompts.ensure({ text, language: 'fr-FR' });
  return files;
}

// ---------- main ----------

async function main() {
  // Each SIP call takes an RTP port pair from the sandbox's range: past it, calls fail for want of ports, not CPU.
  const rtpPairs = Math.floor((Number(process.env.RTP_END ?? 10999) - Number(process.env.RTP_START ?? 10000) + 1) / 2);
  if (MAX > rtpPairs)
    console.log(
      `warning: BENCH_MAX=${MAX} exceeds the sandbox's ${rtpPairs} RTP port pairs (start it with a wider RTP_START..RTP_END)`,
    );
  console.log(
    `bench:runtime — 6003 menu, ${CALLS} calls (then +${STEP} up to ${MAX}), ${RATE} calls/s, sipp -> ${sipTarget}`,
  );
  const workspace = await seededWorkspace();
  let overlay: string | undefined;
  try {
    const runtimeProcess = await startRuntimeProcess(workspace, settings, { logLevel: 'warn' });
    let runtimeSearch: Awaited<ReturnType<typeof searchCapacity>>;
    const files = await promptFiles(workspace);
    try {
      // One call first: Asterisk fetches and caches the prompts before the measured levels.
      const warmup = await runLevel(1, null);
      if (warmup.failed > 0)
        throw new Error(`the warm-up call through the runtime failed:\n${runtimeProcess.output().slice(-3000)}`);
      runtimeSearch = await searchCapacity('runtime', (calls) =>
        runLevel(calls, { process: runtimeProcess, workspace }),
      );
    } finally {
      const code = await runtimeProcess.stop();
      if (code !== 0) console.log(`runtime exited with ${code}:\n${runtimeProcess.output().slice(-3000)}`);
    }

    overlay = nativeOverlay(files);
    await sandbox('restart', overlay);
    const nativeSearch = await searchCapacity('native dialplan', (calls) => runLevel(calls, null));

    console.log('\nsummary');
    console.log(
      `  at ${CALLS} calls: runtime completed ${runtimeSearch.first.completed} failed ${runtimeSearch.first.failed}; native completed ${nativeSearch.first.completed} failed ${nativeSearch.first.failed}`,
    );
    console.log(
      `  highest level with zero failures (step ${STEP}, max ${MAX}): runtime ${runtimeSearch.best}, native dialplan ${nativeSearch.best}`,
    );
    console.log(
      `  ratio runtime/native: ${nativeSearch.best > 0 ? (runtimeSearch.best / nativeSearch.best).toFixed(2) : 'n/a'}`,
    );
    if (runtimeSearch.best === MAX && nativeSearch.best === MAX)
      console.log(`  (both held BENCH_MAX=${MAX}: the real limits are higher; raise BENCH_MAX)`);
  } finally {
    await sandbox('restart').catch((error: unknown) =>
      console.error(`could not restore the sandbox: ${String(error)}`),
    );
    if (overlay) rmSync(overlay, { recursive: true, force: true });
    rmSync(path.join(astRoot, NATIVE_SOUNDS), { recursive: true, force: true });
    workspace.remove();
  }
}

await main();
