import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallRecorder } from '#db/calls.ts';
import { createQueueStore } from '#db/queues.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { callCsvLine, csvHeader } from '#app/history/csv.ts';
import { translatorFor } from '#i18n/translator.ts';
import { callHistoryExportPage, loadCallDetail, loadCallHistoryPage } from './calls.server.ts';

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.dispose());

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);
const en = translatorFor('en');

function recordCall(callerNumber: string, startedAt: number): string {
  const recorder = createCallRecorder(temp.db);
  const callId = recorder.startCall({
    channelId: `chan-${callerNumber}`,
    dialledNumber: '6010',
    callerNumber,
    callerName: '',
    simulated: false,
    flowId: null,
    versionId: null,
    startedAt,
  });
  recorder.endCall(callId, 'completed', startedAt + 120_000);
  return callId;
}

describe('call history with queues', () => {
  it('the call page has one stay per queue visit, with each agent rung and how the ring ended', () => {
    // GIVEN a call that waited in Support, rang bob (no answer) then alice, who answered after 42 s
    const callId = recordCall('0601020304', T0);
    const store = createQueueStore(temp.db);
    store.startHistory({
      id: 'qcl_1',
      callId,
      department: 'Support',
      priority: 5,
      seq: 7,
      callerNumber: '0601020304',
      enteredAt: T0 + 5_000,
      positionAtEntry: 2,
    });
    store.addOffer('qcl_1', { username: 'bob', at: T0 + 10_000, outcome: 'no-answer', freeToRingMs: 10 });
    store.addOffer('qcl_1', { username: 'carol', at: T0 + 30_000, outcome: 'line-in-use', freeToRingMs: null });
    store.addOffer('qcl_1', { username: 'alice', at: T0 + 40_000, outcome: 'answered', freeToRingMs: 12 });
    store.finishHistory('qcl_1', { outcome: 'answered', leftAt: T0 + 47_000, waitMs: 42_000, answeredBy: 'alice' });
    // and a call that never queued
    const plain = recordCall('0611111111', T0 + 1_000);

    // THEN the call page shows the stay in words
    const detail = loadCallDetail(temp.db, callId)!;
    expect(detail.queueStays).toEqual([
      {
        id: 'qcl_1',
        department: 'Support',
        priority: 5,
        positionAtEntry: 2,
        enteredAt: T0 + 5_000,
        leftAt: T0 + 47_000,
        waitMs: 42_000,
        outcome: 'answered',
        outcomeLabel: 'Answered',
        answeredBy: 'alice',
        rings: [
          { username: 'bob', at: T0 + 10_000, outcome: 'no-answer', outcomeLabel: 'No answer' },
          { username: 'carol', at: T0 + 30_000, outcome: 'line-in-use', outcomeLabel: 'Line in use (not rung)' },
          { username: 'alice', at: T0 + 40_000, outcome: 'answered', outcomeLabel: 'Answered' },
        ],
      },
    ]);
    expect(loadCallDetail(temp.db, plain)!.queueStays).toEqual([]);

    // and the history list and the CSV give the queue, the wait and who answered
    const page = loadCallHistoryPage(temp.db, { filter: {}, cursor: null, pageSize: 50 });
    expect(page.queues).toEqual({
      [callId]: { department: 'Support', waitMs: 42_000, outcome: 'answered', answeredBy: 'alice', stays: 1 },
    });
    const exported = callHistoryExportPage(temp.db, { filter: {}, cursor: null, pageSize: 50 });
    const lines = Object.fromEntries(
      exported.calls.map((call) => [call.id, callCsvLine(call, exported.queues[call.id] ?? null, en)]),
    );
    expect(csvHeader(en).slice(-4)).toEqual(['queue', 'queue_wait_s', 'queue_outcome', 'answered_by']);
    expect(csvHeader(translatorFor('fr')).slice(-4)).toEqual([
      "File d'attente",
      'Attente en file (s)',
      'Résultat en file',
      'Répondu par',
    ]);
    expect(lines[callId]!.trimEnd().split(',').slice(-4)).toEqual(['Support', '42', 'answered', 'alice']);
    expect(lines[plain]!.trimEnd().split(',').slice(-4)).toEqual(['', '', '', '']);
  });

  it('an abandoned stay keeps its wait before hanging up; a later answered stay decides the summary', () => {
    const callId = recordCall('0602', T0);
    const store = createQueueStore(temp.db);
    for (const [id, department, enteredAt] of [
      ['qcl_a', 'Sales', T0 + 1_000],
      ['qcl_b', 'Support', T0 + 60_000],
    ] as const)
      store.startHistory({
        id,
        callId,
        department,
        priority: 0,
        seq: 1,
        callerNumber: '0602',
        enteredAt,
        positionAtEntry: 1,
      });
    store.addOffer('qcl_a', { username: 'bob', at: T0 + 2_000, outcome: 'no-answer', freeToRingMs: null });
    store.finishHistory('qcl_a', { outcome: 'timeout', leftAt: T0 + 31_000, waitMs: 30_000, answeredBy: null });
    store.finishHistory('qcl_b', { outcome: 'abandoned', leftAt: T0 + 75_000, waitMs: 15_000, answeredBy: null });

    const stays = loadCallDetail(temp.db, callId)!.queueStays;
    expect(stays.map((stay) => [stay.department, stay.outcomeLabel, stay.waitMs, stay.rings.length])).toEqual([
      ['Sales', 'Timed out (longest wait reached)', 30_000, 1],
      ['Support', 'Abandoned (the caller hung up)', 15_000, 0],
    ]);
    const page = loadCallHistoryPage(temp.db, { filter: {}, cursor: null, pageSize: 50 });
    expect(page.queues[callId]).toEqual({
      department: 'Support',
      waitMs: 45_000,
      outcome: 'abandoned',
      answeredBy: null,
      stays: 2,
    });
  });

  it('a queued stay keeps CSV formula escaping on what callers and admins typed', () => {
    const callId = recordCall('0603', T0);
    const store = createQueueStore(temp.db);
    store.startHistory({
      id: 'qcl_x',
      callId,
      department: '=HYPERLINK("x")',
      priority: 0,
      seq: 1,
      callerNumber: '0603',
      enteredAt: T0,
      positionAtEntry: 1,
    });
    const exported = callHistoryExportPage(temp.db, { filter: {}, cursor: null, pageSize: 50 });
    const line = callCsvLine(exported.calls[0]!, exported.queues[callId] ?? null, en);
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
