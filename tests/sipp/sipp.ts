// Runs the sipp scenarios of this folder against a real Asterisk, for end-to-end tests. sipp (Debian package
// sip-tester) is installed on the host by scripts/asterisk-sandbox.sh setup.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { speechLoopPcap } from './speech-loop.ts';

export type SippScenario =
  | 'register-auth'
  | 'uac-dtmf'
  | 'uac-feature-code'
  | 'uac-menu-9'
  | 'uac-wait-bye'
  | 'uac-talk-until-bye'
  | 'uas-answer'
  | 'uas-answer-speak'
  | 'uas-answer-talk'
  | 'uas-answer-hangup'
  | 'uas-busy'
  | 'uas-decline'
  | 'uas-ring'
  | 'bench-menu-key2';

/** Scenarios that talk for the whole call: they play speech-loop.pcap, from the folder sipp runs in. */
const CONTINUOUS_TALKERS: ReadonlySet<SippScenario> = new Set(['uac-talk-until-bye', 'uas-answer-talk']);

export function scenarioPath(scenario: SippScenario): string {
  return fileURLToPath(new URL(`./${scenario}.xml`, import.meta.url));
}

export interface SippRun {
  scenario: SippScenario;
  /** host:port of Asterisk for client scenarios; omitted for a UAS. */
  target?: string;
  /** Local SIP port: the sipp process's address is 127.0.0.1:<port>. */
  port: number;
  /** Local RTP port (sipp also uses the next ones); pick it so parallel runs never collide. */
  mediaPort: number;
  /** Extra arguments, e.g. ['-s', '6003', '-key', 'caller', 'sipp']. */
  args?: string[];
  /** Whole-run limit, passed to sipp as -timeout. */
  timeoutSeconds?: number;
}

export interface SippResult {
  exitCode: number | null;
  /** Every SIP message sent and received (sipp -trace_msg), to assert on status lines. */
  messages: string;
  output: string;
}

export interface RunningSipp {
  done: Promise<SippResult>;
  stop(): void;
}

/** Starts one sipp call (-m 1). Resolve `done` to learn how it ended. */
export function startSipp(run: SippRun): RunningSipp {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  const messageFile = join(dir, 'messages.log');
  const timeoutSeconds = run.timeoutSeconds ?? 30;
  // Enough speech for the longest the call can last (sipp's -timeout).
  if (CONTINUOUS_TALKERS.has(run.scenario))
    writeFileSync(join(dir, 'speech-loop.pcap'), speechLoopPcap(timeoutSeconds + 10));
  const args = [
    ...(run.target ? [run.target] : []),
    '-sf',
    scenarioPath(run.scenario),
    '-i',
    '127.0.0.1',
    '-p',
    String(run.port),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(run.mediaPort),
    '-m',
    '1',
    '-nostdin',
    '-timeout',
    `${timeoutSeconds}s`,
    '-trace_msg',
    '-message_file',
    messageFile,
    ...(run.args ?? []),
  ];
  // In its own folder: scenarios name the files they play relative to it (speech-loop.pcap).
  const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<SippResult>((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`cannot run sipp (install sip-tester): ${error.message}`)));
    child.on('close', (exitCode) => {
      let messages = '';
      try {
        messages = readFileSync(messageFile, 'utf8');
      } catch {
        // sipp failed before sending anything; the output says why
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ exitCode, messages, output });
    });
  });
  return { done, stop: () => child.kill('SIGTERM') };
}

export function runSipp(run: SippRun): Promise<SippResult> {
  return startSipp(run).done;
}

/** Status codes of the responses sipp received or sent, in order (e.g. [401, 200]). */
export function statusCodes(messages: string): number[] {
  return [...messages.matchAll(/^SIP\/2\.0 (\d{3}) /gm)].map((match) => Number(match[1]));
}

/** A UDP port nobody uses right now, chosen by the kernel. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
