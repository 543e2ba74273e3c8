// `npm run bench:conference`: how many talking participants one conference room holds on the sandbox Asterisk, and
// what the runtime costs per participant, compared with the same callers in a dialplan ConfBridge() room.
//
// Each participant is a real SIP call from sipp (the sandbox's trusted endpoint) to room 7100 that sends audio all
// along (sipp's g711a.pcap, replayed). Room 7100 is a conference flow without PIN or announcements, talk detection
// on, published on a fresh seeded database; the runtime is a child process (`node --import tsx server/runtime-main.ts`).
// For each level of BENCH_LEVELS: place the calls, wait until the room's bridge holds all of them, then measure
// Asterisk's and the runtime's CPU (% of one core) and the runtime's RSS over BENCH_WINDOW_S seconds. Then the
// runtime stops and a small ARI app of the bench sends the same callers to the sandbox's `confbridge` context
// (ConfBridge(7100)); once they are in, ARI is out of the picture and the same window is measured.
// A level where not every caller got in stops the ramp ("as many as the machine allows").
//
// Needs the sandbox running and its env (eval "$(bash scripts/asterisk-sandbox.sh env)") and sipp.
// Settings: BENCH_LEVELS (10,20,40,60) BENCH_RATE (calls per second, 10) BENCH_WINDOW_S (20).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createFlow } from '#db/flows.ts';
import { conferenceBridgePrefix } from '#runtime/ari/conference-media.ts';
import { AriConnection } from '#runtime/ari/connection.ts';
import { AriProbeClient, quietLog, requireAriSettings, testMedia, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { connect, draftNode, typedFlow } from '#runtime/testing/call-harness.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { seededWorkspace, startRuntimeProcess } from '#tests/e2e/testing/runtime-process.ts';
import { freeUdpPort } from '#tests/sipp/sipp.ts';

const run = promisify(execFile);
const settings = requireAriSettings();
const probe = new AriProbeClient(settings);
const projectDir = path.resolve(import.meta.dirname, '../..');
const astRoot = process.env.AST_ROOT ?? '/opt/asterisk-sid';
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;
const ROOM = '7100';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}="${raw}" must be a positive whole number`);
  return value;
}

const LEVELS = (process.env.BENCH_LEVELS ?? '10,20,40,60').split(',').map((part) => {
  const value = Number(part.trim());
  if (!Number.isInteger(value) || value < 2)
    throw new Error(`BENCH_LEVELS entry "${part}" must be a whole number of at least 2`);
  return value;
});
const RATE = positiveInt('BENCH_RATE', 10);
const WINDOW_S = positiveInt('BENCH_WINDOW_S', 20);

// ---------- measuring processes ----------

const TICKS_PER_SECOND = 100; // Linux USER_HZ
const cpuTicks = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
};
const rssMb = (pid: number): number =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const asteriskPid = (): number => Number(readFileSync(path.join(astRoot, 'run/asterisk/asterisk.pid'), 'utf8').trim());

/** CPU of each process (% of one core) over `seconds`. */
async function cpuOver(pids: number[], seconds: number): Promise<number[]> {
  const start = pids.map(cpuTicks);
  const startedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsed = (Date.now() - startedAt) / 1000;
  return pids.map((pid, index) => ((cpuTicks(pid) - start[index]!) / TICKS_PER_SECOND / elapsed) * 100);
}

// ---------- the callers ----------

const PCAP = '/usr/share/sip-tester/g711a.pcap';
const PCAP_MS = 7_100;

/** A sipp scenario calling the room and talking (the pcap, replayed) for `holdSeconds`, then hanging up. */
function talkerScenario(holdSeconds: number): string {
  const repeats = Math.ceil((holdSeconds * 1000) / PCAP_MS);
  const talk =
    `  <nop><action><exec play_pcap_audio="${PCAP}"/></action></nop>\n  <pause milliseconds="${PCAP_MS}"/>\n`.repeat(
      repeats,
    );
  const headers = (method: string) => `      ${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>${method === 'INVITE' ? '' : '[peer_tag_param]'}
      Call-ID: [call_id]
      CSeq: ${method === 'BYE' ? '2' : '1'} ${method}
      Contact: sip:[call_number]@[local_ip]:[local_port]
      Max-Forwards: 70`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="conference-talker">
  <send retrans="500"><![CDATA[
${headers('INVITE')}
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 8
      a=rtpmap:8 PCMA/8000
      a=sendrecv
  ]]></send>
  <recv response="100" optional="true" timeout="10000"/>
  <recv response="180" optional="true" timeout="10000"/>
  <recv response="183" optional="true" timeout="10000"/>
  <recv response="200" rtd="true" timeout="30000"/>
  <send><![CDATA[
${headers('ACK')}
      Content-Length: 0
  ]]></send>
${talk}  <send retrans="500"><![CDATA[
${headers('BYE')}
      Content-Length: 0
  ]]></send>
  <recv response="200" timeout="10000"/>
</scenario>
`;
}

