// The load of `npm run bench:queue`, the same for Switchboard and for Asterisk's Queue(): agents and callers, all
// sipp, all on loopback.
//
// Agents: ONE sipp UAS on one port answers for every agent (Asterisk puts the account in the request URI; the UAS
// does not care which): it rings for BENCH_PICKUP_MS, answers, talks (RTP: the first BENCH_TALK_S seconds of sipp's
// g711a.pcap) and hangs up, unless the caller hangs up first. Registered accounts register from that port first.
// Callers: ONE sipp UAC placing calls from an injection file (number dialled = priority, patience) with a limit on
// calls in progress (-l): each call that ends makes room for a new one, so the queue keeps about
// `limit - agents` callers waiting for as long as it runs. SIGUSR1 stops new calls and lets the others finish.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PCAP = '/usr/share/sip-tester/g711a.pcap';

/** Keeps the first `ms` of a pcap's packets (classic libpcap format): the talk of an agent, with RTP. */
export function trimmedPcap(source: string, ms: number, target: string): void {
  const data = readFileSync(source);
  const magic = data.readUInt32LE(0);
  if (magic !== 0xa1b2c3d4) throw new Error(`${source}: not a little-endian microsecond pcap`);
  let offset = 24;
  let first: number | null = null;
  while (offset + 16 <= data.length) {
    const at = data.readUInt32LE(offset) * 1000 + data.readUInt32LE(offset + 4) / 1000;
    first ??= at;
    if (at - first >= ms) break;
    offset += 16 + data.readUInt32LE(offset + 8);
  }
  writeFileSync(target, data.subarray(0, offset));
}

// ---------- scenarios ----------

/**
 * Registers [field0] from this port after removing every contact the account had (`Contact: *`, `Expires: 0`):
 * contacts left by an earlier run would make Asterisk fork each call to ports where nobody (or someone else)
 * listens. With `unregister`, only the removal.
 */
function registerScenario(unregister: boolean): string {
  const request = (contact: string, expires: number, auth: boolean) => `<![CDATA[
      REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:[field0]@[remote_ip]:[remote_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[field0]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: [cseq] REGISTER
      Contact: ${contact}
      Expires: ${expires}
${auth ? '      [field1]\n' : ''}      Max-Forwards: 70
      Content-Length: 0
  ]]>`;
  // Asterisk challenges every REGISTER: each one goes twice, the second time with the digest.
  const exchange = (contact: string, expires: number) => `
  <send retrans="500">${request(contact, expires, false)}</send>
  <recv response="100" optional="true" timeout="5000"/>
  <recv response="401" auth="true" timeout="5000"/>
  <send retrans="500">${request(contact, expires, true)}</send>
  <recv response="100" optional="true" timeout="5000"/>
  <recv response="200" timeout="5000"/>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="queue-agent-register">${exchange('*', 0)}${unregister ? '' : exchange('<sip:[field0]@[local_ip]:[local_port]>', 3600)}
</scenario>
`;
}

/** An agent's phone: rings, answers (PCMA), talks with RTP, hangs up; a BYE from the caller's side ends it early. */
function agentScenario(pickupMs: number, talkMs: number, pcap: string): string {
  const response = (status: string, sdp: boolean) => `<![CDATA[
      SIP/2.0 ${status}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:agent@[local_ip]:[local_port];transport=[transport]>
${
  sdp
    ? `      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=agent 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 8
      a=rtpmap:8 PCMA/8000
      a=sendrecv`
    : '      Content-Length: 0'
}
  ]]>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="queue-agent">
  <recv request="INVITE" crlf="true">
    <action>
      <ereg regexp="sip:[^>;]*" search_in="hdr" header="Contact:" assign_to="peer_contact"/>
      <ereg regexp=".*" search_in="hdr" header="From:" assign_to="peer_from"/>
    </action>
  </recv>
  <send>${response('180 Ringing', false)}</send>
  <pause milliseconds="${pickupMs}"/>
  <send retrans="500">${response('200 OK', true)}</send>
  <recv request="ACK" timeout="10000">
    <action>
      <ereg regexp=".*" search_in="hdr" header="To:" assign_to="own_to"/>
    </action>
  </recv>
  <nop><action><exec play_pcap_audio="${pcap}"/></action></nop>
  <!-- Talk: the caller may hang up first (an impatient caller), else the agent does after the talk. -->
  <recv request="BYE" timeout="${talkMs}" ontimeout="hangup"/>
  <send>${response('200 OK', false)}</send>
  <nop next="end"/>
  <label id="hangup"/>
  <send retrans="500"><![CDATA[
      BYE [$peer_contact] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From:[$own_to]
      To:[$peer_from]
      Call-ID: [call_id]
      CSeq: 101 BYE
      Contact: <sip:agent@[local_ip]:[local_port];transport=[transport]>
      Max-Forwards: 70
      Content-Length: 0
  ]]></send>
  <recv response="200" timeout="5000"/>
  <label id="end"/>
</scenario>
`;
}

