// Issue 12 on the real Asterisk: department queues. Three agents (alice, bob, julien: sipp phones registered with
// their own SIP accounts) in the department "Support"; callers reach the queue through the generated dialplan. What
// each test expects follows from what its agents and callers did; the runtime's history (queue_calls, call events)
// says what happened.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/queue.e2e.test.ts
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { createFlow } from '#db/flows.ts';
import {
  addMember,
  createDepartment,
  loginAgent,
  logoutAgent,
  pauseAgent,
  unpauseAgent,
  updateDepartment,
} from '#db/departments.ts';
import { recentQueueCalls, type QueueCallRow } from '#db/queues.ts';
import type { RingStrategy } from '#runtime/queue/departments.ts';
import { connect, draftNode, flowDocument } from '#flows/testing/documents.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { Callers, promptsPlayed, type PlacedCall } from './testing/callers.ts';
import { registerDeskPhone, type DeskPhone } from './testing/phones.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';

const ari = requireAriSettings();
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;
const AGENTS = ['alice', 'bob', 'julien'] as const;
type Agent = (typeof AGENTS)[number];

let workspace: RuntimeWorkspace;
let runtime: RuntimeProcess;
let callers: Callers;
const phones = new Map<Agent, DeskPhone>();

/** Numbers of the test flows: a plain caller, a VIP (priority 10), one who may leave with 9, one who may ask a callback with 1. */
const NORMAL = '8100';
const VIP = '8101';
const LEAVER = '8102';
const CALLBACK = '8103';

function queueFlow(
  number: string,
  queue: Record<string, unknown>,
  extra: { nodes?: unknown[]; edges?: unknown[] } = {},
) {
  return flowDocument({
    name: `Queue test ${number}`,
    numbers: [number],
    nodes: [
      draftNode('start', 'start'),
      draftNode('queue', 'queue', {
        department: 'Support',
        joinWhenNoAgents: true,
        leaveWhenNoAgents: false,
        firstAnnounceAfterSeconds: 1,
        announceEverySeconds: 20,
        ...queue,
      }),
      draftNode('done', 'hangup'),
      ...((extra.nodes ?? []) as ReturnType<typeof draftNode>[]),
    ],
    edges: [
      connect('start', 'next', 'queue'),
      connect('queue', 'answered', 'done'),
      ...((extra.edges ?? []) as ReturnType<typeof connect>[]),
    ],
  });
}

/** A desk phone for `agent` that answers every call, talks 3 s and hangs up. */
async function registerPhone(agent: Agent): Promise<void> {
  phones.set(agent, await registerDeskPhone(agent, 'uas-answer-hangup', sipTarget, { calls: 50, timeoutSeconds: 600 }));
}

beforeAll(async () => {
  workspace = await seededWorkspace();
  const prompts = createPromptStore({ PROMPTS_DIR: workspace.promptsDir });
  const documents = [
    queueFlow(NORMAL, { priority: { kind: 'fixed', value: 0 } }),
    queueFlow(VIP, { priority: { kind: 'fixed', value: 10 } }),
    queueFlow(
      LEAVER,
      { leaveKey: '9' },
      {
        nodes: [draftNode('mailbox', 'voicemail', { box: '6001', greeting: { kind: 'owner' } })],
        edges: [connect('queue', 'left', 'mailbox')],
      },
    ),
    queueFlow(CALLBACK, { callbackKey: '1' }),
  ];
  for (const document of documents) {
    const { flowId } = createFlow(workspace.db, { document, author: 'test' });
    await publishFlow(workspace.db, { flowId, author: 'test' }, prompts);
  }
  createDepartment(workspace.db, { name: 'Support', strategy: 'ring-all', wrapUpSeconds: 2, agentRingSeconds: 10 });
  for (const agent of AGENTS) addMember(workspace.db, { department: 'Support', person: agent });
  // Monday 10:00 in Paris, inside the seed calendar's opening hours (the call-centre example checks them).
  runtime = await startRuntimeProcess(workspace, ari, {
    env: { SWITCHBOARD_DEMO_SECRETS: '1', SWITCHBOARD_TEST_CLOCK: '2026-12-07T10:00:00+01:00' },
  });
  await runtime.waitUntilReady(60_000);
  callers = new Callers(ari, workspace.db);
  await callers.start();
  for (const agent of AGENTS) await registerPhone(agent);
}, 240_000);

beforeEach(() => {
  onTestFailed(() => console.error(`--- runtime output (last 8000 chars) ---\n${runtime.output().slice(-8_000)}`));
});

afterAll(async () => {
  for (const { unregister } of phones.values()) await unregister().catch(() => {});
  await callers?.stop();
  await runtime?.stop();
  workspace?.remove();
});

