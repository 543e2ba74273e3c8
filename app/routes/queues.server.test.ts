import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallRecorder } from '#db/calls.ts';
import { addMember, createDepartment } from '#db/departments.ts';
import { createQueueStore } from '#db/queues.ts';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import type { QueueSnapshot } from '#runtime/queue/queue-service.ts';
import { parseReportPeriod, periodRange } from '#app/queues/report-periods.ts';
import { loadQueuesPage } from './queues.server.ts';

let temp: TempDatabase;
beforeEach(async () => {
  temp = openTempDatabase();
  await seedPeople(temp.db);
});
afterEach(() => temp.dispose());

const NOW = Date.UTC(2026, 11, 6, 15, 0, 0);
const HOUR = 3_600_000;

let seq = 0;
function stay(
  input: { department?: string; enteredAt: number; callId?: string | null },
  end: {
    outcome: Parameters<ReturnType<typeof createQueueStore>['finishHistory']>[1]['outcome'];
    waitMs: number;
    answeredBy?: string;
  } | null,
  offers: [string, string][] = [],
) {
  const store = createQueueStore(temp.db);
  const id = `qcl_${++seq}`;
  store.startHistory({
    id,
    callId: input.callId ?? null,
    department: input.department ?? 'Support',
    priority: 0,
    seq,
    callerNumber: `06${seq}`,
    enteredAt: input.enteredAt,
    positionAtEntry: 1,
  });
  for (const [username, outcome] of offers)
    store.addOffer(id, { username, at: input.enteredAt + 1_000, outcome, freeToRingMs: null });
  if (end)
    store.finishHistory(id, {
      outcome: end.outcome,
      waitMs: end.waitMs,
      leftAt: input.enteredAt + end.waitMs,
      answeredBy: end.answeredBy ?? null,
    });
}

