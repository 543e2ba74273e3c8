import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallHold, CallOutcome, CallRecorder, CallStartInput } from '#runtime/ports.ts';
import { closeDatabase, openDatabase, type SwitchboardDb } from './client.ts';
import {
  closeAbandonedSimulations,
  createBufferedCallRecorder,
  createCallRecorder,
  getCall,
  listCalls,
  LOST_CHANNEL_REASON,
  openCallOfChannel,
} from './calls.ts';
import { CallNotFoundError } from './errors.ts';
import { createFlow, publishVersion } from './flows.ts';
import { frenchFlow, openTempDatabase, type TempDatabase } from './testing/temp-database.ts';

let temp: TempDatabase;
let db: SwitchboardDb;
let recorder: CallRecorder;
let flowId: string;
let versionId: string;

beforeEach(() => {
  temp = openTempDatabase();
  db = temp.db;
  recorder = createCallRecorder(db);
  flowId = createFlow(db, { document: frenchFlow('Accueil'), author: 'a' }).flowId;
  versionId = publishVersion(db, { flowId, document: frenchFlow('Accueil', ['6003']), author: 'a' }).versionId;
});
afterEach(() => temp.dispose());

function start(overrides: Partial<CallStartInput> = {}): string {
  return recorder.startCall({
    channelId: `ch-${Math.random()}`,
    dialledNumber: '6003',
    callerNumber: '6001',
    callerName: 'Alice Dupré',
    simulated: false,
    flowId,
    versionId,
    startedAt: 1_000,
    ...overrides,
  });
}

