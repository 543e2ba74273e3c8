// Where a process spent its CPU, from a .cpuprofile (node --cpu-prof, Chrome DevTools format): the functions with the
// most self time and the same time grouped by npm package or project file. bench:runtime prints it for the runtime
// and the minimal ARI app; `npx tsx scripts/bench/cpu-profile-summary.ts FILE.cpuprofile [PROJECT_DIR]` for any.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  /** Node id on top of the stack at each sample. */
  samples: number[];
  /** µs since the previous sample (the first: since startTime). */
  timeDeltas: number[];
}

export interface TimeShare {
  name: string;
  selfMs: number;
  /** Of the busy time (everything but "(idle)"). */
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  functions: TimeShare[];
  packages: TimeShare[];
}

/** "…/node_modules/@scope/pkg/lib/x.js" -> "@scope/pkg"; a project file -> its path; node's own -> "(node)". */
export function ownerOf(url: string, projectDir: string): string {
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return '(node)';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const parts = file.split('/');
  const modules = parts.lastIndexOf('node_modules');
  // node_modules/.cache/... holds built files (the bench's minimal app), not a package.
  if (modules >= 0 && parts[modules + 1]?.startsWith('.')) return parts.slice(modules + 1).join('/');
  if (modules >= 0 && parts[modules + 1])
    return parts[modules + 1]!.startsWith('@') ? `${parts[modules + 1]}/${parts[modules + 2]}` : parts[modules + 1]!;
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(projectDir, file);
  return relative.startsWith('..') ? file : relative;
}

function functionLabel(node: CpuProfileNode, projectDir: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (url === '') return name; // (garbage collector), (program)...
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const shown = file.includes('/node_modules/')
    ? file.slice(file.lastIndexOf('/node_modules/') + '/node_modules/'.length)
    : path.isAbsolute(file)
      ? path.relative(projectDir, file)
      : file;
  return `${name} ${shown}:${lineNumber + 1}`; // callFrame lines count from 0
}

function top(times: Map<string, number>, busyMs: number, count: number): TimeShare[] {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({
      name,
      selfMs: Math.round(selfMs * 10) / 10,
      percent: busyMs > 0 ? Math.round((selfMs / busyMs) * 1000) / 10 : 0,
    }));
}

/** Self time per function and per package: each sample's interval is charged to the function then on top. */
export function summarizeProfile(
  profile: CpuProfile,
  projectDir: string,
  counts = { functions: 15, packages: 10 },
): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    // The interval up to the next sample belongs to this one (as DevTools counts); the last one runs to endTime.
    const next = profile.timeDeltas[index + 1];
    const elapsed = next ?? Math.max(0, profile.endTime - (profile.startTime + sum(profile.timeDeltas)));
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, elapsed));
  });
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let busyMs = 0;
  let idleMs = 0;
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    if (!node) continue;
    const ms = us / 1000;
    if (node.callFrame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const label = functionLabel(node, projectDir);
    functions.set(label, (functions.get(label) ?? 0) + ms);
    const owner = ownerOf(node.callFrame.url, projectDir);
    packages.set(owner, (packages.get(owner) ?? 0) + ms);
  }
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    functions: top(functions, busyMs, counts.functions),
    packages: top(packages, busyMs, counts.packages),
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export function describeProfile(title: string, summary: ProfileSummary): string[] {
  const row = (share: TimeShare) =>
    `    ${share.percent.toFixed(1).padStart(5)} %  ${String(share.selfMs).padStart(9)} ms  ${share.name}`;
  return [
    `${title}: ${summary.busyMs} ms busy, ${summary.idleMs} ms idle`,
    `  top ${summary.functions.length} functions by self time:`,
    ...summary.functions.map(row),
    `  top ${summary.packages.length} packages / files by self time:`,
    ...summary.packages.map(row),
  ];
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, projectDir = process.cwd()] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx scripts/bench/cpu-profile-summary.ts FILE.cpuprofile [PROJECT_DIR]');
    process.exit(2);
  }
  console.log(describeProfile(file, summarizeProfile(readProfile(file), projectDir)).join('\n'));
}