interface Talkers {
  done: Promise<number | null>;
  stop(): void;
}

async function startTalkers(count: number, holdSeconds: number): Promise<Talkers> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-conference-'));
  const scenario = path.join(dir, 'talker.xml');
  writeFileSync(scenario, talkerScenario(holdSeconds));
  const args = [
    sipTarget,
    '-sf',
    scenario,
    '-s',
    ROOM,
    '-i',
    '127.0.0.1',
    '-p',
    String(await freeUdpPort()),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(20_000 + Math.floor(Math.random() * 10_000) * 2),
    '-m',
    String(count),
    '-l',
    String(count),
    '-r',
    String(RATE),
    '-nostdin',
    '-timeout',
    `${holdSeconds + 120}s`,
  ];
  const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'ignore'] });
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`cannot run sipp (install sip-tester): ${error.message}`)));
    child.on('close', (code) => {
      rmSync(dir, { recursive: true, force: true });
      resolve(code);
    });
  });
  return {
    done,
    stop: () => {
      child.kill('SIGTERM');
      // sipp's SIGTERM waits for calls that will never finish (their peer hung up mid-pause): make sure it goes.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      void done.then(() => clearTimeout(timer));
    },
  };
}

// ---------- the two rooms ----------

interface LevelResult {
  participants: number;
  inRoom: number;
  asteriskCpu: number;
  runtimeCpu: number | null;
  runtimeRssMb: number | null;
}

/** How many callers are in the room now (the runtime's bridge, or the ConfBridge conference). */
type Counter = () => Promise<number>;

async function bridgeCount(): Promise<number> {
  const prefix = `${conferenceBridgePrefix(settings.app)}${ROOM}-`;
  const bridge = (await probe.bridges()).find((candidate) => candidate.id.startsWith(prefix));
  return bridge?.channels.length ?? 0;
}