describe('createCallRecorder', () => {
  it('records a call and its events in order, with flow name and version number', () => {
    // GIVEN a call to 6003
    const callId = start({ channelId: 'chan-1', startedAt: 1_000 });

    // WHEN the runtime walks it through three steps and ends it
    recorder.appendEvent(callId, { kind: 'node-entered', at: 1_001, nodeId: 'start', nodeType: 'start', versionId });
    recorder.appendEvent(callId, {
      kind: 'node-left',
      at: 1_002,
      nodeId: 'start',
      nodeType: 'start',
      branch: 'next',
      versionId,
    });
    recorder.appendEvent(callId, {
      kind: 'prompt-played',
      at: 1_003,
      nodeId: 'bienvenue',
      nodeType: 'say',
      detail: { text: 'Bonjour, et bienvenue à la plateforme !', hash: 'ab12', nested: { ok: true } },
    });
    recorder.appendEvent(callId, { kind: 'digits', at: 1_004, nodeId: 'menu', digits: '2#', branch: null });
    recorder.endCall(callId, 'caller-hung-up', 2_000, 'hung up during the menu');

    // THEN history shows all of it
    const call = getCall(db, callId);
    expect(call).toMatchObject({
      id: callId,
      channelId: 'chan-1',
      dialledNumber: '6003',
      callerNumber: '6001',
      callerName: 'Alice Dupré',
      simulated: false,
      flowId,
      flowName: 'Accueil',
      versionId,
      versionNumber: 1,
      startedAt: 1_000,
      endedAt: 2_000,
      outcome: 'caller-hung-up',
      reason: 'hung up during the menu',
    });
    expect(call?.events).toEqual([
      {
        seq: 1,
        at: 1_001,
        kind: 'node-entered',
        nodeId: 'start',
        nodeType: 'start',
        branch: null,
        digits: null,
        versionId,
        detail: null,
      },
      {
        seq: 2,
        at: 1_002,
        kind: 'node-left',
        nodeId: 'start',
        nodeType: 'start',
        branch: 'next',
        digits: null,
        versionId,
        detail: null,
      },
      {
        seq: 3,
        at: 1_003,
        kind: 'prompt-played',
        nodeId: 'bienvenue',
        nodeType: 'say',
        branch: null,
        digits: null,
        versionId: null,
        detail: { text: 'Bonjour, et bienvenue à la plateforme !', hash: 'ab12', nested: { ok: true } },
      },
      {
        seq: 4,
        at: 1_004,
        kind: 'digits',
        nodeId: 'menu',
        nodeType: null,
        branch: null,
        digits: '2#',
        versionId: null,
        detail: null,
      },
    ]);
    // a missing detail is SQL NULL, not the text 'null'
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM call_events WHERE detail IS NULL').get()).toEqual({ n: 3 });
  });

  it('numbers each call’s events on its own, even when two recorders (two processes) write', () => {
    const other = openDatabase(db.file);
    try {
      const otherRecorder = createCallRecorder(other);
      const first = start();
      const second = start();
      recorder.appendEvent(first, { kind: 'note', at: 1 });
      otherRecorder.appendEvent(first, { kind: 'note', at: 2 });
      recorder.appendEvent(second, { kind: 'note', at: 3 });
      otherRecorder.appendEvent(first, { kind: 'note', at: 4 });
      expect(getCall(db, first)?.events.map((e) => [e.seq, e.at])).toEqual([
        [1, 1],
        [2, 2],
        [3, 4],
      ]);
      expect(getCall(db, second)?.events.map((e) => [e.seq, e.at])).toEqual([[1, 3]]);
    } finally {
      closeDatabase(other);
    }
  });

  it('keeps the first outcome when a call is ended twice', () => {
    const callId = start();
    recorder.endCall(callId, 'completed', 5_000);
    recorder.endCall(callId, 'lost', 9_000, 'late duplicate');
    expect(getCall(db, callId)).toMatchObject({ endedAt: 5_000, outcome: 'completed', reason: null });
  });

  it('records a not-in-service call with no flow', () => {
    const callId = start({ dialledNumber: '9999', flowId: null, versionId: null });
    recorder.endCall(callId, 'not-in-service', 1_001);
    expect(getCall(db, callId)).toMatchObject({
      flowId: null,
      flowName: null,
      versionId: null,
      versionNumber: null,
      outcome: 'not-in-service',
    });
  });

  it('says which call is unknown', () => {
    expect(() => recorder.appendEvent('call_nope', { kind: 'note', at: 1 })).toThrow(CallNotFoundError);
    expect(() => recorder.endCall('call_nope', 'completed', 1)).toThrow('No call with id "call_nope"');
    expect(getCall(db, 'call_nope')).toBeNull();
  });

  it('closes as lost the running real calls whose channel is gone, and only those', () => {
    // GIVEN two running calls, one ended call and one running simulation
    const alive = start({ channelId: 'alive' });
    const gone = start({ channelId: 'gone' });
    const ended = start({ channelId: 'ended' });
    recorder.endCall(ended, 'completed', 1_500);
    const simulation = start({ channelId: 'sim-1', simulated: true });

    // WHEN Asterisk reports only "alive"
    const closed = recorder.closeCallsNotIn(new Set(['alive']), 3_000);

    // THEN only the vanished channel's call is closed
    expect(closed).toBe(1);
    expect(getCall(db, gone)).toMatchObject({ endedAt: 3_000, outcome: 'lost', reason: LOST_CHANNEL_REASON });
    expect(getCall(db, alive)).toMatchObject({ endedAt: null, outcome: null });
    expect(getCall(db, ended)).toMatchObject({ endedAt: 1_500, outcome: 'completed' });
    expect(getCall(db, simulation)).toMatchObject({ endedAt: null });
    expect(recorder.closeCallsNotIn(new Set(['alive']), 4_000)).toBe(0);

    // and the web server, starting, closes abandoned simulations
    expect(closeAbandonedSimulations(db, 5_000)).toBe(1);
    expect(getCall(db, simulation)).toMatchObject({ endedAt: 5_000, outcome: 'lost' });
  });
});

