// The Asterisk side of `npm run bench:queue`: the same callers and agents through app_queue's Queue(), configured
// only for the bench (an overlay folder for `asterisk-sandbox.sh restart`), and what Queue() did, read from AMI
// events (app_queue reports every join, ring, answer and hang-up there, with microsecond timestamps).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QueuedCall } from './queue-metrics.ts';

export const AMI_USER = 'bench';
const AMI_SECRET = 'bench-queue';

export interface NativeQueueSettings {
  agents: string[];
  /** Where every agent's phone answers (the sipp UAS): host:port. */
  agentContact: string;
  normalNumber: string;
  vipNumber: string;
  vipPriority: number;
  amiPort: number;
  agentRingSeconds: number;
}

/**
 * The overlay: the generated pjsip.conf and extensions.conf with the bench's agents and numbers added, queues.conf
 * with one queue (leastrecent: the agent idle the longest, like the department's longest-idle) and manager.conf for
 * AMI on loopback. Announcements off on both sides: the bench measures dispatching, not prompts.
 */
export function nativeQueueOverlay(astRoot: string, settings: NativeQueueSettings): string {
  const etc = path.join(astRoot, 'etc/asterisk');
  const pjsip = readFileSync(path.join(etc, 'pjsip.conf'), 'utf8');
  const extensions = readFileSync(path.join(etc, 'extensions.conf'), 'utf8');
  if (!extensions.includes('[from-sip]')) throw new Error('the sandbox extensions.conf has no [from-sip] context');

  const agentsConf = [
    '',
    '; ===== bench only (scripts/bench/queue.ts): the agents of the Queue() side, static contacts =====',
    '[bench-agent](!)',
    'type=endpoint',
    'context=from-sip',
    'disallow=all',
    'allow=ulaw,alaw',
    'direct_media=no',
    '',
    ...settings.agents.flatMap((agent) => [
      `[${agent}](bench-agent)`,
      `aors=${agent}`,
      '',
      `[${agent}]`,
      'type=aor',
      `contact=sip:${agent}@${settings.agentContact}`,
      '',
    ]),
  ].join('\n');

  // An exact extension wins over the _X! pattern that sends every number to Stasis.
  const queueExtensions = [settings.normalNumber, settings.vipNumber]
    .map((number) =>
      [
        `exten => ${number},1,Answer()`,
        ` same => n,Set(QUEUE_PRIO=${number === settings.vipNumber ? settings.vipPriority : 0})`,
        ' same => n,Queue(bench)',
        ' same => n,Hangup()',
      ].join('\n'),
    )
    .join('\n');

  const queues = [
    '; bench only (scripts/bench/queue.ts)',
    '[general]',
    'persistentmembers=no',
    'shared_lastcall=no',
    '',
    '[bench]',
    'strategy=leastrecent',
    `timeout=${settings.agentRingSeconds}`,
    'retry=1',
    'wrapuptime=0',
    'autofill=yes',
    'ringinuse=no',
    'joinempty=yes',
    'leavewhenempty=no',
    'musicclass=default',
    'announce-frequency=0',
    'announce-position=no',
    'announce-holdtime=no',
    'periodic-announce-frequency=0',
    'reportholdtime=no',
    ...settings.agents.map((agent) => `member => PJSIP/${agent},0,${agent}`),
    '',
  ].join('\n');

  const manager = [
    '; bench only (scripts/bench/queue.ts): AMI on loopback for the queue events',
    '[general]',
    'enabled=yes',
    'webenabled=no',
    `port=${settings.amiPort}`,
    'bindaddr=127.0.0.1',
    'timestampevents=yes',
    '',
    `[${AMI_USER}]`,
    `secret=${AMI_SECRET}`,
    'deny=0.0.0.0/0.0.0.0',
    'permit=127.0.0.1/255.255.255.255',
    'read=agent',
    'write=',
    '',
  ].join('\n');

  const overlay = mkdtempSync(path.join(tmpdir(), 'bench-queue-conf-'));
  writeFileSync(path.join(overlay, 'pjsip.conf'), pjsip + agentsConf);
  writeFileSync(
    path.join(overlay, 'extensions.conf'),
    extensions.replace('[from-sip]', `[from-sip]\n${queueExtensions}\n`),
  );
  writeFileSync(path.join(overlay, 'queues.conf'), queues);
  writeFileSync(path.join(overlay, 'manager.conf'), manager);
  return overlay;
}

// ---------- AMI ----------

export type AmiEvent = Record<string, string>;

/** A minimal AMI client: logs in and keeps every event it receives. */
export class AmiEvents {
  readonly events: AmiEvent[] = [];
  private socket: Socket | null = null;

