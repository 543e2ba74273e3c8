// Issue 12 on the real Asterisk: a queued caller's place survives a crash of the runtime (decisions 012 and 014).
// The runtime (a child process, `npm run runtime`) is killed with SIGKILL while callers wait in the Support queue, or
// while one of them talks to the agent who answered; the next runtime, on the same database, takes each back: the
// waiting callers into their own places (same seq, same priority, one history row each), the talker into the same
// bridge. The agents are sipp phones registered with their own SIP accounts.
// Needs the sandbox and its env: eval "$(bash scripts/asterisk-sandbox.sh env)";
//   npx vitest run --config tests/vitest.e2e.config.ts tests/e2e/queue-restart.e2e.test.ts
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { CallRecord } from '#db/calls.ts';
import { addMember, createDepartment, getAgent, loginAgent, pauseAgent, unpauseAgent } from '#db/departments.ts';
import { createFlow } from '#db/flows.ts';
import { recentQueueCalls, type QueueCallRow } from '#db/queues.ts';
import { connect, draftNode, flowDocument } from '#flows/testing/documents.ts';
import { publishFlow } from '#provisioning/publish-flow.ts';
import { requireAriSettings, waitUntil } from '#runtime/ari/testing/asterisk.ts';
import { builtInPrompt } from '#runtime/nodes/built-in-messages.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import type { RunningSipp } from '#tests/sipp/sipp.ts';
import { Callers, promptsPlayed, type PlacedCall } from './testing/callers.ts';
import { registerDeskPhone, type DeskPhone, type PhoneBehaviour } from './testing/phones.ts';
import {
  seededWorkspace,
  startRuntimeProcess,
  type RuntimeProcess,
  type RuntimeWorkspace,
} from './testing/runtime-process.ts';
import { personDialString } from '#runtime/person-dial.ts';

const ari = requireAriSettings();
const sipTarget = `${process.env.SIP_HOST ?? '127.0.0.1'}:${process.env.SIP_PORT ?? '5060'}`;
const APOLOGY = builtInPrompt('resumeApology', 'fr-FR').text;
const NORMAL = '8200';
const VIP = '8201';

let workspace: RuntimeWorkspace;
let callers: Callers;
const runtimes: RuntimeProcess[] = [];
const placed: PlacedCall[] = [];
const phones: DeskPhone[] = [];

function queueFlow(number: string, priority: number) {
  return flowDocument({
    name: `Queue restart ${number}`,
    numbers: [number],
    nodes: [
      draftNode('start', 'start'),
      draftNode('queue', 'queue', {
        department: 'Support',
        priority: { kind: 'fixed', value: priority },
        joinWhenNoAgents: true,
        leaveWhenNoAgents: false,
        announcePosition: false,
      }),
      draftNode('done', 'hangup'),
    ],
    edges: [connect('start', 'next', 'queue'), connect('queue', 'answered', 'done')],
  });
}

/** The agent's desk phone: sipp registered with their SIP account, answering as `scenario` says. */
async function registerPhone(agent: string, scenario: PhoneBehaviour): Promise<RunningSipp> {
  const desk = await registerDeskPhone(agent, scenario, sipTarget, { calls: 10, timeoutSeconds: 300 });
  phones.push(desk);
  return desk.phone;
}

beforeAll(async () => {
  workspace = await seededWorkspace();
  const prompts = createPromptStore({ PROMPTS_DIR: workspace.promptsDir });
  for (const document of [queueFlow(NORMAL, 0), queueFlow(VIP, 10)]) {
    const { flowId } = createFlow(workspace.db, { document, author: 'test' });
    await publishFlow(workspace.db, { flowId, author: 'test' }, prompts);
  }
  createDepartment(workspace.db, { name: 'Support', strategy: 'ring-all', wrapUpSeconds: 2, agentRingSeconds: 10 });
  addMember(workspace.db, { department: 'Support', person: 'alice' });
  addMember(workspace.db, { department: 'Support', person: 'bob' });
  addMember(workspace.db, { department: 'Support', person: 'julien' });
  callers = new Callers(ari, workspace.db);
  await callers.start();
}, 180_000);

