// One load level of `npm run bench:runtime`: sipp places calls of tests/sipp/bench-menu-key2.xml at a steady rate for
// a fixed time with a cap on calls at once, then waits for the last ones to end. Returns sipp's counts and every
// call's timers (-trace_stat and -trace_rtt files, read by runtime-bench-metrics.ts).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeUdpPort, scenarioPath } from '#tests/sipp/sipp.ts';
import {
  parseRttCsv,
  parseSippStats,
  type SippCounts,
  type SippTimers,
  type SustainedLoad,
} from './runtime-bench-metrics.ts';

export interface SippLevelRun extends SippCounts, SippTimers {
  exitCode: number | null;
}

/** Raises the open-files limit to the hard one first: each call holds sockets, and thousands run at once. */
export const RAISE_OPEN_FILES = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null || true';

export async function runSustainedSipp(options: {
  target: string;
  number: string;
  concurrent: number;
  load: SustainedLoad;
  /** Whole-run limit: the placing time plus room to drain. */
  timeoutSeconds: number;
  /** Where to keep sipp's raw per-call timers (the rtt trace), to look into a surprising figure. */
  keepRttAs?: string;
}): Promise<SippLevelRun> {
  // sipp writes its rtt file next to the scenario it was given: a copy in a folder of our own keeps it there.
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sipp-'));
  copyFileSync(scenarioPath('bench-menu-key2'), path.join(dir, 'bench-menu-key2.xml'));
  const args = [
    options.target,
    '-sf',
    'bench-menu-key2.xml',
    '-s',
    options.number,
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
    '-r',
    String(options.load.callsPerPeriod),
    '-rp',
    String(options.load.periodMs),
    '-l',
    String(options.concurrent),
    '-m',
    String(options.load.totalCalls),
    '-nostdin',
    '-timeout',
    `${options.timeoutSeconds}s`,
    '-trace_stat',
    '-stf',
    'stats.csv',
    '-fd',
    '1',
    '-trace_rtt',
    '-rtt_freq',
    '1',
  ];
  const child = spawn('bash', ['-c', `${RAISE_OPEN_FILES}; exec sipp "$@"`, 'sipp', ...args], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`cannot run sipp (install sip-tester): ${error.message}`)));
    child.on('close', resolve);
  });
  try {
    const rttFile = readdirSync(dir).find((name) => name.endsWith('_rtt.csv'));
    if (rttFile && options.keepRttAs) copyFileSync(path.join(dir, rttFile), options.keepRttAs);
    const timers = rttFile
      ? parseRttCsv(readFileSync(path.join(dir, rttFile), 'utf8'))
      : { inviteTo200: [], dtmfToBye: [] };
    return { ...parseSippStats(readFileSync(path.join(dir, 'stats.csv'), 'utf8')), ...timers, exitCode };
  } catch (error) {
    throw new Error(`sipp left no statistics (exit ${exitCode}): ${String(error)}\n${errors}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