  async connect(port: number, timeoutMs = 10_000): Promise<void> {
    const socket = connect({ host: '127.0.0.1', port });
    this.socket = socket;
    let buffer = '';
    let loggedIn: (error?: Error) => void = () => {};
    const login = new Promise<void>((resolve, reject) => {
      loggedIn = (error) => (error ? reject(error) : resolve());
    });
    socket.setEncoding('utf8');
    socket.on('error', (error) => loggedIn(error));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 4);
        const message: AmiEvent = {};
        for (const line of block.split('\r\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) message[line.slice(0, colon)] = line.slice(colon + 1).trim();
        }
        if (message.Event) this.events.push(message);
        else if (message.Response === 'Success' && message.ActionID === 'login') loggedIn();
        else if (message.Response === 'Error' && message.ActionID === 'login')
          loggedIn(new Error(`AMI login refused: ${message.Message}`));
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.write(
      `Action: Login\r\nActionID: login\r\nUsername: ${AMI_USER}\r\nSecret: ${AMI_SECRET}\r\nEvents: agent\r\n\r\n`,
    );
    const timer = setTimeout(() => loggedIn(new Error('AMI login: no answer')), timeoutMs);
    try {
      await login;
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.socket?.end('Action: Logoff\r\n\r\n');
    this.socket?.destroy();
  }
}

const timestampMs = (event: AmiEvent): number => {
  const value = Number(event.Timestamp);
  if (!Number.isFinite(value)) throw new Error(`AMI event ${event.Event} without Timestamp (timestampevents=yes?)`);
  return value * 1000;
};

/**
 * Queue()'s calls as QueuedCall records. An agent becomes free when its previous queue call ends (AgentComplete), or
 * at `loadStartedAt` for its first one; the free-to-ring time of a ring is measured from the later of that moment and
 * the caller's entry (the same definition as Switchboard's queue_calls offers).
 */
export function callsFromAmi(
  events: AmiEvent[],
  options: { queue: string; vipNumber: string; vipPriority: number; loadStartedAt: number },
): QueuedCall[] {
  const calls = new Map<string, QueuedCall>();
  const freeSince = new Map<string, number>();
  /** Call id -> member -> index of the offer ringing that member. */
  const ringing = new Map<string, Map<string, number>>();
  let seq = 0;
  const member = (event: AmiEvent) => event.MemberName ?? event.Interface ?? '?';
  for (const event of events) {
    if (event.Queue !== undefined && event.Queue !== options.queue) continue;
    const at = timestampMs(event);
    const call = event.Uniqueid ? calls.get(event.Uniqueid) : undefined;
    switch (event.Event) {
      case 'QueueCallerJoin':
        calls.set(event.Uniqueid!, {
          id: event.Uniqueid!,
          priority: event.Exten === options.vipNumber ? options.vipPriority : 0,
          seq: ++seq,
          enteredAt: at,
          leftAt: null,
          outcome: null,
          offers: [],
        });
        break;
      case 'AgentCalled': {
        if (!call) break;
        const free = freeSince.get(member(event)) ?? options.loadStartedAt;
        call.offers.push({ at, answered: false, endedAt: null, freeToRingMs: at - Math.max(free, call.enteredAt) });
        const members = ringing.get(call.id) ?? new Map<string, number>();
        members.set(member(event), call.offers.length - 1);
        ringing.set(call.id, members);
        break;
      }
      case 'AgentConnect':
      case 'AgentRingNoAnswer': {
        if (!call) break;
        const index = ringing.get(call.id)?.get(member(event));
        const offer = index === undefined ? undefined : call.offers[index];
        if (!offer) break;
        if (event.Event === 'AgentConnect') {
          offer.answered = true;
          call.outcome = 'answered';
        } else {
          offer.endedAt = at;
          freeSince.set(member(event), at);
        }
        break;
      }
      case 'QueueCallerAbandon':
        if (!call) break;
        call.outcome = 'abandoned';
        // Agents still ringing for this caller stop ringing now: free again from here.
        for (const [name, index] of ringing.get(call.id) ?? [])
          if (!call.offers[index]!.answered && call.offers[index]!.endedAt === null) freeSince.set(name, at);
        break;
      case 'QueueCallerLeave':
        if (call) call.leftAt ??= at;
        break;
      case 'AgentComplete':
      case 'AgentDump':
        freeSince.set(member(event), at);
        break;
    }
  }
  // A call that left without connecting or abandoning (e.g. Queue() timed out) is "left".
  return [...calls.values()].map((call) => ({
    ...call,
    outcome: call.outcome ?? (call.leftAt === null ? null : 'left'),
  }));
}