/** Logs exactly these agents in to Support, everyone else out, all unpaused, with the given strategy. */
function staff(strategy: RingStrategy, loggedIn: readonly Agent[], options: { wrapUpSeconds?: number } = {}): void {
  updateDepartment(workspace.db, 'Support', { strategy, wrapUpSeconds: options.wrapUpSeconds ?? 2 });
  for (const agent of AGENTS) {
    if (loggedIn.includes(agent)) {
      loginAgent(workspace.db, agent, { kind: 'all' });
      try {
        unpauseAgent(workspace.db, agent);
      } catch {
        // not paused
      }
    } else {
      try {
        logoutAgent(workspace.db, agent, { kind: 'all' });
      } catch {
        // already logged out
      }
    }
  }
}

function rowsSince(since: number): QueueCallRow[] {
  return recentQueueCalls(workspace.db, { department: 'Support', since }).sort((a, b) => a.seq - b.seq);
}

async function rowsWhen(since: number, check: (rows: QueueCallRow[]) => boolean, timeoutMs: number, what: string) {
  let rows: QueueCallRow[] = [];
  const describeRows = () =>
    JSON.stringify(
      rows.map(({ callerNumber, priority, outcome, answeredBy, offers }) => ({
        callerNumber,
        priority,
        outcome,
        answeredBy,
        offers,
      })),
    );
  await waitUntil(
    () => {
      rows = rowsSince(since);
      return check(rows);
    },
    timeoutMs,
    what,
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; queue rows: ${describeRows()}`);
  });
  return rows;
}

const answeredAll = (count: number) => (rows: QueueCallRow[]) =>
  rows.length === count && rows.every((row) => row.outcome === 'answered');

/** Places calls one after the other, each once the previous one was answered and its agent free again. */
async function callOneAfterAnother(count: number, since: number): Promise<QueueCallRow[]> {
  for (let i = 1; i <= count; i++) {
    await callers.dial(NORMAL);
    await rowsWhen(since, answeredAll(i), 30_000, `call ${i} of ${count} answered`);
    await new Promise((resolve) => setTimeout(resolve, 3_000 + 2_000 + 1_500)); // talk, wrap-up, margin
  }
  return rowsSince(since);
}

describe('department queues on the real Asterisk', () => {
  it('ring-all rings every free agent at once; the first to answer gets the caller, the others stop ringing', async () => {
    staff('ring-all', ['alice', 'bob']);
    const since = Date.now();
    await callers.dial(NORMAL);
    const [row] = await rowsWhen(
      since,
      (rows) => answeredAll(1)(rows) && rows[0]!.offers.length === 2,
      30_000,
      'the caller answered, both agents accounted for',
    );
    const rung = row!.offers.map((offer) => offer.username).sort();
    expect(rung).toEqual(['alice', 'bob']);
    // Rung at the same moment; exactly one took the call.
    expect(new Set(row!.offers.map((offer) => offer.at)).size).toBe(1);
    expect(row!.offers.filter((offer) => offer.outcome === 'answered')).toHaveLength(1);
    expect(row!.offers.find((offer) => offer.username !== row!.answeredBy)?.outcome).toBe('answered-elsewhere');
    await new Promise((resolve) => setTimeout(resolve, 6_500));
  }, 60_000);

  it('longest-idle rings, each time, the agent who has waited longest since their last queue call', async () => {
    staff('longest-idle', ['alice', 'bob', 'julien'], { wrapUpSeconds: 0 });
    const since = Date.now();
    const rows = await callOneAfterAnother(4, since);
    const answeredBy = rows.map((row) => row.answeredBy);
    // Whoever answered first is the longest idle again only after the two others took one call each.
    expect(new Set(answeredBy.slice(0, 3)).size).toBe(3);
    expect(answeredBy[3]).toBe(answeredBy[0]);
    for (const row of rows) expect(row.offers).toHaveLength(1);
  }, 120_000);

  it('round-robin goes on from the agent rung last, in member order', async () => {
    staff('round-robin', ['alice', 'bob', 'julien'], { wrapUpSeconds: 0 });
    const since = Date.now();
    const rows = await callOneAfterAnother(4, since);
    const order = rows.map((row) => row.answeredBy);
    const members = ['alice', 'bob', 'julien'];
    const start = members.indexOf(order[0]!);
    expect(order).toEqual([0, 1, 2, 3].map((i) => members[(start + i) % 3]));
  }, 120_000);

  it('a VIP who joins last is answered first, others in arrival order; a paused agent is not rung; wrap-up is respected; positions are announced', async () => {
    staff('ring-all', ['alice'], { wrapUpSeconds: 2 });
    pauseAgent(workspace.db, 'alice', 'Pause café');
    const since = Date.now();
    const placed: PlacedCall[] = [];
    for (let i = 0; i < 4; i++) {
      placed.push(await callers.dial(NORMAL));
      await rowsWhen(since, (rows) => rows.length === i + 1, 15_000, `caller ${i + 1} queued`);
    }
    const vip = await callers.dial(VIP);
    await rowsWhen(since, (rows) => rows.length === 5, 15_000, 'the VIP queued');
    // Paused: nobody is rung however long they wait.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(rowsSince(since).flatMap((row) => row.offers)).toEqual([]);
    // The last caller in line heard their position (they are 4th behind the VIP... announced before the VIP came: 4).
    const fourth = await callers.recordWhen(
      placed[3]!,
      (record) => promptsPlayed(record).some((prompt) => /position \d/.test(prompt.text)),
      10_000,
      'the fourth caller heard a position',
    );
    expect(promptsPlayed(fourth).map((prompt) => prompt.text)).toContainEqual(expect.stringMatching(/position [45] /));

    unpauseAgent(workspace.db, 'alice');
    const rows = await rowsWhen(since, answeredAll(5), 90_000, 'all five answered by alice');
    const byAnswer = [...rows].sort((a, b) => a.leftAt! - b.leftAt!);
    expect(byAnswer[0]!.priority).toBe(10);
    expect(byAnswer.slice(1).map((row) => row.seq)).toEqual(
      rows.filter((row) => row.priority === 0).map((row) => row.seq),
    );
    expect(rows.every((row) => row.answeredBy === 'alice')).toBe(true);
    // Wrap-up: alice is rung again at least 2 s after each conversation (3 s of talk) ended.
    for (let i = 1; i < byAnswer.length; i++) {
      const previousEnd = byAnswer[i - 1]!.leftAt! + 3_000;
      const nextRing = byAnswer[i]!.offers.find((offer) => offer.outcome === 'answered')!.at;
      expect(nextRing - previousEnd).toBeGreaterThanOrEqual(2_000 - 300);
    }
    await callers.hangUp(vip);
  }, 150_000);

  it('a caller who presses the leave key reaches the voicemail the flow leads to', async () => {
    staff('ring-all', []);
    const since = Date.now();
    const call = await callers.dial(LEAVER);
    await rowsWhen(since, (rows) => rows.length === 1, 15_000, 'the caller queued');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await callers.press(call, '9');
    const [row] = await rowsWhen(since, (rows) => rows[0]?.outcome === 'left-by-key', 15_000, 'left by key');
    expect(row!.offers).toEqual([]);
    await callers.recordWhen(
      call,
      (record) => record.events.some((event) => event.kind === 'node-entered' && event.nodeId === 'mailbox'),
      15_000,
      'the caller reached the mailbox',
    );
    await callers.hangUp(call);
  }, 60_000);

  it('a callback keeps the place, then rings the agent first and the caller after, and bridges them', async () => {
    staff('ring-all', ['alice']);
    pauseAgent(workspace.db, 'alice', 'Réunion');
    const since = Date.now();
    // The caller is julien's extension: Switchboard calls him back on his phone.
    const call = await callers.dial(CALLBACK, 'from-internal', '"Julien" <6004>');
    await rowsWhen(since, (rows) => rows.length === 1, 15_000, 'the caller queued');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await callers.press(call, '1');
    await callers.recordWhen(
      call,
      (record) => record.endedAt !== null,
      20_000,
      'the call ended after the callback was confirmed',
    );
    expect(rowsSince(since)[0]!.outcome).toBeNull(); // still waiting, as a callback
    unpauseAgent(workspace.db, 'alice');
    const [row] = await rowsWhen(since, (rows) => rows[0]?.outcome === 'callback-answered', 45_000, 'called back');
    expect(row!.answeredBy).toBe('alice');
    // Agent first, then the caller (julien's phone answered and was bridged with alice's).
    expect(row!.offers.map((offer) => [offer.username, offer.outcome])).toEqual([
      ['', 'callback-requested'],
      ['alice', 'answered'],
      ['', 'callback-caller-answered'],
    ]);
    expect(row!.offers[2]!.at).toBeGreaterThanOrEqual(row!.offers[1]!.at);
  }, 90_000);

  it('the call-centre example (6300): in opening hours, key 1 queues for "Service compte" and alice answers', async () => {
    staff('ring-all', ['alice']);
    const since = Date.now();
    const call = await callers.dial('6300');
    await callers.recordWhen(
      call,
      (record) => record.events.some((event) => event.kind === 'node-entered' && event.nodeId === 'main-menu'),
      15_000,
      'the caller reached the menu (the calendar said open)',
    );
    await callers.press(call, '1');
    const rows = await waitForDepartmentRow(since, 'Service compte');
    expect(rows.answeredBy).toBe('alice');
    await callers.hangUp(call);
  }, 60_000);
});

async function waitForDepartmentRow(since: number, department: string): Promise<QueueCallRow> {
  let row: QueueCallRow | undefined;
  await waitUntil(
    () => {
      row = recentQueueCalls(workspace.db, { department, since }).find((candidate) => candidate.outcome !== null);
      return row !== undefined;
    },
    30_000,
    `a finished queue row for ${department}`,
  );
  expect(row!.outcome).toBe('answered');
  return row!;
}
