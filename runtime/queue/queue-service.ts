import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { AgentDirectory, AgentStatus, Department } from './departments.ts';
import { chooseAgents, type Candidate, type StrategyMemory } from './strategies.ts';
import type { QueueEntry, QueueOutcome, QueueStore } from './queue-store.ts';
import { personDialString } from '../person-dial.ts';

// The queues of every department, in the runtime, on ARI bridges (docs/decisions/014-queues-on-ari-bridges.md).
// Callers wait in their own channel (music, announcements: the queue executor); this service keeps the order
// (priority, then FIFO), picks agents by the department's strategy, and tracks what each agent is doing. One
// dispatcher decides every offer, synchronously: two callers can never be offered the same agent.

/** Agents handed to a waiting caller: ring them all at once, the first to answer gets the call. */
export interface AgentOffer {
  id: string;
  /** When the dispatcher chose these agents for this caller (history's order check is made against it). */
  decidedAt: number;
  agents: {
    username: string;
    endpoint: string;
    /** Since when the agent was free while this caller waited (null if unknown): the dispatcher's latency is measured from it. */
    freeReference: number | null;
  }[];
  ringSeconds: number;
}

/** How each agent of an offer ended. */
export type OfferAgentOutcome =
  | 'answered'
  | 'no-answer'
  | 'busy'
  | 'failed'
  | 'answered-elsewhere'
  | 'line-in-use'
  /** The caller left (hung up, pressed a key) while the agent rang: not the agent's fault, no retry delay. */
  | 'caller-left';

/** What a queue node needs of the queues (QueueService; unavailable-services.ts when a runtime has none). */
export interface QueueAccess {
  department(name: string): Department | null;
  join(request: JoinQueueRequest): JoinResult;
  /** Where to ring a caller back who is not a person of the directory (a trunk dial string), or null. */
  callbackEndpointFor(callerNumber: string): string | null;
  /**
   * After a runtime restart, a caller is still talking to `agent`, who answered them from `department`'s queue: the
   * agent stays on that call (not offered to anyone) until the returned function says the conversation is over.
   */
  takeBackConversation(agent: string, department: string): () => void;
}

export interface JoinQueueRequest {
  department: Department;
  priority: number;
  callId: string | null;
  channelId: string;
  callerNumber: string;
  callerName: string;
  /** 0 = no limit; callbacks count (queues.conf maxlen). */
  maxWaiting: number;
  /** Join even when no agent is logged in (queues.conf joinempty). */
  joinWhenNoAgents: boolean;
  /** A place kept from before a runtime restart: the caller takes it back. */
  resumeEntryId?: string;
}

export type JoinResult = { kind: 'full' } | { kind: 'no-agents' } | { kind: 'joined'; ticket: QueueTicket };

/** Rings a callback: the agent first, then the caller, and bridges them (runtime/ari/callback-dialer.ts). */
export interface CallbackDialer {
  connect(request: {
    agentEndpoint: string;
    callerEndpoint: string;
    agentRingSeconds: number;
    callerNumber: string;
    department: string;
    /** Told when the agent answered and the caller is being rung. */
    onAgentAnswered: () => void;
  }): Promise<
    { outcome: 'agent-no-answer' | 'caller-no-answer' | 'failed' } | { outcome: 'connected'; talkMs: number }
  >;
}

/** Whether an agent's phone is already on a call (Asterisk's device state), so they are never rung twice. */
export interface LineStates {
  /** Asks Asterisk now. */
  inUse(username: string): Promise<boolean>;
  /**
   * What a recent picture of all lines says, without waiting: the dispatcher skips busy agents with it, and asks
   * inUse() only when it is undefined (no recent picture).
   */
  busyNow?(username: string): boolean | undefined;
}

export interface QueueServiceOptions {
  agents: AgentDirectory;
  store: QueueStore;
  logger: Logger;
  /** How agents are rung: all their devices at once by default (personDialString). */
  endpointOf?: (username: string) => string;
  lines?: LineStates;
  callbacks?: CallbackDialer;
  now?: () => number;
  random?: () => number;
  /** A caller of a previous run who has not taken back their place this long after start-up is counted lost. */
  resumeGraceMs?: number;
  /**
   * Dial string for calling back a number outside the directory, with {number} in it (e.g. "PJSIP/{number}@trunk",
   * SWITCHBOARD_CALLBACK_DIAL); without it only directory people can ask for a callback.
   */
  callbackDialTemplate?: string;
  /** Callback attempts before giving up on a caller who does not answer. Default 3. */
  callbackAttempts?: number;
  /** Wait between two callback attempts. Default 60 s. */
  callbackRetryMs?: number;
}

