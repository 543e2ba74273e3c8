// What `npm run bench:runtime` prints from its measured levels: one line block per level, the side-by-side table of
// issue 15 and its goal checks. No I/O: runtime-bench-report.test.ts checks it on hand-made results.
import type { Distribution } from './runtime-bench-metrics.ts';

export const SYSTEMS = ['native', 'runtime', 'minimal'] as const;
export type SystemName = (typeof SYSTEMS)[number];
export const SYSTEM_LABELS: Record<SystemName, string> = {
  native: 'native dialplan',
  runtime: 'Switchboard runtime',
  minimal: 'minimal ARI app',
};

export interface ProcessUsage {
  /** Average over the level, % of one core. */
  cpuPercentOfCore: number;
  peakRssMb: number;
}

export interface LevelResult {
  system: SystemName;
  /** Concurrent calls aimed at (sipp -l). */
  level: number;
  total: number;
  failed: number;
  inviteTo200: Distribution;
  dtmfToBye: Distribution;
  /** DTMF→BYE minus the floor (key + short prompt). */
  nextPrompt: Distribution;
  asterisk: ProcessUsage | null;
  /** The runtime or the minimal app; null for native dialplan. */
  app: ProcessUsage | null;
  /** ARI requests and events per call over the level; null when the app does not say. */
  ariPerCall: { requests: number; events: number } | null;
  seconds: number;
  /** Runtime only: why calls sipp counted as good were failed anyway (their records). */
  note?: string;
}

/** A level counts as held when every call of it went through. */
export const held = (result: LevelResult): boolean => result.failed === 0 && result.total > 0;

/** The highest level held before the first one that failed (0: none held). */
export function zeroFailureCeiling(results: readonly LevelResult[]): number {
  let ceiling = 0;
  for (const result of [...results].sort((a, b) => a.level - b.level)) {
    if (!held(result)) break;
    ceiling = result.level;
  }
  return ceiling;
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : 'n/a');
const pair = (d: Distribution) => `${ms(d.p50)}/${ms(d.p99)} ms`;
const usage = (u: ProcessUsage | null) => (u ? `CPU ${u.cpuPercentOfCore} %, RSS ${u.peakRssMb} MB` : 'n/a');

export function describeLevel(result: LevelResult): string[] {
  const lines = [
    `${SYSTEM_LABELS[result.system]} at ${result.level} concurrent: ${result.failed}/${result.total} failed (${result.seconds} s)`,
    `  INVITE→200 p50/p99 ${pair(result.inviteTo200)}; DTMF→BYE ${pair(result.dtmfToBye)}; DTMF→next prompt ${pair(result.nextPrompt)}`,
    `  Asterisk ${usage(result.asterisk)}` + (result.app ? `; app ${usage(result.app)}` : ''),
  ];
  if (result.ariPerCall)
    lines.push(
      `  ARI per call: ${result.ariPerCall.requests.toFixed(1)} requests, ${result.ariPerCall.events.toFixed(1)} events`,
    );
  else if (result.app) lines.push('  ARI per call: n/a (the app does not report its ARI traffic)');
  if (result.note) lines.push(`  ${result.note}`);
  return lines;
}

function cell(result: LevelResult | undefined): string {
  if (!result) return '—';
  const parts = [
    `${result.failed}/${result.total} failed`,
    `INVITE→200 ${pair(result.inviteTo200)}`,
    `DTMF→next ${pair(result.nextPrompt)}`,
    `Asterisk ${usage(result.asterisk)}`,
  ];
  if (result.app) parts.push(`app ${usage(result.app)}`);
  if (result.ariPerCall)
    parts.push(`ARI ${result.ariPerCall.requests.toFixed(1)} req + ${result.ariPerCall.events.toFixed(1)} ev/call`);
  else if (result.app) parts.push('ARI n/a');
  return parts.join('; ');
}

/** The markdown table: one row per level, one column per system ("—": not run at that level). */
export function sideBySideTable(results: readonly LevelResult[], levels: readonly number[]): string {
  const find = (system: SystemName, level: number) =>
    results.find((result) => result.system === system && result.level === level);
  return [
    `| concurrent calls | ${SYSTEMS.map((system) => SYSTEM_LABELS[system]).join(' | ')} |`,
    `|---|${SYSTEMS.map(() => '---').join('|')}|`,
    ...levels
      .filter((level) => SYSTEMS.some((system) => find(system, level)))
      .map((level) => `| ${level} | ${SYSTEMS.map((system) => cell(find(system, level))).join(' | ')} |`),
  ].join('\n');
}