/**
 * A caller: dials [field0] (the number gives the priority), is answered by the queue (music), waits for the BYE that
 * ends the conversation with the agent. [field1] = 1 makes an impatient caller who hangs up after `patienceMs`
 * (answered or not: the queue's own record says which it was).
 */
function callerScenario(patienceMs: number, longestMs: number): string {
  const request = (method: string, cseq: number, body: string) => `<![CDATA[
      ${method} sip:[field0]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:caller[call_number]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[field0]@[remote_ip]:[remote_port]>${method === 'INVITE' ? '' : '[peer_tag_param]'}
      Call-ID: [call_id]
      CSeq: ${cseq} ${method}
      Contact: sip:caller[call_number]@[local_ip]:[local_port]
      Max-Forwards: 70
${body}
  ]]>`;
  const sdp = `      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=caller 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 8
      a=rtpmap:0 PCMU/8000
      a=rtpmap:8 PCMA/8000
      a=sendrecv`;
  const byeResponse = `<![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
  ]]>`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="queue-caller">
  <nop>
    <action>
      <assignstr assign_to="kind" value="[field1]"/>
      <todouble assign_to="impatient" variable="kind"/>
      <test assign_to="is_impatient" variable="impatient" compare="equal" value="1"/>
    </action>
  </nop>
  <send retrans="500">${request('INVITE', 1, sdp)}</send>
  <recv response="100" optional="true" timeout="10000"/>
  <recv response="180" optional="true" timeout="10000"/>
  <recv response="183" optional="true" timeout="10000"/>
  <recv response="200" rtd="true" timeout="30000"/>
  <send>${request('ACK', 1, '      Content-Length: 0')}</send>
  <nop test="is_impatient" next="impatient"/>
  <recv request="BYE" timeout="${longestMs}"/>
  <send>${byeResponse}</send>
  <nop next="end"/>
  <label id="impatient"/>
  <recv request="BYE" timeout="${patienceMs}" ontimeout="give-up"/>
  <send>${byeResponse}</send>
  <nop next="end"/>
  <label id="give-up"/>
  <send retrans="500">${request('BYE', 2, '      Content-Length: 0')}</send>
  <recv response="200" timeout="10000"/>
  <label id="end"/>
</scenario>
`;
}

// ---------- processes ----------

export interface SippStats {
  successful: number;
  failed: number;
  created: number;
}

function readStats(statFile: string): SippStats {
  const lines = readFileSync(statFile, 'utf8').trim().split('\n');
  const header = lines[0]!.split(';');
  const last = lines.at(-1)!.split(';');
  const column = (name: string) => Number(last[header.indexOf(name)]);
  return {
    successful: column('SuccessfulCall(C)'),
    failed: column('FailedCall(C)'),
    created: column('OutgoingCall(C)') + column('IncomingCall(C)'),
  };
}

interface SippProcess {
  child: ChildProcess;
  done: Promise<{ code: number | null; stats: SippStats | null; errors: string }>;
}

function runSipp(args: string[], dir: string, statFile: string | null): SippProcess {
  const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
    if (errors.length > 20_000) errors = errors.slice(-10_000);
  });
  const done = new Promise<{ code: number | null; stats: SippStats | null; errors: string }>((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`cannot run sipp (install sip-tester): ${error.message}`)));
    child.on('close', (code) => {
      let stats: SippStats | null = null;
      try {
        if (statFile) stats = readStats(statFile);
      } catch {
        // no statistics: the errors say why
      }
      resolve({ code, stats, errors });
    });
  });
  return { child, done };
}

const common = (port: number, mediaPort: number) => [
  '-i',
  '127.0.0.1',
  '-p',
  String(port),
  '-mi',
  '127.0.0.1',
  '-mp',
  String(mediaPort),
  '-nostdin',
];

export interface Agents {
  /** host:port where every agent's calls arrive. */
  contact: string;
  stop(): Promise<void>;
}

export interface AgentSettings {
  port: number;
  mediaPort: number;
  pickupMs: number;
  talkMs: number;
}

export class LoadDir {
  readonly path = mkdtempSync(path.join(tmpdir(), 'bench-queue-'));
  file(name: string, content: string | Buffer): string {
    const file = path.join(this.path, name);
    writeFileSync(file, content);
    return file;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/**
 * Registers each account (user name, password) from the agents' port, so that Asterisk sends their calls there (or,
 * with `unregister`, removes every contact of the accounts).
 */
export async function registerAccounts(
  dir: LoadDir,
  sipTarget: string,
  port: number,
  accounts: { username: string; password: string }[],
  options: { unregister?: boolean } = {},
): Promise<void> {
  const scenario = dir.file('register.xml', registerScenario(options.unregister ?? false));
  const inf = dir.file(
    'accounts.csv',
    // sipp takes the [authentication ...] keyword from the injection file whole (it cannot nest [fieldN] in it).
    [
      'SEQUENTIAL',
      ...accounts.map((a) => `${a.username};[authentication username=${a.username} password=${a.password}]`),
    ].join('\n') + '\n',
  );
  const statFile = path.join(dir.path, 'register-stats.csv');
  const sipp = runSipp(
    [
      sipTarget,
      '-sf',
      scenario,
      '-inf',
      inf,
      ...common(port, port + 2),
      '-m',
      String(accounts.length),
      '-l',
      '10',
      '-r',
      '20',
      '-timeout',
      '60s',
      '-trace_stat',
      '-stf',
      statFile,
      '-fd',
      '1',
    ],
    dir.path,
    statFile,
  );
  const { code, stats, errors } = await sipp.done;
  if (code !== 0 || !stats || stats.successful !== accounts.length)
    throw new Error(
      `registering ${accounts.length} agents: sipp exit ${code}, ${stats?.successful ?? 0} registered\n${errors.slice(-2000)}`,
    );
}

/** The agents' phones, until stop(). */
export function startAgents(dir: LoadDir, settings: AgentSettings): Agents {
  const pcap = path.join(dir.path, 'talk.pcap');
  trimmedPcap(PCAP, settings.talkMs, pcap);
  const scenario = dir.file('agent.xml', agentScenario(settings.pickupMs, settings.talkMs, pcap));
  const sipp = runSipp(
    ['-sf', scenario, ...common(settings.port, settings.mediaPort), '-timeout', '3600s'],
    dir.path,
    null,
  );
  return {
    contact: `127.0.0.1:${settings.port}`,
    async stop() {
      sipp.child.kill('SIGTERM');
      const timer = setTimeout(() => sipp.child.kill('SIGKILL'), 5_000);
      await sipp.done;
      clearTimeout(timer);
    },
  };
}

export interface CallerMix {
  /** Number dialled by normal callers, and by VIP callers. */
  normalNumber: string;
  vipNumber: string;
  /** Share of VIP callers, 0..1. */
  vipShare: number;
  /** Share of callers who hang up after `patienceMs`, 0..1. */
  impatientShare: number;
  patienceMs: number;
}

/**
 * The callers' list, the same on both sides: a seeded random sequence of (number, impatient). sipp starts again from
 * the top if a run needs more lines than this.
 */
export function callerLines(mix: CallerMix, count: number, seed = 12): { number: string; impatient: boolean }[] {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => ({
    number: random() < mix.vipShare ? mix.vipNumber : mix.normalNumber,
    impatient: random() < mix.impatientShare,
  }));
}

export interface Callers {
  /** Stop placing new calls; the calls in progress go on to their end. */
  stopPlacing(): void;
  done: Promise<SippStats>;
}

export interface CallerSettings {
  sipTarget: string;
  /** Calls in progress at most (waiting + talking). */
  limit: number;
  /** Calls placed per second while below the limit. */
  rate: number;
  mix: CallerMix;
  /** Whole-run limit for sipp. */
  timeoutSeconds: number;
}

export async function startCallers(
  dir: LoadDir,
  settings: CallerSettings,
  ports: { port: number; mediaPort: number },
): Promise<Callers> {
  const lines = callerLines(settings.mix, 5_000);
  const inf = dir.file(
    'callers.csv',
    ['SEQUENTIAL', ...lines.map((line) => `${line.number};${line.impatient ? 1 : 0}`)].join('\n') + '\n',
  );
  const scenario = dir.file('caller.xml', callerScenario(settings.mix.patienceMs, settings.timeoutSeconds * 1000));
  const statFile = path.join(dir.path, 'caller-stats.csv');
  const sipp = runSipp(
    [
      settings.sipTarget,
      '-sf',
      scenario,
      '-inf',
      inf,
      ...common(ports.port, ports.mediaPort),
      '-l',
      String(settings.limit),
      '-r',
      String(settings.rate),
      '-timeout',
      `${settings.timeoutSeconds}s`,
      '-trace_stat',
      '-stf',
      statFile,
      '-fd',
      '1',
    ],
    dir.path,
    statFile,
  );
  return {
    stopPlacing: () => sipp.child.kill('SIGUSR1'),
    done: sipp.done.then(({ code, stats, errors }) => {
      if (!stats) throw new Error(`the callers' sipp left no statistics (exit ${code})\n${errors.slice(-2000)}`);
      return stats;
    }),
  };
}