export interface QueueSnapshot {
  department: string;
  waiting: { entryId: string; kind: QueueEntry['kind']; priority: number; callerNumber: string; enteredAt: number }[];
  agents: { username: string; state: AgentStatus['state']['kind']; since: number }[];
}

interface LiveEntry extends QueueEntry {
  /** The offer being rung for it, if any. */
  offer: AgentOffer | null;
  /** A ticket's wait for its next offer. */
  deliver: ((offer: AgentOffer) => void) | null;
  pendingOffer: AgentOffer | null;
  /** Callbacks: not offered again before this time (after a caller who did not answer). */
  notBefore: number;
  /** Listeners told when the last agent of the department logs out. */
  onAgentsGone: Set<() => void>;
  /** Listeners told when an offer arrives while the caller is not waiting for one (hearing an announcement). */
  onOfferPending: Set<() => void>;
  /** Set for entries loaded from storage until their caller takes them back. */
  orphanedSince: number | null;
}

const key = (department: string) => department.trim().toLowerCase();
const DEPARTMENT_CACHE_MS = 1_000;

export class QueueService implements QueueAccess {
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly endpointOf: (username: string) => string;
  /** Waiting entries per department key, kept in queue order. */
  private readonly queues = new Map<string, LiveEntry[]>();
  private readonly entriesById = new Map<string, LiveEntry>();
  private readonly statuses = new Map<string, AgentStatus>();
  private readonly departments = new Map<string, { department: Department | null; at: number }>();
  /** Agents in an offer being rung, by username. */
  private readonly reserved = new Set<string>();
  /** Agents talking to a queued caller (or a called-back one) of this run, with the department of the call. */
  private readonly talking = new Map<string, string>();
  /** Agents whose line is being looked at by sweepStaleAgents (one look at a time). */
  private readonly sweeping = new Set<string>();
  /** Agents of each offer still ringing, by offer id. */
  private readonly ringing = new Map<string, Set<string>>();
  /** Agents who did not answer: not rung again before this time (queues.conf retry). */
  private readonly skipUntil = new Map<string, number>();
  /** When each agent last became free, for the dispatcher's latency. */
  private readonly freeSince = new Map<string, number>();
  private readonly memory = new Map<string, StrategyMemory>();
  /** Average wait of answered calls per department (app_queue's holdtime: (old * 3 + new) / 4). */
  private readonly holdTimeMs = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private seq: number;
  private tick: ReturnType<typeof setInterval> | null = null;
  private readonly unsubscribe: () => void;
  private ticks = 0;
  /** Set while this service saves an agent's state, whose change notification it then ignores. */
  private savingOwnStatus = false;
  private dispatching = false;
  private dispatchAgain = false;
  private closed = false;

  constructor(private readonly options: QueueServiceOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.endpointOf = options.endpointOf ?? personDialString;
    this.seq = options.store.lastSeq();
    const startedAt = this.now();
    for (const entry of options.store.loadEntries()) {
      this.insert({
        ...entry,
        offer: null,
        deliver: null,
        pendingOffer: null,
        notBefore: 0,
        onAgentsGone: new Set(),
        onOfferPending: new Set(),
        orphanedSince: entry.kind === 'caller' ? startedAt : null,
      });
    }
    // Logins, pauses and department changes made elsewhere (web, CLI, feature codes) may free agents.
    this.unsubscribe = options.agents.subscribe(() => {
      // Our own saves notify too (the web's board listens): nothing changed that this service does not know.
      if (this.savingOwnStatus) return;
      this.statuses.clear();
      this.departments.clear();
      this.checkAgentsGone();
      this.dispatch();
    });
    // Time alone frees agents (wrap-up, retry delays, penalty widening) and ends forgotten places.
    this.tick = setInterval(() => this.onTick(), 1_000);
    this.tick.unref?.();
  }

  /**
   * The department as storage has it, read at most once a second (the dispatcher looks at it on every event; under
   * load those reads added up to tens of milliseconds). Any change made through the directory clears it at once.
   */
  department(name: string): Department | null {
    const now = Date.now();
    const cached = this.departments.get(key(name));
    if (cached && now - cached.at < DEPARTMENT_CACHE_MS) return cached.department;
    const department = this.options.agents.department(name);
    this.departments.set(key(name), { department, at: now });
    return department;
  }

