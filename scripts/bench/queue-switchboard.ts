// The Switchboard side of `npm run bench:queue`: the agents as directory people (the runtime pushes their SIP
// accounts to Asterisk when it connects), and the runtime's queue_calls rows as QueuedCall records.
import type { SwitchboardDb } from '#db/client.ts';
import { addMember, createDepartment, loginAgent } from '#db/departments.ts';
import { createFlow } from '#db/flows.ts';
import { createUser } from '#db/users.ts';
import { defaultDataOf } from '#flows/catalogue.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { connect, draftNode, typedFlow } from '#runtime/testing/call-harness.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import type { QueuedCall, QueueOffer } from './queue-metrics.ts';

export const AGENT_PASSWORD = 'bench-agent-secret';

export interface BenchAgent {
  username: string;
  extension: string;
}

/** BENCH_AGENTS people agent01, agent02, ... with extensions 7301, 7302, ... */
export async function createAgents(db: SwitchboardDb, count: number): Promise<BenchAgent[]> {
  const agents: BenchAgent[] = [];
  for (let index = 1; index <= count; index++) {
    const agent = { username: `agent${String(index).padStart(2, '0')}`, extension: String(7300 + index) };
    await createUser(db, {
      ...agent,
      displayName: `Agent ${index}`,
      language: 'fr-FR',
      sipPassword: AGENT_PASSWORD,
      voicemailPin: '2580',
    });
    agents.push(agent);
  }
  return agents;
}

export interface CallCentreSettings {
  department: string;
  agents: BenchAgent[];
  agentRingSeconds: number;
  /** Dialled number -> fixed priority of its callers. */
  numbers: { number: string; priority: number }[];
}

/**
 * The department (longest-idle, no wrap-up, every agent logged in) and one published flow per number: start ->
 * queue (fixed priority, no time limit, no announcements: the bench measures dispatching), then the call ends.
 */
export async function setUpCallCentre(
  db: SwitchboardDb,
  prompts: PromptStore,
  settings: CallCentreSettings,
): Promise<void> {
  createDepartment(db, {
    name: settings.department,
    strategy: 'longest-idle',
    agentRingSeconds: settings.agentRingSeconds,
    retrySeconds: 1,
    wrapUpSeconds: 0,
    widenPenaltyEverySeconds: 0,
  });
  for (const agent of settings.agents) {
    addMember(db, { department: settings.department, person: agent.username });
    loginAgent(db, agent.username, { kind: 'one', department: settings.department });
  }
  for (const { number, priority } of settings.numbers) {
    const document = typedFlow({
      name: `Bench queue ${number}`,
      numbers: [number],
      nodes: [
        draftNode('start', 'start'),
        draftNode('queue', 'queue', {
          ...defaultDataOf('queue'),
          department: settings.department,
          priority: { kind: 'fixed', value: priority },
          maxWaitSeconds: 0,
          maxWaiting: 0,
          joinWhenNoAgents: true,
          leaveWhenNoAgents: false,
          announcePosition: false,
        }),
      ],
      edges: [connect('start', 'next', 'queue')],
    });
    const { flowId } = createFlow(db, { document, author: 'bench' });
    await publishFlow(db, { flowId, author: 'bench' }, prompts);
  }
}

/** A queue_calls row as SQLite returns it. */
export interface QueueCallRow {
  id: string;
  priority: number;
  seq: number;
  entered_at: number;
  left_at: number | null;
  outcome: string | null;
  offers: string;
}

interface StoredOffer {
  username: string;
  at: number;
  outcome: string;
  freeToRingMs: number | null;
  offeredAt?: number;
}

/**
 * One row as a QueuedCall. An offer not answered rang until the next offer to the same call, the call leaving, or
 * (no answer) the department's ring time, whichever came first: the table does not keep when each ring stopped.
 */
export function queuedCallFromRow(row: QueueCallRow, agentRingMs: number): QueuedCall {
  const stored = (JSON.parse(row.offers) as StoredOffer[]).sort((a, b) => a.at - b.at);
  const offers: QueueOffer[] = stored.map((offer, index) => {
    const answered = offer.outcome === 'answered';
    const next = stored.slice(index + 1).find((later) => later.at > offer.at)?.at ?? Infinity;
    const limit = Math.min(
      next,
      row.left_at ?? Infinity,
      offer.outcome === 'no-answer' ? offer.at + agentRingMs : Infinity,
    );
    return {
      at: offer.at,
      answered,
      endedAt: answered || !Number.isFinite(limit) ? null : limit,
      freeToRingMs: offer.freeToRingMs,
      ...(offer.offeredAt !== undefined ? { decidedAt: offer.offeredAt } : {}),
    };
  });
  return {
    id: row.id,
    priority: row.priority,
    seq: row.seq,
    enteredAt: row.entered_at,
    leftAt: row.left_at,
    outcome: row.outcome,
    offers,
  };
}

export function queuedCallsSince(
  db: SwitchboardDb,
  department: string,
  since: number,
  agentRingMs: number,
): QueuedCall[] {
  const rows = db.sqlite
    .prepare(
      'SELECT id, priority, seq, entered_at, left_at, outcome, offers FROM queue_calls WHERE department = ? AND entered_at >= ? ORDER BY seq',
    )
    .all(department, since) as QueueCallRow[];
  return rows.map((row) => queuedCallFromRow(row, agentRingMs));
}

export function waitingInQueue(db: SwitchboardDb, department: string): number {
  return (
    db.sqlite.prepare('SELECT count(*) AS n FROM queue_entries WHERE department = ?').get(department) as { n: number }
  ).n;
}
