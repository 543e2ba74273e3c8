// What the queue service keeps in storage (db/queues.ts implements it on SQLite; tests in memory): every place in
// every queue, so a restarted runtime keeps each caller's place, and one history row per queued call.

export type QueueEntryKind = 'caller' | 'callback';

/** One place in a department's queue. Order: higher priority first, then smaller seq (FIFO). */
export interface QueueEntry {
  id: string;
  /** Department name as the queue node names it. */
  department: string;
  priority: number;
  seq: number;
  enteredAt: number;
  kind: QueueEntryKind;
  /** The waiting caller's channel (kind caller); null for a callback. */
  channelId: string | null;
  callId: string | null;
  callerNumber: string;
  callerName: string;
  /** Where a callback rings the caller back (kind callback). */
  callbackEndpoint: string | null;
  callbackAttempts: number;
  historyId: string;
}

export type QueueOutcome =
  | 'answered'
  | 'abandoned'
  | 'timeout'
  | 'full'
  | 'no-agents'
  | 'left-by-key'
  | 'callback-requested'
  | 'callback-answered'
  | 'callback-failed'
  | 'lost';

/** One agent rung for a queued call. */
export interface QueueOffer {
  username: string;
  /** When the agent started ringing. */
  at: number;
  /** answered | no-answer | busy | failed | answered-elsewhere | line-in-use */
  outcome: string;
  /** How long the agent had been free while this caller waited before being rung: the dispatcher's latency. */
  freeToRingMs: number | null;
  /** When the dispatcher chose this agent for this caller (absent for entries that were not an agent's ring). */
  offeredAt?: number;
}

export interface QueueHistoryStart {
  id: string;
  callId: string | null;
  department: string;
  priority: number;
  seq: number;
  callerNumber: string;
  enteredAt: number;
  positionAtEntry: number;
}

export interface QueueHistoryEnd {
  outcome: QueueOutcome;
  leftAt: number;
  waitMs: number;
  answeredBy: string | null;
}

export interface QueueStore {
  /** Every place saved, for a runtime that starts (callers of a previous run, pending callbacks). */
  loadEntries(): QueueEntry[];
  /** The largest seq ever given (entries and history), so a new run keeps FIFO order across restarts. */
  lastSeq(): number;
  saveEntry(entry: QueueEntry): void;
  deleteEntry(id: string): void;
  startHistory(row: QueueHistoryStart): void;
  addOffer(historyId: string, offer: QueueOffer): void;
  /** Closes a history row; an outcome written once is final (a later call is ignored). */
  finishHistory(historyId: string, end: QueueHistoryEnd): void;
  /** Rewrites the outcome of a history row (a callback request that was later answered or failed). */
  reopenHistory?(historyId: string): void;
}

/** Keeps everything in memory: the simulator and tests. */
export function memoryQueueStore(): QueueStore & {
  history: Map<string, QueueHistoryStart & Partial<QueueHistoryEnd> & { offers: QueueOffer[] }>;
} {
  const entries = new Map<string, QueueEntry>();
  const history = new Map<string, QueueHistoryStart & Partial<QueueHistoryEnd> & { offers: QueueOffer[] }>();
  let seq = 0;
  return {
    history,
    loadEntries: () => [...entries.values()],
    lastSeq: () => seq,
    saveEntry: (entry) => {
      seq = Math.max(seq, entry.seq);
      entries.set(entry.id, { ...entry });
    },
    deleteEntry: (id) => entries.delete(id),
    startHistory: (row) => history.set(row.id, { ...row, offers: [] }),
    addOffer: (historyId, offer) => history.get(historyId)?.offers.push(offer),
    finishHistory: (historyId, end) => {
      const row = history.get(historyId);
      if (row && row.outcome === undefined) Object.assign(row, end);
    },
    reopenHistory: (historyId) => {
      const row = history.get(historyId);
      if (row) delete row.outcome;
    },
  };
}