  callbackEndpointFor(callerNumber: string): string | null {
    const template = this.options.callbackDialTemplate;
    if (!template || !/^\+?[0-9]{2,20}$/.test(callerNumber)) return null;
    return template.replaceAll('{number}', callerNumber);
  }

  takeBackConversation(agent: string, department: string): () => void {
    this.talking.set(agent, department);
    if (this.status(agent).state.kind !== 'on-call') this.setStatus(agent, { kind: 'on-call', department }, this.now());
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.conversationEnded(agent, department);
    };
  }

  join(request: JoinQueueRequest): JoinResult {
    const { department } = request;
    const resumed = request.resumeEntryId ? this.entriesById.get(request.resumeEntryId) : undefined;
    if (resumed && resumed.kind === 'caller') {
      resumed.orphanedSince = null;
      resumed.channelId = request.channelId;
      this.dispatch();
      return { kind: 'joined', ticket: new QueueTicket(this, resumed) };
    }
    const waiting = this.queues.get(key(department.name)) ?? [];
    if (request.maxWaiting > 0 && waiting.length >= request.maxWaiting) return { kind: 'full' };
    if (!request.joinWhenNoAgents && !department.members.some((member) => this.isLoggedIn(member.username, department)))
      return { kind: 'no-agents' };
    const entry: LiveEntry = {
      id: `que_${randomUUID()}`,
      department: department.name,
      priority: request.priority,
      seq: ++this.seq,
      enteredAt: this.now(),
      kind: 'caller',
      channelId: request.channelId,
      callId: request.callId,
      callerNumber: request.callerNumber,
      callerName: request.callerName,
      callbackEndpoint: null,
      callbackAttempts: 0,
      historyId: `qcl_${randomUUID()}`,
      offer: null,
      deliver: null,
      pendingOffer: null,
      notBefore: 0,
      onAgentsGone: new Set(),
      onOfferPending: new Set(),
      orphanedSince: null,
    };
    this.insert(entry);
    this.options.store.saveEntry(toStored(entry));
    this.options.store.startHistory({
      id: entry.historyId,
      callId: entry.callId,
      department: entry.department,
      priority: entry.priority,
      seq: entry.seq,
      callerNumber: entry.callerNumber,
      enteredAt: entry.enteredAt,
      positionAtEntry: this.positionOf(entry),
    });
    this.changed();
    this.dispatch();
    return { kind: 'joined', ticket: new QueueTicket(this, entry) };
  }

  /** Every department with someone waiting or an agent, for live views. */
  snapshot(): QueueSnapshot[] {
    return this.options.agents.departments().map((department) => ({
      department: department.name,
      waiting: (this.queues.get(key(department.name)) ?? []).map((entry) => ({
        entryId: entry.id,
        kind: entry.kind,
        priority: entry.priority,
        callerNumber: entry.callerNumber,
        enteredAt: entry.enteredAt,
      })),
      agents: department.members.map((member) => {
        const status = this.status(member.username);
        return { username: member.username, state: status.state.kind, since: status.since };
      }),
    }));
  }

  /** Calls holding a place as waiting callers now (live counts on the canvas tell waiting from talking). */
  waitingCallIds(): Set<string> {
    const ids = new Set<string>();
    for (const waiting of this.queues.values())
      for (const entry of waiting) if (entry.kind === 'caller' && entry.callId) ids.add(entry.callId);
    return ids;
  }

  /** Callers waiting per department key (live counts on the canvas). */
  /** Places held in every queue, callbacks included. */
  get placeCount(): number {
    return this.entriesById.size;
  }

  waitingCount(department: string): number {
    return this.queues.get(key(department))?.length ?? 0;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
    this.unsubscribe();
  }

  // ----- used by QueueTicket -----

  positionOf(entry: QueueEntry): number {
    const waiting = this.queues.get(key(entry.department)) ?? [];
    const index = waiting.findIndex((other) => other.id === entry.id);
    return index === -1 ? 0 : index + 1;
  }

  estimatedWaitMs(entry: QueueEntry): number | null {
    const average = this.holdTimeMs.get(key(entry.department));
    if (average === undefined) return null;
    return Math.max(0, average - (this.now() - entry.enteredAt));
  }

  takeOffer(entry: LiveEntry): AgentOffer | null {
    const offer = entry.pendingOffer;
    entry.pendingOffer = null;
    return offer;
  }

  waitForOffer(entry: LiveEntry, signal: AbortSignal): Promise<AgentOffer> {
    if (entry.pendingOffer) {
      const offer = entry.pendingOffer;
      entry.pendingOffer = null;
      return Promise.resolve(offer);
    }
    return new Promise<AgentOffer>((resolve, reject) => {
      const onAbort = () => {
        entry.deliver = null;
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      entry.deliver = (offer) => {
        signal.removeEventListener('abort', onAbort);
        entry.deliver = null;
        resolve(offer);
      };
    });
  }

  /**
   * The first agent to answer takes the caller: the place is left at once (the others stop ringing and report
   * answered-elsewhere). False when another agent was first, or the caller already left.
   */
  claim(entry: LiveEntry, offer: AgentOffer, username: string, ringAt: number): boolean {
    if (entry.offer?.id !== offer.id || !this.entriesById.has(entry.id)) return false;
    const now = this.now();
    this.recordRing(entry, offer, username, 'answered', ringAt);
    this.setStatus(username, { kind: 'on-call', department: entry.department }, now);
    this.talking.set(username, entry.department);
    this.reserved.delete(username);
    const waitMs = now - entry.enteredAt;
    const previous = this.holdTimeMs.get(key(entry.department));
    this.holdTimeMs.set(key(entry.department), previous === undefined ? waitMs : (previous * 3 + waitMs) / 4);
    entry.offer = null;
    this.remove(entry, { outcome: 'answered', leftAt: now, waitMs, answeredBy: username });
    this.dispatch();
    return true;
  }

  /** One agent of an offer stopped ringing without taking the call; one who did not answer is skipped a while. */
  ringEnded(entry: LiveEntry, offer: AgentOffer, username: string, outcome: OfferAgentOutcome, ringAt: number): void {
    const now = this.now();
    this.recordRing(entry, offer, username, outcome, ringAt);
    this.reserved.delete(username);
    if (outcome !== 'answered-elsewhere' && outcome !== 'caller-left') {
      const department = this.department(entry.department);
      this.skipUntil.set(username, now + (department?.retrySeconds ?? 5) * 1000);
    }
    if (this.status(username).state.kind === 'ringing') this.setStatus(username, { kind: 'available' }, now);
    const pending = this.ringing.get(offer.id);
    pending?.delete(username);
    if (!pending || pending.size === 0) {
      this.ringing.delete(offer.id);
      if (entry.offer?.id === offer.id) entry.offer = null;
    }
    this.changed();
    this.dispatch();
  }

  private recordRing(entry: LiveEntry, offer: AgentOffer, username: string, outcome: string, ringAt: number): void {
    const agent = offer.agents.find((candidate) => candidate.username === username);
    const reference = agent?.freeReference ?? null;
    this.options.store.addOffer(entry.historyId, {
      username,
      at: ringAt,
      outcome,
      freeToRingMs: reference === null ? null : Math.max(0, ringAt - reference),
      offeredAt: offer.decidedAt,
    });
    this.ringing.get(offer.id)?.delete(username);
  }

  /** The agent's conversation with a queued caller is over: wrap-up, then available again. */
  conversationEnded(username: string, departmentName: string): void {
    this.talking.delete(username);
    const now = this.now();
    const department = this.department(departmentName);
    const previous = this.status(username);
    const wrapUpMs = (department?.wrapUpSeconds ?? 0) * 1000;
    const next: AgentStatus = {
      ...previous,
      state: wrapUpMs > 0 ? { kind: 'wrap-up', until: now + wrapUpMs } : { kind: 'available' },
      since: now,
      lastCallEndedAt: now,
      callsTaken: previous.callsTaken + 1,
    };
    this.save(next);
    if (wrapUpMs === 0) this.freeSince.set(username, now);
    this.changed();
    this.dispatch();
  }

  leave(entry: LiveEntry, outcome: QueueOutcome): void {
    if (!this.entriesById.has(entry.id)) return;
    const now = this.now();
    this.remove(entry, { outcome, leftAt: now, waitMs: now - entry.enteredAt, answeredBy: null });
  }

  /** The caller hangs up and keeps their place: Switchboard calls them back when their turn comes. */
  toCallback(entry: LiveEntry, callbackEndpoint: string): void {
    if (!this.entriesById.has(entry.id)) return;
    entry.kind = 'callback';
    entry.channelId = null;
    entry.callbackEndpoint = callbackEndpoint;
    entry.deliver = null;
    entry.pendingOffer = null;
    this.options.store.saveEntry(toStored(entry));
    this.options.store.addOffer(entry.historyId, {
      username: '',
      at: this.now(),
      outcome: 'callback-requested',
      freeToRingMs: null,
    });
    this.changed();
    this.dispatch();
  }

  watchOfferPending(entry: LiveEntry, listener: () => void): () => void {
    if (entry.pendingOffer) queueMicrotask(listener);
    entry.onOfferPending.add(listener);
    return () => entry.onOfferPending.delete(listener);
  }

  watchAgentsGone(entry: LiveEntry, listener: () => void): () => void {
    entry.onAgentsGone.add(listener);
    return () => entry.onAgentsGone.delete(listener);
  }

  // ----- dispatch -----

  /**
   * Hands free agents to waiting places, in queue order. Runs synchronously to the end (a re-entrant call is queued),
   * so one agent is never in two offers.
   */
  dispatch(): void {
    if (this.closed) return;
    if (this.dispatching) {
      this.dispatchAgain = true;
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.dispatchAgain = false;
        for (const waiting of this.queues.values()) this.dispatchDepartment(waiting);
      } while (this.dispatchAgain);
    } finally {
      this.dispatching = false;
    }
  }

  private dispatchDepartment(waiting: LiveEntry[]): void {
    if (waiting.length === 0) return;
    const department = this.department(waiting[0]!.department);
    if (!department) return;
    const now = this.now();
    let free = this.freeAgents(department, now);
    for (const entry of waiting) {
      if (free.length === 0) return;
      if (entry.offer || entry.orphanedSince !== null || entry.notBefore > now) continue;
      if (entry.kind === 'caller' && !entry.deliver && entry.pendingOffer) continue;
      const waitedSeconds = (now - entry.enteredAt) / 1000;
      const maxPenalty =
        department.widenPenaltyEverySeconds > 0
          ? Math.floor(waitedSeconds / department.widenPenaltyEverySeconds)
          : Number.POSITIVE_INFINITY;
      const eligible = free.filter((candidate) => candidate.penalty <= maxPenalty);
      // A callback rings one agent at a time: the agent must answer before the caller is rung.
      const strategy =
        entry.kind === 'callback' && department.strategy === 'ring-all' ? 'longest-idle' : department.strategy;
      const chosen = chooseAgents(strategy, eligible, this.memoryOf(department.name), this.random);
      if (chosen.length === 0) continue;
      const taken = new Set(chosen.map((candidate) => candidate.username));
      free = free.filter((candidate) => !taken.has(candidate.username));
      this.offer(entry, department, chosen, now);
    }
  }

  private offer(entry: LiveEntry, department: Department, chosen: Candidate[], now: number): void {
    const offer: AgentOffer = {
      id: randomUUID(),
      decidedAt: now,
      ringSeconds: department.agentRingSeconds,
      agents: chosen.map((candidate) => {
        const freeAt = this.freeSince.get(candidate.username);
        return {
          username: candidate.username,
          endpoint: this.endpointOf(candidate.username),
          freeReference: freeAt === undefined ? null : Math.max(freeAt, entry.enteredAt),
        };
      }),
    };
    for (const candidate of chosen) {
      this.reserved.add(candidate.username);
      this.setStatus(candidate.username, { kind: 'ringing', department: department.name }, now);
    }
    if (department.strategy === 'round-robin') this.memoryOf(department.name).lastRungOrder = chosen[0]!.order;
    entry.offer = offer;
    this.ringing.set(offer.id, new Set(chosen.map((candidate) => candidate.username)));
    void this.deliver(entry, offer);
  }

  /** Checks the agents' lines, then hands the offer to the caller's ticket (or rings a callback). */
  private async deliver(entry: LiveEntry, offer: AgentOffer): Promise<void> {
    const lines = this.options.lines;
    // Agents the recent picture of the lines vouches for were checked when chosen; only the others are asked now.
    const unknown = lines ? offer.agents.filter((agent) => lines.busyNow?.(agent.username) === undefined) : [];
    if (lines && unknown.length > 0) {
      const busy = await Promise.all(
        unknown.map(async (agent) => ((await lines.inUse(agent.username).catch(() => false)) ? agent : null)),
      );
      const inUse = busy.filter((agent): agent is AgentOffer['agents'][number] => agent !== null);
      if (inUse.length > 0) {
        const outcomes = new Map(inUse.map((agent) => [agent.username, 'line-in-use' as const]));
        for (const agent of inUse) {
          // On a call that did not come from a queue: not rung, and looked at again after the retry delay.
          this.reserved.delete(agent.username);
          this.setStatus(agent.username, { kind: 'on-call', department: null }, this.now());
          this.skipUntil.set(agent.username, this.now() + 2_000);
          this.options.store.addOffer(entry.historyId, {
            username: agent.username,
            at: this.now(),
            outcome: 'line-in-use',
            freeToRingMs: null,
          });
          this.ringing.get(offer.id)?.delete(agent.username);
        }
        offer.agents = offer.agents.filter((agent) => !outcomes.has(agent.username));
        if (offer.agents.length === 0) {
          entry.offer = null;
          this.ringing.delete(offer.id);
          this.dispatch();
          return;
        }
      }
    }
    if (entry.offer?.id !== offer.id) return;
    if (entry.kind === 'callback') return this.ringCallback(entry, offer);
    if (entry.deliver) entry.deliver(offer);
    else {
      entry.pendingOffer = offer;
      for (const listener of entry.onOfferPending) listener();
    }
  }

  private async ringCallback(entry: LiveEntry, offer: AgentOffer): Promise<void> {
    const agent = offer.agents[0]!;
    const dialer = this.options.callbacks;
    const ringAt = this.now();
    if (!dialer || !entry.callbackEndpoint) {
      this.ringEnded(entry, offer, agent.username, 'failed', ringAt);
      this.leave(entry, 'callback-failed');
      return;
    }
    let agentAnswered = false;
    const result = await dialer
      .connect({
        agentEndpoint: agent.endpoint,
        callerEndpoint: entry.callbackEndpoint,
        agentRingSeconds: offer.ringSeconds,
        callerNumber: entry.callerNumber,
        department: entry.department,
        onAgentAnswered: () => {
          agentAnswered = true;
          this.recordRing(entry, offer, agent.username, 'answered', ringAt);
          this.reserved.delete(agent.username);
          this.setStatus(agent.username, { kind: 'on-call', department: entry.department }, this.now());
          this.talking.set(agent.username, entry.department);
        },
      })
      .catch((error: unknown) => {
        this.options.logger.warn(`The callback of ${entry.callerNumber} failed: ${String(error)}`);
        return { outcome: 'failed' as const };
      });
    if (!agentAnswered) {
      this.ringEnded(entry, offer, agent.username, result.outcome === 'failed' ? 'failed' : 'no-answer', ringAt);
      return;
    }
    this.ringing.delete(offer.id);
    entry.offer = null;
    const now = this.now();
    if (result.outcome === 'connected') {
      // After the agent's own "answered": history shows the agent was reached first, then the caller.
      this.options.store.addOffer(entry.historyId, {
        username: '',
        at: now - result.talkMs,
        outcome: 'callback-caller-answered',
        freeToRingMs: null,
      });
      this.options.store.reopenHistory?.(entry.historyId);
      this.remove(entry, {
        outcome: 'callback-answered',
        leftAt: now,
        waitMs: now - entry.enteredAt,
        answeredBy: agent.username,
      });
    } else {
      entry.callbackAttempts += 1;
      this.options.store.addOffer(entry.historyId, {
        username: '',
        at: now,
        outcome: 'callback-caller-no-answer',
        freeToRingMs: null,
      });
      if (entry.callbackAttempts >= (this.options.callbackAttempts ?? 3)) {
        this.options.store.reopenHistory?.(entry.historyId);
        this.leave(entry, 'callback-failed');
      } else {
        // Keeps its place: only not offered again before the retry delay.
        entry.notBefore = now + (this.options.callbackRetryMs ?? 60_000);
        this.options.store.saveEntry(toStored(entry));
      }
    }
    this.conversationEnded(agent.username, entry.department);
  }

  private freeAgents(department: Department, now: number): Candidate[] {
    const candidates: Candidate[] = [];
    department.members.forEach((member, order) => {
      if (!member.loggedIn || this.reserved.has(member.username)) return;
      // On a call that did not come from a queue (a direct call, an outgoing call): not rung.
      if (this.options.lines?.busyNow?.(member.username) === true) return;
      if ((this.skipUntil.get(member.username) ?? 0) > now) return;
      const status = this.status(member.username);
      const state = status.state;
      const free = state.kind === 'available' || (state.kind === 'wrap-up' && state.until <= now);
      if (!free) return;
      if (state.kind === 'wrap-up') {
        this.setStatus(member.username, { kind: 'available' }, state.until);
        this.freeSince.set(member.username, state.until);
      }
      if (!this.freeSince.has(member.username)) this.freeSince.set(member.username, now);
      candidates.push({
        username: member.username,
        penalty: member.penalty,
        order,
        lastCallEndedAt: status.lastCallEndedAt,
        callsTaken: status.callsTaken,
      });
    });
    return candidates;
  }

  private isLoggedIn(username: string, department: Department): boolean {
    const member = department.members.find((candidate) => candidate.username === username);
    if (!member?.loggedIn) return false;
    return this.status(username).state.kind !== 'logged-out';
  }

  private checkAgentsGone(): void {
    for (const waiting of this.queues.values()) {
      if (waiting.length === 0) continue;
      const department = this.department(waiting[0]!.department);
      const anyone = department?.members.some((member) => this.isLoggedIn(member.username, department)) ?? false;
      if (anyone) continue;
      for (const entry of [...waiting]) for (const listener of entry.onAgentsGone) listener();
    }
  }

  private onTick(): void {
    const now = this.now();
    // A runtime in its own process does not hear the web's changes (logins, pauses): read the agents again now and then.
    if (++this.ticks % 3 === 0) {
      this.statuses.clear();
      this.sweepStaleAgents();
    }
    const grace = this.options.resumeGraceMs ?? 30_000;
    for (const entry of [...this.entriesById.values()]) {
      if (entry.orphanedSince !== null && now - entry.orphanedSince > grace) this.leave(entry, 'lost');
    }
    if (this.entriesById.size > 0) this.dispatch();
  }

  /**
   * Agents the saved state holds (ringing, on a call) while this run holds them in no offer and no conversation: left
   * so by a previous run that died (its offers died with it; takeBack hung up the legs still ringing) or by a call
   * that did not come through a queue (line in use). Asterisk's device state says when their phone is free again:
   * then a ringing agent is available, one who was talking to a queued caller wraps up. A wrap-up that is over
   * becomes available, so the agent's status says so even while nobody waits.
   */
  private sweepStaleAgents(): void {
    const lines = this.options.lines;
    const seen = new Set<string>();
    for (const department of this.options.agents.departments()) {
      for (const { username } of department.members) {
        if (seen.has(username)) continue;
        seen.add(username);
        // Read afresh and not cached: the cache must not keep a state the web changes just after (a pause).
        const state = this.options.agents.agentStatus(username).state;
        if (state.kind === 'wrap-up' && state.until <= this.now()) {
          this.setStatus(username, { kind: 'available' }, state.until);
          continue;
        }
        if (!lines || this.sweeping.has(username) || !this.isStale(username, state)) continue;
        this.sweeping.add(username);
        void lines
          .inUse(username)
          .then((inUse) => {
            if (inUse || this.closed) return;
            const now = this.options.agents.agentStatus(username).state;
            if (this.isStale(username, now)) this.release(username, now);
          })
          .catch(() => {}) // Asterisk out of reach: looked at again on a later tick
          .finally(() => this.sweeping.delete(username));
      }
    }
  }

  private isStale(username: string, state: AgentStatus['state']): boolean {
    if (state.kind === 'ringing') return !this.reserved.has(username);
    if (state.kind === 'on-call') return !this.talking.has(username);
    return false;
  }

  private release(username: string, state: AgentStatus['state']): void {
    this.options.logger.info(`Agent ${username} was left ${state.kind} but their phone is free: releasing them`);
    this.statuses.delete(username);
    if (state.kind === 'on-call' && state.department !== null) this.conversationEnded(username, state.department);
    else {
      this.setStatus(username, { kind: 'available' }, this.now());
      this.changed();
      this.dispatch();
    }
  }

  private status(username: string): AgentStatus {
    let status = this.statuses.get(username);
    if (!status) {
      status = this.options.agents.agentStatus(username);
      this.statuses.set(username, status);
    }
    return status;
  }

  private setStatus(username: string, state: AgentStatus['state'], since: number): void {
    this.save({ ...this.status(username), state, since });
    if (this.status(username).state.kind === 'available') this.freeSince.set(username, since);
    else this.freeSince.delete(username);
  }

  /**
   * Saves a state the runtime observed and keeps what storage made of it: a pause the person asked for during a
   * call starts when the runtime lets go of them (db/departments.ts), so the saved state may not be the one given.
   */
  private save(status: AgentStatus): void {
    this.savingOwnStatus = true;
    try {
      this.options.agents.saveAgentStatus(status);
    } finally {
      this.savingOwnStatus = false;
    }
    this.statuses.set(status.username, this.options.agents.agentStatus(status.username));
  }

  private memoryOf(department: string): StrategyMemory {
    let memory = this.memory.get(key(department));
    if (!memory) {
      memory = { lastRungOrder: null };
      this.memory.set(key(department), memory);
    }
    return memory;
  }

  private insert(entry: LiveEntry): void {
    const waiting = this.queues.get(key(entry.department)) ?? [];
    // Higher priority first, then FIFO by seq: find the first entry that should come after this one.
    const index = waiting.findIndex(
      (other) => other.priority < entry.priority || (other.priority === entry.priority && other.seq > entry.seq),
    );
    if (index === -1) waiting.push(entry);
    else waiting.splice(index, 0, entry);
    this.queues.set(key(entry.department), waiting);
    this.entriesById.set(entry.id, entry);
  }

  private remove(entry: LiveEntry, end: Parameters<QueueStore['finishHistory']>[1]): void {
    const waiting = this.queues.get(key(entry.department)) ?? [];
    const index = waiting.indexOf(entry);
    if (index !== -1) waiting.splice(index, 1);
    this.entriesById.delete(entry.id);
    entry.deliver = null;
    entry.onAgentsGone.clear();
    this.options.store.deleteEntry(entry.id);
    this.options.store.finishHistory(entry.historyId, end);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.options.logger.warn(`A queue listener failed: ${String(error)}`);
      }
    }
  }
}

