// CPU and memory of a running process from /proc (Linux), for the benchmarks: average CPU over a piece of work (% of
// one core) and its peak RSS, sampled while the work runs.
import { readFileSync } from 'node:fs';
import type { ProcessUsage } from './runtime-bench-report.ts';

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** utime + stime (fields 14 and 15 of /proc/PID/stat; the command name before ") " may contain spaces). */
export function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** The soft "Max open files" limit of a process. */
export function openFilesLimit(pid: number): number {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((row) => row.startsWith('Max open files'));
  return Number(line?.split(/\s{2,}/)[1] ?? NaN);
}

/** Samples processes while `work` runs: each one's average CPU over the run and its peak RSS (null pid: none). */
export async function measured<T>(
  pids: readonly (number | null)[],
  work: () => Promise<T>,
): Promise<[T, (ProcessUsage | null)[]]> {
  const live = pids.map((pid) => (pid === null ? null : { pid, ticks: cpuTicks(pid), peak: rssMb(pid) }));
  const startedAt = Date.now();
  const sample = () => {
    for (const entry of live) {
      if (!entry) continue;
      try {
        entry.peak = Math.max(entry.peak, rssMb(entry.pid));
      } catch {
        // the process ended: its figures stop here
      }
    }
  };
  const sampler = setInterval(sample, 250);
  try {
    const result = await work();
    sample();
    const seconds = (Date.now() - startedAt) / 1000;
    const usage = live.map((entry) => {
      if (!entry) return null;
      let ticks = entry.ticks;
      try {
        ticks = cpuTicks(entry.pid);
      } catch {
        return null;
      }
      const cpu = (ticks - entry.ticks) / TICKS_PER_SECOND / seconds;
      return { cpuPercentOfCore: Math.round(cpu * 1000) / 10, peakRssMb: entry.peak };
    });
    return [result, usage];
  } finally {
    clearInterval(sampler);
  }
}