async function confBridgeCount(): Promise<number> {
  const script = path.join(projectDir, 'scripts/asterisk-sandbox.sh');
  const { stdout } = await run('bash', [script, 'cli', `confbridge list ${ROOM}`]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter((line) => /^(PJSIP|SIP)\//.test(line.trim())).length;
}

async function runLevel(participants: number, count: Counter, runtimePid: number | null): Promise<LevelResult> {
  const rampSeconds = Math.ceil(participants / RATE);
  const holdSeconds = rampSeconds + 30 + WINDOW_S + 10;
  const talkers = await startTalkers(participants, holdSeconds);
  let inRoom = 0;
  try {
    await waitUntil(
      async () => (inRoom = await count()) >= participants,
      (rampSeconds + 30) * 1000,
      `${participants} callers in the room`,
    ).catch(() => {});
    if (inRoom < participants) return { participants, inRoom, asteriskCpu: NaN, runtimeCpu: null, runtimeRssMb: null };
    const pids = runtimePid === null ? [asteriskPid()] : [asteriskPid(), runtimePid];
    const [asteriskCpu, runtimeCpu] = await cpuOver(pids, WINDOW_S);
    inRoom = Math.min(inRoom, await count());
    return {
      participants,
      inRoom,
      asteriskCpu: asteriskCpu!,
      runtimeCpu: runtimeCpu ?? null,
      runtimeRssMb: runtimePid === null ? null : rssMb(runtimePid),
    };
  } finally {
    // Asterisk hangs the callers up (sipp answers the BYEs); killing sipp first would leave channels waiting for RTP timeouts.
    await probe.clearAll().catch(() => {});
    talkers.stop();
    await talkers.done;
    await waitUntil(async () => (await probe.channelIds()).length === 0, 60_000, 'every call gone').catch(() => {});
  }
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

async function main() {
  console.log(
    `bench:conference on ${settings.url}: levels ${LEVELS.join(', ')}, ${RATE} calls/s, ${WINDOW_S} s window`,
  );
  await probe.clearAll();

  // The runtime's room.
  const workspace = await seededWorkspace();
  const prompts = createPromptStore({ PROMPTS_DIR: workspace.promptsDir });
  const document = typedFlow({
    name: 'Bench room',
    numbers: [ROOM],
    nodes: [
      draftNode('start', 'start'),
      draftNode('room', 'conference', {
        room: ROOM,
        name: 'Bench',
        maxMembers: 500,
        announceJoinLeave: 'off',
        announceCount: false,
        musicWhenAlone: false,
        talkDetection: true,
      }),
    ],
    edges: [connect('start', 'next', 'room')],
  });
  const { flowId } = createFlow(workspace.db, { document, author: 'bench' });
  await publishFlow(workspace.db, { flowId, author: 'bench' }, prompts);
  const runtime = await startRuntimeProcess(workspace, settings, { logLevel: 'warn' });
  // Start-up (prompt rendering, module loading) leaves garbage behind: the idle figures are taken once it settled.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const [idleCpu] = await cpuOver([runtime.pid], 10);
  const idleRss = rssMb(runtime.pid);
  console.log(`runtime idle: ${fixed(idleCpu!, 2)}% CPU, ${fixed(idleRss)} MB RSS`);
  const runtimeResults: LevelResult[] = [];
  try {
    for (const participants of LEVELS) {
      const result = await runLevel(participants, bridgeCount, runtime.pid);
      runtimeResults.push(result);
      console.log(
        `runtime room: ${result.inRoom}/${participants} in the bridge; Asterisk ${fixed(result.asteriskCpu)}% CPU; runtime ` +
          `${fixed(result.runtimeCpu ?? NaN, 2)}% CPU (${fixed((result.runtimeCpu ?? NaN) / participants, 3)}%/participant), ` +
          `RSS ${fixed(result.runtimeRssMb ?? NaN)} MB`,
      );
      if (result.inRoom < participants) break;
    }
  } finally {
    await runtime.stop();
    workspace.remove();
  }

  // The same callers in ConfBridge: a bench-only ARI app sends each call from Stasis to the dialplan's confbridge context.
  const router = new AriConnection(settings, { media: testMedia, log: quietLog });
  router.on('incoming-call', (port) => {
    void Promise.resolve()
      .then(() =>
        router.currentClient().request('POST', `/channels/${encodeURIComponent(port.id)}/continue`, {
          query: { context: 'confbridge', extension: ROOM, priority: 1 },
        }),
      )
      .catch((error: unknown) => console.error(`could not send ${port.id} to ConfBridge: ${String(error)}`));
  });
  router.start();
  await router.waitForState('connected', 30_000);
  const confBridgeResults: LevelResult[] = [];
  try {
    for (const participants of LEVELS.slice(0, Math.max(1, runtimeResults.length))) {
      const result = await runLevel(participants, confBridgeCount, null);
      confBridgeResults.push(result);
      console.log(
        `ConfBridge room: ${result.inRoom}/${participants} in the conference; Asterisk ${fixed(result.asteriskCpu)}% CPU`,
      );
      if (result.inRoom < participants) break;
    }
  } finally {
    await router.stop();
  }

  console.log(
    '\nparticipants | runtime room: Asterisk CPU | runtime CPU | runtime CPU/participant | runtime RSS | ConfBridge: Asterisk CPU',
  );
  for (const result of runtimeResults) {
    const native = confBridgeResults.find((candidate) => candidate.participants === result.participants);
    console.log(
      `${String(result.inRoom).padStart(12)} | ${fixed(result.asteriskCpu).padStart(24)}% | ${fixed(result.runtimeCpu ?? NaN, 2).padStart(10)}% | ` +
        `${fixed((result.runtimeCpu ?? NaN) / result.participants, 3).padStart(22)}% | ${fixed(result.runtimeRssMb ?? NaN).padStart(8)} MB | ` +
        `${native ? fixed(native.asteriskCpu) : '-'}%`,
    );
  }
  const full = runtimeResults.filter((result) => result.inRoom === result.participants && result.runtimeCpu !== null);
  // RSS is mostly the process itself (Node, tsx, the TTS engine) and moves with garbage collection: the growth from
  // the smallest to the largest full level tells what participants cost.
  const [smallest, largest] = [full[0], full.at(-1)];
  if (smallest && largest && largest !== smallest) {
    const growth = (largest.runtimeRssMb! - smallest.runtimeRssMb!) / (largest.participants - smallest.participants);
    console.log(
      `runtime RSS growth from ${smallest.participants} to ${largest.participants} participants: ${fixed(growth * 1024, 0)} kB/participant`,
    );
  }
  const worst = Math.max(...full.map((result) => result.runtimeCpu! / result.participants));
  console.log(
    `\nruntime CPU per participant, worst level: ${fixed(worst, 3)}% of a core (target < 1%): ${worst < 1 ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = worst < 1 ? 0 : 1;
}

await main();