beforeEach(() => {
  onTestFailed(() => {
    for (const [index, runtime] of runtimes.entries())
      console.error(`--- runtime ${index + 1} output (last 6000 chars) ---\n${runtime.output().slice(-6_000)}`);
  });
});

afterAll(async () => {
  for (const call of placed) await callers?.hangUp(call);
  for (const { unregister } of phones) await unregister().catch(() => {});
  for (const runtime of runtimes) await runtime.stop();
  await callers?.stop();
  workspace?.remove();
});

async function dial(number: string): Promise<PlacedCall> {
  const call = await callers.dial(number);
  placed.push(call);
  return call;
}

/** Kills the runtime outright and starts another on the same database; returns it with when its ARI link came up. */
async function crashAndRestart(runtime: RuntimeProcess): Promise<{ second: RuntimeProcess; connectedAt: number }> {
  process.kill(runtime.pid, 'SIGKILL');
  await runtime.stop();
  const second = await startRuntimeProcess(workspace, ari);
  runtimes.push(second);
  return { second, connectedAt: (await second.health()).ari.since };
}

function resumedAt(record: CallRecord): number | null {
  const note = record.events.find(
    (event) => event.kind === 'note' && event.detail?.message === 'resumed after a runtime restart',
  );
  return note ? note.at : null;
}

function rowsSince(since: number): QueueCallRow[] {
  return recentQueueCalls(workspace.db, { department: 'Support', since }).sort((a, b) => a.seq - b.seq);
}

async function rowsWhen(since: number, check: (rows: QueueCallRow[]) => boolean, timeoutMs: number, what: string) {
  let rows: QueueCallRow[] = [];
  await waitUntil(
    () => {
      rows = rowsSince(since);
      return check(rows);
    },
    timeoutMs,
    what,
  ).catch((error: unknown) => {
    const summary = rows.map(({ callerNumber, priority, seq, outcome, answeredBy, offers }) => ({
      callerNumber,
      priority,
      seq,
      outcome,
      answeredBy,
      offers,
    }));
    throw new Error(`${(error as Error).message}; queue rows: ${JSON.stringify(summary)}`);
  });
  return rows;
}

interface EntryRow {
  id: string;
  seq: number;
  priority: number;
  channel_id: string | null;
  history_id: string;
}

function queueEntries(): EntryRow[] {
  return workspace.db.sqlite
    .prepare('SELECT id, seq, priority, channel_id, history_id FROM queue_entries ORDER BY seq')
    .all() as EntryRow[];
}

async function bridgeHolding(channelId: string, size: number) {
  return (await callers.probe.bridges()).find(
    (bridge) => bridge.channels.includes(channelId) && bridge.channels.length === size,
  );
}

