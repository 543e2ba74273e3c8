// The call centre's departments and agents as the runtime sees them: the contract between the queue service
// (runtime/queue/) and storage (db/ implements it on SQLite; tests and the simulator in memory). No SQL here.

/**
 * How a department picks the agent(s) to ring for the caller at the head of its queue. Each has app_queue's meaning
 * (queues.conf `strategy=`): ring-all = ringall, longest-idle = leastrecent, round-robin = rrmemory,
 * fewest-calls = fewestcalls, random = random, linear = linear, weighted-random = wrandom.
 */
export const RING_STRATEGIES = [
  'ring-all',
  'longest-idle',
  'round-robin',
  'fewest-calls',
  'random',
  'linear',
  'weighted-random',
] as const;
export type RingStrategy = (typeof RING_STRATEGIES)[number];

/** One person of the directory in a department, with the penalty app_queue gives members (0 = first choice). */
export interface DepartmentMember {
  username: string;
  /** 0..99; lower penalties are rung first (app_queue member penalty). */
  penalty: number;
  /** Logged in to this department (by the web or the *45 feature code): only logged-in members are rung. */
  loggedIn: boolean;
}

/** A department: a named team of agents with its queue's agent-side settings (app_queue's per-queue options). */
export interface Department {
  id: string;
  name: string;
  strategy: RingStrategy;
  /** How long one agent is rung before the next attempt (queues.conf `timeout`). */
  agentRingSeconds: number;
  /** An agent who did not answer is not rung again for this long (queues.conf `retry`). */
  retrySeconds: number;
  /** After each queue call, the agent rests this long before being rung again (queues.conf `wrapuptime`). */
  wrapUpSeconds: number;
  /**
   * 0: every penalty tier may be rung from the start (lowest available tier first). Otherwise a caller who has
   * waited w seconds may reach agents with penalty <= floor(w / widenPenaltyEverySeconds), like a queue rule that
   * raises QUEUE_MAX_PENALTY over time.
   */
  widenPenaltyEverySeconds: number;
  members: DepartmentMember[];
}

/**
 * An agent's state (one per person, across departments). The person sets logged-out/available/paused (web or
 * feature code); the runtime sets ringing, on-call and wrap-up from what it sees, since every call goes through it.
 */
export type AgentState =
  | { kind: 'logged-out' }
  | { kind: 'available' }
  | { kind: 'ringing'; department: string }
  | { kind: 'on-call'; department: string | null }
  | { kind: 'wrap-up'; until: number }
  | { kind: 'paused'; reason: string };

export interface AgentStatus {
  username: string;
  state: AgentState;
  /** When the state began (ms since the epoch). */
  since: number;
  /** When the agent's last queue call ended (longest-idle), null if never. */
  lastCallEndedAt: number | null;
  /** Queue calls answered since the agent logged in (fewest-calls). */
  callsTaken: number;
}

export interface AgentDirectory {
  /** A department by id or by name (case-insensitive), with its members; null when there is none. */
  department(idOrName: string): Department | null;
  departments(): Department[];
  /** The agent's last saved status; a person never seen is logged out. */
  agentStatus(username: string): AgentStatus;
  /** Saves a state the runtime observed (kept in the database: a restart loses nobody's state). */
  saveAgentStatus(status: AgentStatus): void;
  /** Told when someone changes departments, logins or pauses (web, CLI, feature code); returns unsubscribe. */
  subscribe(listener: () => void): () => void;
}