export interface GoalCheck {
  goal: string;
  measured: string;
  /** null: could not be judged in this run (say why in `measured`). */
  met: boolean | null;
}

export interface GoalInputs {
  results: readonly LevelResult[];
  /** The runtime's RSS at rest before its first level, MB; null when it was not started. */
  runtimeRestRssMb: number | null;
  /** The highest level tried: a system that held it may hold more. */
  maxLevel: number;
}

const of = (results: readonly LevelResult[], system: SystemName) =>
  results.filter((result) => result.system === system).sort((a, b) => a.level - b.level);

/** The goals of issue 15, each judged on this run's figures. */
export function goalChecks({ results, runtimeRestRssMb, maxLevel }: GoalInputs): GoalCheck[] {
  const native = of(results, 'native');
  const runtime = of(results, 'runtime');
  const minimal = of(results, 'minimal');
  const checks: GoalCheck[] = [];

  const nativeCeiling = zeroFailureCeiling(native);
  const runtimeCeiling = zeroFailureCeiling(runtime);
  const ceilingNote =
    nativeCeiling === maxLevel ? ` (native held the highest level tried: its ceiling may be higher)` : '';
  checks.push({
    goal: 'zero-failure ceiling runtime / native ≥ 0.9',
    measured:
      nativeCeiling > 0
        ? `${runtimeCeiling} / ${nativeCeiling} = ${(runtimeCeiling / nativeCeiling).toFixed(2)}${ceilingNote}`
        : 'native held no level',
    met: nativeCeiling > 0 ? runtimeCeiling / nativeCeiling >= 0.9 : null,
  });

  // CPU per concurrent call at one level: both divide by the same level, so the ratio is that of their CPU.
  const cpuRatios = runtime.flatMap((r) => {
    const m = minimal.find((result) => result.level === r.level);
    if (!m || !held(r) || !held(m) || !r.app || !m.app || m.app.cpuPercentOfCore <= 0) return [];
    return [{ level: r.level, ratio: r.app.cpuPercentOfCore / m.app.cpuPercentOfCore }];
  });
  checks.push({
    goal: 'runtime CPU per concurrent call / minimal app’s ≤ 1.2 (each level both held)',
    measured:
      cpuRatios.length > 0
        ? cpuRatios.map(({ level, ratio }) => `${level}: ${ratio.toFixed(2)}`).join(', ')
        : 'no level held by both',
    met: cpuRatios.length > 0 ? cpuRatios.every(({ ratio }) => ratio <= 1.2) : null,
  });

  checks.push({
    goal: 'runtime RSS at rest < 120 MB',
    measured: runtimeRestRssMb === null ? 'not measured' : `${runtimeRestRssMb} MB`,
    met: runtimeRestRssMb === null ? null : runtimeRestRssMb < 120,
  });
  const at1000 = runtime.find((result) => result.level === 1000);
  checks.push({
    goal: 'runtime RSS at 1000 concurrent calls < 200 MB',
    measured: at1000?.app ? `${at1000.app.peakRssMb} MB peak` : 'level 1000 not run',
    met: at1000?.app ? at1000.app.peakRssMb < 200 : null,
  });

  const latencyGaps = runtime.flatMap((r) => {
    const n = native.find((result) => result.level === r.level);
    if (!n || !held(n) || !held(r)) return [];
    return [{ level: r.level, gap: r.nextPrompt.p99 - n.nextPrompt.p99 }];
  });
  checks.push({
    goal: 'DTMF→next prompt p99 runtime − native ≤ 20 ms (levels both held)',
    measured:
      latencyGaps.length > 0
        ? latencyGaps.map(({ level, gap }) => `${level}: ${gap >= 0 ? '+' : ''}${ms(gap)} ms`).join(', ')
        : 'no level held by both',
    met: latencyGaps.length > 0 ? latencyGaps.every(({ gap }) => gap <= 20) : null,
  });
  return checks;
}

export function describeGoals(checks: readonly GoalCheck[]): string[] {
  const mark = (met: boolean | null) => (met === null ? 'n/a ' : met ? 'MET ' : 'MISSED');
  return checks.map((check) => `- [${mark(check.met).trim()}] ${check.goal}: ${check.measured}`);
}