function toStored(entry: LiveEntry): QueueEntry {
  return {
    id: entry.id,
    department: entry.department,
    priority: entry.priority,
    seq: entry.seq,
    enteredAt: entry.enteredAt,
    kind: entry.kind,
    channelId: entry.channelId,
    callId: entry.callId,
    callerNumber: entry.callerNumber,
    callerName: entry.callerName,
    callbackEndpoint: entry.callbackEndpoint,
    callbackAttempts: entry.callbackAttempts,
    historyId: entry.historyId,
  };
}

/** A caller's place in a queue, as the queue executor holds it. */
export class QueueTicket {
  constructor(
    private readonly service: QueueService,
    private readonly entry: LiveEntry,
  ) {}

  get entryId(): string {
    return this.entry.id;
  }

  get department(): string {
    return this.entry.department;
  }

  get enteredAt(): number {
    return this.entry.enteredAt;
  }

  position(): number {
    return this.service.positionOf(this.entry);
  }

  estimatedWaitMs(): number | null {
    return this.service.estimatedWaitMs(this.entry);
  }

  waitForOffer(signal: AbortSignal): Promise<AgentOffer> {
    return this.service.waitForOffer(this.entry, signal);
  }

  /** The offer already made to this caller and not yet taken, if any (no waiting). */
  takeOffer(): AgentOffer | null {
    return this.service.takeOffer(this.entry);
  }

  claim(offer: AgentOffer, username: string, ringAt: number): boolean {
    return this.service.claim(this.entry, offer, username, ringAt);
  }

  ringEnded(offer: AgentOffer, username: string, outcome: OfferAgentOutcome, ringAt: number): void {
    this.service.ringEnded(this.entry, offer, username, outcome, ringAt);
  }

  conversationEnded(username: string): void {
    this.service.conversationEnded(username, this.entry.department);
  }

  leave(outcome: QueueOutcome): void {
    this.service.leave(this.entry, outcome);
  }

  toCallback(endpoint: string): void {
    this.service.toCallback(this.entry, endpoint);
  }

  onAgentsGone(listener: () => void): () => void {
    return this.service.watchAgentsGone(this.entry, listener);
  }

  /** Told when agents are offered while the caller is busy listening: the announcement should stop at once. */
  onOfferPending(listener: () => void): () => void {
    return this.service.watchOfferPending(this.entry, listener);
  }
}