describe('createBufferedCallRecorder', () => {
  it('writes a call, its events and its end together after the batch window, in order', async () => {
    // GIVEN the runtime's buffered recorder
    const errors: string[] = [];
    const buffered = createBufferedCallRecorder(db, (_error, callId) => errors.push(callId), { batchWindowMs: 20 });
    const callId = buffered.startCall({
      channelId: 'chan-b',
      dialledNumber: '6003',
      callerNumber: '6001',
      callerName: '',
      simulated: false,
      flowId,
      versionId,
      startedAt: 1_000,
    });
    // WHEN two events are recorded
    buffered.appendEvent(callId, { kind: 'node-entered', at: 1_001, nodeId: 'start', versionId });
    buffered.appendEvent(callId, { kind: 'node-left', at: 1_002, nodeId: 'start', branch: 'next', versionId });
    // THEN nothing is written in this turn nor the next; after the window the call and both events are, in order,
    // with their own times
    expect(getCall(db, callId)).toBeNull();
    await new Promise((resolve) => setImmediate(resolve));
    expect(getCall(db, callId)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(getCall(db, callId)?.events.map((event) => [event.seq, event.kind, event.at])).toEqual([
      [1, 'node-entered', 1_001],
      [2, 'node-left', 1_002],
    ]);
    // WHEN an event is queued and the call ends in the same window
    buffered.appendEvent(callId, { kind: 'digits', at: 1_003, digits: '9' });
    buffered.endCall(callId, 'completed', 1_010);
    expect(getCall(db, callId)?.endedAt).toBeNull();
    buffered.flush();
    // THEN the closed record holds it
    expect(getCall(db, callId)).toMatchObject({ endedAt: 1_010, outcome: 'completed' });
    expect(getCall(db, callId)?.events.map((event) => event.kind)).toEqual(['node-entered', 'node-left', 'digits']);
    expect(errors).toEqual([]);
  });

  it("keeps the other calls' events when one call vanished, and reports it", () => {
    // GIVEN one real call and one id no call has
    const errors: string[] = [];
    const buffered = createBufferedCallRecorder(db, (_error, callId) => errors.push(callId));
    const callId = start();
    buffered.appendEvent('call_missing', { kind: 'note', at: 1_001 });
    buffered.appendEvent(callId, { kind: 'note', at: 1_002 });
    // WHEN the queue is written
    buffered.flush();
    // THEN the real call's event is there and the missing one reported
    expect(getCall(db, callId)?.events).toHaveLength(1);
    expect(errors).toEqual(['call_missing']);
  });
});

describe('call positions', () => {
  it('keeps the latest position of a running call, and forgets it when the call ends', () => {
    // GIVEN a running call that entered the menu, then was put through to Bob
    const callId = start({ channelId: 'chan-pos' });
    recorder.savePosition!(callId, { versionId, nodeId: 'menu', variables: { lang: 'fr' }, hold: null, at: 1_100 });
    const hold: CallHold = {
      kind: 'dial',
      bridgeId: 'bridge-1',
      legId: 'dial-1',
      endpoint: 'PJSIP/bob',
      answeredAt: 1_200,
    };
    recorder.savePosition!(callId, {
      versionId,
      nodeId: 'bob',
      variables: { lang: 'fr', choice: '1' },
      hold,
      at: 1_200,
    });
    // THEN a restarted runtime finds the call on its channel, where it last was
    expect(openCallOfChannel(db, 'chan-pos')).toEqual({
      callId,
      flowId,
      versionId,
      position: { versionId, nodeId: 'bob', variables: { lang: 'fr', choice: '1' }, hold, at: 1_200 },
    });
    // WHEN the call ends, THEN there is nothing left to resume
    recorder.endCall(callId, 'completed', 1_300);
    expect(openCallOfChannel(db, 'chan-pos')).toBeNull();
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM call_positions').get()).toEqual({ n: 0 });
  });

  it('finds a running call that has no position yet, and ignores simulations', () => {
    const callId = start({ channelId: 'chan-new' });
    start({ channelId: 'chan-sim', simulated: true });
    expect(openCallOfChannel(db, 'chan-new')).toEqual({ callId, flowId, versionId, position: null });
    expect(openCallOfChannel(db, 'chan-sim')).toBeNull();
    expect(openCallOfChannel(db, 'chan-unknown')).toBeNull();
  });

  it('the buffered recorder writes one row per call per batch window, the latest position', async () => {
    const buffered = createBufferedCallRecorder(db, () => {}, { batchWindowMs: 10 });
    const callId = start({ channelId: 'chan-buf' });
    buffered.savePosition!(callId, { versionId, nodeId: 'start', variables: {}, hold: null, at: 1_001 });
    buffered.savePosition!(callId, { versionId, nodeId: 'menu', variables: {}, hold: null, at: 1_002 });
    expect(openCallOfChannel(db, 'chan-buf')?.position).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(openCallOfChannel(db, 'chan-buf')?.position).toMatchObject({ nodeId: 'menu', at: 1_002 });
  });
});

describe('listCalls', () => {
  function seedHistory(count: number) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const callId = start({
        startedAt: 10_000 + Math.floor(i / 3) * 1_000, // three calls share each start time: ties must page right
        dialledNumber: i % 2 === 0 ? '6003' : '6005',
        simulated: i % 5 === 0,
      });
      recorder.endCall(callId, i % 4 === 0 ? 'completed' : 'caller-hung-up', 10_500 + i * 1_000);
      ids.push(callId);
    }
    return ids;
  }

  it('pages through every call exactly once, newest first, ties included', () => {
    seedHistory(25);
    const seen: string[] = [];
    const starts: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = listCalls(db, { limit: 4, cursor });
      seen.push(...page.calls.map((c) => c.id));
      starts.push(...page.calls.map((c) => c.startedAt));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(7);
    expect(new Set(seen).size).toBe(25);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it('does not shift pages when new calls arrive meanwhile', () => {
    seedHistory(10);
    const first = listCalls(db, { limit: 5 });
    start({ startedAt: 99_999_999 });
    const second = listCalls(db, { limit: 5, cursor: first.nextCursor });
    const all = listCalls(db, { limit: 20 }).calls.map((c) => c.id);
    expect([...first.calls, ...second.calls].map((c) => c.id)).toEqual(all.slice(1, 11));
  });

  it('filters by flow, number, outcome, time range and simulation', () => {
    seedHistory(30);
    const other = createFlow(db, { document: frenchFlow('Autre', []), author: 'a' }).flowId;
    start({ flowId: other, versionId: null, startedAt: 50_000 });

    const byNumber = listCalls(db, { number: '6005', limit: 100 }).calls;
    expect(byNumber).toHaveLength(15);
    expect(byNumber.every((c) => c.dialledNumber === '6005')).toBe(true);

    const completed = listCalls(db, { outcome: 'completed', limit: 100 }).calls;
    expect(completed.map((c) => c.outcome)).toEqual(Array(8).fill('completed' satisfies CallOutcome));

    expect(listCalls(db, { flowId: other, limit: 100 }).calls).toHaveLength(1);
    expect(listCalls(db, { simulated: true, limit: 100 }).calls).toHaveLength(6);
    expect(listCalls(db, { simulated: false, flowId, limit: 100 }).calls).toHaveLength(24);

    const range = listCalls(db, { from: 12_000, to: 14_000, limit: 100 }).calls;
    expect(range.map((c) => c.startedAt)).toEqual([13_000, 13_000, 13_000, 12_000, 12_000, 12_000]);

    // filters and cursor together
    const page1 = listCalls(db, { number: '6003', limit: 4 });
    const page2 = listCalls(db, { number: '6003', limit: 20, cursor: page1.nextCursor });
    expect(page1.calls.length + page2.calls.length).toBe(16); // 15 seeded + the call to "Autre"
    expect(page2.nextCursor).toBeNull();
  });

  it('explains a bad limit or cursor', () => {
    expect(() => listCalls(db, { limit: 0 })).toThrow(/limit must be a whole number from 1 to 500/);
    expect(() => listCalls(db, { limit: 10, cursor: 'garbage' })).toThrow(/not a cursor returned by listCalls/);
  });

  it('reads a page of a 200 000-call history through an index, without sorting the table', () => {
    // GIVEN a long history (inserted in bulk; the recorder's path is covered above)
    const insert = db.sqlite.prepare(
      `INSERT INTO calls (id, channel_id, dialled_number, simulated, flow_id, version_id, started_at, ended_at, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const outcomes: CallOutcome[] = ['completed', 'caller-hung-up', 'not-in-service', 'error'];
    db.sqlite.transaction(() => {
      for (let i = 0; i < 200_000; i++) {
        insert.run(
          `call_bulk${i.toString(36).padStart(6, '0')}`,
          `c${i}`,
          String(6000 + (i % 50)),
          i % 7 === 0 ? 1 : 0,
          i % 3 === 0 ? flowId : null,
          null,
          1_700_000_000_000 + i * 1_000,
          1_700_000_000_500 + i * 1_000,
          outcomes[i % 4],
        );
      }
    })();
    // THEN each kind of page is an index range read: no full scan, no temporary sort, with or without the
    // statistics ANALYZE (or PRAGMA optimize) gathers, which once steered the planner into sorting the whole table
    for (const statistics of ['none', 'analyzed']) {
      if (statistics === 'analyzed') db.sqlite.exec('ANALYZE');
      const filters = [
        {},
        { flowId },
        { number: '6007' },
        { outcome: 'error' as const },
        { from: 1_700_050_000_000, to: 1_700_090_000_000 },
      ];
      for (const filter of filters) {
        const label = `${statistics} ${JSON.stringify(filter)}`;
        const first = listCalls(db, { ...filter, limit: 50 });
        const plan = queryPlan(db, { ...filter, limit: 50, cursor: first.nextCursor });
        expect(plan, label).not.toMatch(/TEMP B-TREE/);
        expect(plan, label).not.toMatch(/SCAN calls(?! USING)/);
        expect(plan, label).toMatch(/calls_\w+_idx/);

        // and a deep page is as quick as the first one
        const timings: number[] = [];
        let cursor = first.nextCursor;
        for (let page = 0; page < 20; page++) {
          const started = performance.now();
          const result = listCalls(db, { ...filter, limit: 50, cursor });
          timings.push(performance.now() - started);
          cursor = result.nextCursor;
        }
        timings.sort((a, b) => a - b);
        expect(timings[10], label).toBeLessThan(20);
      }
    }
  });
});

/** EXPLAIN QUERY PLAN of the statement listCalls runs for this filter. */
function queryPlan(db: SwitchboardDb, filter: Parameters<typeof listCalls>[1]): string {
  const statements: string[] = [];
  const original = db.sqlite.prepare.bind(db.sqlite);
  const spy = (source: string) => {
    statements.push(source);
    return original(source);
  };
  (db.sqlite as { prepare: unknown }).prepare = spy;
  try {
    listCalls(db, filter);
  } finally {
    (db.sqlite as { prepare: unknown }).prepare = original;
  }
  const sql = statements.find((s) => s.includes('from "calls"'));
  if (!sql) throw new Error(`listCalls ran no query on calls: ${statements.join(' | ')}`);
  const params = paramsFor(filter);
  return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
}

/** Parameters in the order listCalls binds them (conditions, cursor, limit). */
function paramsFor(filter: Parameters<typeof listCalls>[1]): unknown[] {
  const params: unknown[] = [];
  if (filter.flowId !== undefined) params.push(filter.flowId);
  if (filter.number !== undefined) params.push(filter.number);
  if (filter.outcome !== undefined) params.push(filter.outcome);
  if (filter.from !== undefined) params.push(filter.from);
  if (filter.to !== undefined) params.push(filter.to);
  if (filter.simulated !== undefined) params.push(filter.simulated ? 1 : 0);
  if (filter.cursor) {
    const [startedAt, id] = JSON.parse(Buffer.from(filter.cursor, 'base64url').toString()) as [number, string];
    params.push(startedAt, id);
  }
  params.push(filter.limit + 1);
  return params;
}