describe('queue report', () => {
  it('periods: today from midnight UTC, or the last 7 days; anything else means today', () => {
    expect(parseReportPeriod('7d')).toBe('7d');
    expect(parseReportPeriod('forever')).toBe('today');
    expect(parseReportPeriod(null)).toBe('today');
    expect(periodRange('today', NOW)).toEqual({ from: Date.UTC(2026, 11, 6), to: NOW + 1 });
    expect(periodRange('7d', NOW).from).toBe(NOW - 7 * 24 * HOUR);
  });

  it('counts per department and per agent, with average and p90 waits of answered calls', () => {
    // GIVEN Support with alice and bob as members, and Sales with no call
    createDepartment(temp.db, { name: 'Support' });
    createDepartment(temp.db, { name: 'Sales' });
    addMember(temp.db, { department: 'Support', person: 'alice' });
    addMember(temp.db, { department: 'Support', person: 'bob' });
    // WHEN today Support had ten answered calls waiting 10..100 s, two abandoned (20 s and 40 s), a timeout,
    // a callback answered, a queue-full, one still waiting; and one call yesterday
    for (let i = 1; i <= 10; i += 1)
      stay(
        { enteredAt: NOW - HOUR },
        { outcome: 'answered', waitMs: i * 10_000, answeredBy: i <= 7 ? 'alice' : 'bob' },
        [...(i === 1 ? ([['bob', 'no-answer']] as [string, string][]) : []), [i <= 7 ? 'alice' : 'bob', 'answered']],
      );
    stay({ enteredAt: NOW - HOUR }, { outcome: 'abandoned', waitMs: 20_000 }, [
      ['bob', 'busy'],
      ['alice', 'line-in-use'],
    ]);
    stay({ enteredAt: NOW - HOUR }, { outcome: 'abandoned', waitMs: 40_000 }, [['alice', 'caller-left']]);
    stay({ enteredAt: NOW - HOUR }, { outcome: 'timeout', waitMs: 300_000 });
    stay({ enteredAt: NOW - HOUR }, { outcome: 'callback-answered', waitMs: 0, answeredBy: 'bob' });
    stay({ enteredAt: NOW - HOUR }, { outcome: 'full', waitMs: 0 });
    stay({ enteredAt: NOW - 60_000 }, null);
    stay({ enteredAt: NOW - 20 * HOUR }, { outcome: 'answered', waitMs: 5_000, answeredBy: 'alice' });

    // THEN today's report
    const today = loadQueuesPage({ db: temp.db }, 'today', NOW);
    const support = today.figures.find((row) => row.department === 'Support')!;
    expect(support).toMatchObject({
      queued: 16,
      answered: 11,
      abandoned: 2,
      averageAbandonWaitMs: 30_000,
      timeout: 1,
      callbacks: 1,
      callbacksAnswered: 1,
      other: 1,
      stillWaiting: 1,
      // answered waits: 10..100 s and the callback's 0 s
      averageWaitMs: 50_000,
      p90WaitMs: 90_000,
    });
    expect(support.agents).toEqual([
      { username: 'alice', answered: 7, missedRings: 0 },
      { username: 'bob', answered: 4, missedRings: 2 },
    ]);
    expect(today.figures.find((row) => row.department === 'Sales')).toMatchObject({
      queued: 0,
      averageWaitMs: null,
      p90WaitMs: null,
      agents: [],
    });
    // and the last 7 days include yesterday's call
    expect(loadQueuesPage({ db: temp.db }, '7d', NOW).figures.find((row) => row.department === 'Support')?.queued).toBe(
      17,
    );
  });

  it('leaves test calls out of the figures', () => {
    createDepartment(temp.db, { name: 'Support' });
    const recorder = createCallRecorder(temp.db);
    const simulated = recorder.startCall({
      channelId: 'sim-1',
      dialledNumber: '6010',
      callerNumber: 'test',
      callerName: '',
      simulated: true,
      flowId: null,
      versionId: null,
      startedAt: NOW - HOUR,
    });
    const real = recorder.startCall({
      channelId: 'chan-1',
      dialledNumber: '6010',
      callerNumber: '0601',
      callerName: '',
      simulated: false,
      flowId: null,
      versionId: null,
      startedAt: NOW - HOUR,
    });
    stay({ enteredAt: NOW - HOUR, callId: simulated }, { outcome: 'answered', waitMs: 1_000, answeredBy: 'alice' });
    stay({ enteredAt: NOW - HOUR, callId: real }, { outcome: 'abandoned', waitMs: 3_000 });
    const support = loadQueuesPage({ db: temp.db }, 'today', NOW).figures[0]!;
    expect([support.queued, support.answered, support.abandoned]).toEqual([1, 0, 1]);
  });

  it('shows who waits now: from the runtime of this process, or else from the places saved in the database', () => {
    createDepartment(temp.db, { name: 'Support' });
    createDepartment(temp.db, { name: 'Sales' });
    const store = createQueueStore(temp.db);
    const place = (id: string, priority: number, seqNumber: number, callerNumber: string) =>
      store.saveEntry({
        id,
        department: 'support',
        priority,
        seq: seqNumber,
        enteredAt: NOW - seqNumber * 10_000,
        kind: 'caller',
        channelId: `chan-${id}`,
        callId: null,
        callerNumber,
        callerName: '',
        callbackEndpoint: null,
        callbackAttempts: 0,
        historyId: `h-${id}`,
      });
    place('a', 0, 1, '0601');
    place('b', 9, 2, '0602');

    // No runtime here: the saved places, in queue order (the VIP first), under the department's own name.
    const fromDatabase = loadQueuesPage({ db: temp.db }, 'today', NOW).live;
    expect(fromDatabase.source).toBe('database');
    expect(fromDatabase.queues.map((queue) => [queue.department, queue.waiting.map((w) => w.callerNumber)])).toEqual([
      ['Sales', []],
      ['Support', ['0602', '0601']],
    ]);

    // With the runtime: its snapshot, agents' states included.
    const snapshot: QueueSnapshot[] = [
      {
        department: 'Support',
        waiting: [{ entryId: 'x', kind: 'caller', priority: 0, callerNumber: '0699', enteredAt: NOW - 5_000 }],
        agents: [{ username: 'alice', state: 'available', since: NOW - HOUR }],
      },
    ];
    const fromRuntime = loadQueuesPage({ db: temp.db, queues: () => snapshot }, 'today', NOW).live;
    expect(fromRuntime).toEqual({
      source: 'runtime',
      queues: [
        {
          department: 'Support',
          waiting: [{ id: 'x', kind: 'caller', priority: 0, callerNumber: '0699', enteredAt: NOW - 5_000 }],
          agents: [{ username: 'alice', state: 'available' }],
        },
      ],
    });
  });
});