describe('a runtime killed with SIGKILL while callers are queued', () => {
  it('takes every waiting caller back into their own place, then the agent answers them in the original order', async () => {
    // GIVEN a runtime, alice logged in to Support but paused, her phone answering (3 s of talk)
    const first = await startRuntimeProcess(workspace, ari);
    runtimes.push(first);
    await registerPhone('alice', 'uas-answer-hangup');
    loginAgent(workspace.db, 'alice', { kind: 'all' });
    pauseAgent(workspace.db, 'alice', 'Réunion');
    const since = Date.now();
    // AND three callers waiting: two of priority 0, then a VIP (priority 10) who came last
    const queued: PlacedCall[] = [];
    for (const [index, number] of [NORMAL, NORMAL, VIP].entries()) {
      queued.push(await dial(number));
      await rowsWhen(since, (rows) => rows.length === index + 1, 15_000, `caller ${index + 1} queued`);
    }
    await waitUntil(() => queueEntries().length === 3, 5_000, 'three places saved');
    const before = queueEntries();
    const rowsBefore = rowsSince(since);
    // (the first runtime's buffered positions are written within an event-loop turn: give them one more second)
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    // WHEN the runtime is killed outright and started again on the same database
    const { connectedAt } = await crashAndRestart(first);

    // THEN each caller is back in the queue within 5 s of the new runtime's connection, still in their call
    const figures: number[] = [];
    for (const call of queued) {
      const record = await callers.recordWhen(
        call,
        (r) =>
          resumedAt(r) !== null && r.events.some((event) => event.kind === 'note' && event.detail?.resumed === true),
        10_000,
        'resumed into the queue',
      );
      expect(record.endedAt, 'still running').toBeNull();
      const backAt = record.events.find((event) => event.kind === 'note' && event.detail?.resumed === true)!.at;
      expect(backAt - connectedAt).toBeLessThanOrEqual(5_000);
      figures.push(backAt - connectedAt);
    }
    // AND each heard the apology (decision 012)
    for (const call of queued) {
      await callers.recordWhen(
        call,
        (r) => promptsPlayed(r).some((prompt) => prompt.text === APOLOGY),
        10_000,
        'the apology',
      );
    }
    // AND the places are the same rows (same ids, seq, priority, history), on the same channels; nobody counted twice
    expect(queueEntries()).toEqual(before);
    expect(rowsSince(since).map((row) => [row.id, row.seq, row.priority, row.outcome])).toEqual(
      rowsBefore.map((row) => [row.id, row.seq, row.priority, null]),
    );
    console.info(`queued callers back in their places ${figures.join(' / ')} ms after the runtime connected`);

    // WHEN alice comes back from her meeting
    unpauseAgent(workspace.db, 'alice');

    // THEN she answers them in the original order (priority, then seq), one history row per caller
    const rows = await rowsWhen(
      since,
      (all) => all.length === 3 && all.every((row) => row.outcome === 'answered'),
      60_000,
      'all three answered',
    );
    const byAnswer = [...rows].sort((a, b) => a.leftAt! - b.leftAt!);
    const expected = [...rowsBefore].sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    expect(byAnswer.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    expect(byAnswer[0]!.priority).toBe(10);
    expect(rows.every((row) => row.answeredBy === 'alice')).toBe(true);
    expect(queueEntries()).toEqual([]);
    for (const call of queued) await callers.hangUp(call);
  }, 150_000);

  it('a caller talking to the agent keeps the conversation; when it ends the agent wraps up and is available again', async () => {
    // GIVEN a runtime, bob alone available in Support, his phone answering and talking until the caller hangs up
    for (const runtime of runtimes) await runtime.stop();
    const first = await startRuntimeProcess(workspace, ari);
    runtimes.push(first);
    await registerPhone('bob', 'uas-answer');
    pauseAgent(workspace.db, 'alice', 'Déjeuner');
    loginAgent(workspace.db, 'bob', { kind: 'all' });
    const since = Date.now();
    // AND a caller answered by bob
    const talker = await dial(NORMAL);
    const [answered] = await rowsWhen(since, (rows) => rows[0]?.outcome === 'answered', 30_000, 'bob answers');
    expect(answered!.answeredBy).toBe('bob');
    await waitUntil(async () => (await bridgeHolding(talker.runtimeChannelId, 2)) !== undefined, 10_000, 'bridged');
    const bridge = (await bridgeHolding(talker.runtimeChannelId, 2))!;
    const bobLeg = bridge.channels.find((id) => id !== talker.runtimeChannelId)!;
    expect(getAgent(workspace.db, 'bob').state.kind).toBe('on-call');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the dial's hold saved with the position

    // WHEN the runtime is killed outright and started again
    const { connectedAt } = await crashAndRestart(first);

    // THEN the conversation is taken back in the same bridge, with no apology over it
    const record = await callers.recordWhen(talker, (r) => resumedAt(r) !== null, 10_000, 'conversation resumed');
    expect(resumedAt(record)! - connectedAt).toBeLessThanOrEqual(5_000);
    expect(record.events.find((event) => event.detail?.message === 'resumed after a runtime restart')?.detail).toEqual(
      expect.objectContaining({ hold: 'dial' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await bridgeHolding(talker.runtimeChannelId, 2))?.id).toBe(bridge.id);
    expect(await callers.probe.channelIds()).toEqual(expect.arrayContaining([talker.runtimeChannelId, bobLeg]));
    expect(promptsPlayed(callers.record(talker)!).map((prompt) => prompt.text)).not.toContain(APOLOGY);
    // AND bob is still on that call, not offered to anyone else
    expect(getAgent(workspace.db, 'bob').state.kind).toBe('on-call');
    console.info(`conversation taken back ${resumedAt(record)! - connectedAt} ms after the runtime connected`);

    // WHEN the caller hangs up
    const hungUpAt = Date.now();
    await callers.hangUp(talker);

    // THEN bob's leg is hung up, bob wraps up (2 s) and is available again
    await waitUntil(async () => !(await callers.probe.channelIds()).includes(bobLeg), 5_000, "bob's leg hung up");
    await waitUntil(() => getAgent(workspace.db, 'bob').state.kind === 'wrap-up', 5_000, 'bob in wrap-up');
    await waitUntil(() => getAgent(workspace.db, 'bob').state.kind === 'available', 10_000, 'bob available again');
    const bob = getAgent(workspace.db, 'bob');
    expect(bob.lastCallEndedAt).toBeGreaterThanOrEqual(hungUpAt - 1_000);
    // AND history still says answered by bob, in one row
    const rows = rowsSince(since);
    expect(rows.map((row) => [row.outcome, row.answeredBy])).toEqual([['answered', 'bob']]);
    const talkRecord = await callers.recordWhen(talker, (r) => r.endedAt !== null, 5_000, 'talker record closed');
    const dials = talkRecord.events.filter((event) => event.kind === 'dial');
    expect(dials.at(-1)?.detail).toMatchObject({ endpoint: personDialString('bob'), outcome: 'answered' });
  }, 120_000);

  it('an agent still ringing when the runtime died is hung up, and not left "ringing": the caller goes to another agent', async () => {
    // GIVEN a runtime, julien alone available (his phone rings and is never picked up), bob paused
    for (const runtime of runtimes) await runtime.stop();
    const first = await startRuntimeProcess(workspace, ari);
    runtimes.push(first);
    await registerPhone('julien', 'uas-ring');
    pauseAgent(workspace.db, 'bob', 'Réunion');
    loginAgent(workspace.db, 'julien', { kind: 'all' });
    const since = Date.now();
    // AND a caller for whom julien's phone is ringing
    const caller = await dial(NORMAL);
    await waitUntil(() => getAgent(workspace.db, 'julien').state.kind === 'ringing', 15_000, 'julien rung');
    let julienLeg: string | undefined;
    await waitUntil(
      async () => {
        const channels = await callers.probe.request<{ id: string; name: string }[]>('GET', '/channels');
        julienLeg = channels.find((channel) => channel.name.startsWith('PJSIP/julien-'))?.id;
        return julienLeg !== undefined;
      },
      5_000,
      "julien's leg ringing",
    );

    // WHEN the runtime is killed outright, julien asks for a pause meanwhile, and a runtime starts again
    process.kill(first.pid, 'SIGKILL');
    await first.stop();
    pauseAgent(workspace.db, 'julien', 'Pause café'); // kept pending: the saved state still says ringing
    const second = await startRuntimeProcess(workspace, ari);
    runtimes.push(second);
    const connectedAt = (await second.health()).ari.since;

    // THEN julien's ringing leg is hung up, the caller is back in their place, and julien's pause starts (his phone
    // is free: Asterisk's device state says so), instead of "ringing" forever
    await waitUntil(async () => !(await callers.probe.channelIds()).includes(julienLeg!), 5_000, 'leg hung up');
    await callers.recordWhen(
      caller,
      (r) => r.events.some((event) => event.kind === 'note' && event.detail?.resumed === true),
      10_000,
      'back in the queue',
    );
    const legGoneAt = Date.now();
    await waitUntil(() => getAgent(workspace.db, 'julien').state.kind === 'paused', 10_000, 'julien paused');
    console.info(
      `ringing leg gone ${legGoneAt - connectedAt} ms (or less) and julien freed ${Date.now() - connectedAt} ms ` +
        'after the runtime connected',
    );

    // WHEN bob comes back, THEN he answers the caller: one history row, answered by bob
    unpauseAgent(workspace.db, 'bob');
    const rows = await rowsWhen(since, (all) => all[0]?.outcome === 'answered', 30_000, 'bob answers');
    expect(rows.map((row) => [row.outcome, row.answeredBy])).toEqual([['answered', 'bob']]);
    await callers.hangUp(caller);
  }, 120_000);
});
