import { afterEach, describe, expect, it } from 'vitest';
import { log } from '#runtime/log.ts';
import { MemoryAgentDirectory } from '#runtime/queue/memory-agents.ts';
import { QueueService } from '#runtime/queue/queue-service.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';
import { createQueueStore, queueCallsOfCall, recentQueueCalls } from './queues.ts';

let temp: TempDatabase | undefined;
const services: QueueService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.close();
  temp?.dispose();
  temp = undefined;
});

describe('queue storage on SQLite', () => {
  it('keeps places across a restart of the queue service, in order, and writes each queued call to history', () => {
    temp = openTempDatabase();
    const store = createQueueStore(temp.db);
    const agents = new MemoryAgentDirectory([{ name: 'RH', members: [{ username: 'ann', loggedIn: false }] }]);
    const first = new QueueService({ agents, store, logger: log });
    services.push(first);
    const base = {
      department: agents.department('RH')!,
      callerName: '',
      maxWaiting: 0,
      joinWhenNoAgents: true,
    };
    const normal = first.join({ ...base, priority: 0, callId: null, channelId: 'a', callerNumber: '0601' });
    const vip = first.join({ ...base, priority: 9, callId: null, channelId: 'b', callerNumber: '0602' });
    if (normal.kind !== 'joined' || vip.kind !== 'joined') throw new Error('not joined');
    normal.ticket.toCallback('PJSIP/alice');
    first.close();

    // A new run finds both places, the VIP first, the callback still waiting with its endpoint.
    const entries = createQueueStore(temp.db).loadEntries();
    expect(entries.map((entry) => [entry.callerNumber, entry.kind, entry.callbackEndpoint])).toEqual(
      expect.arrayContaining([
        ['0601', 'callback', 'PJSIP/alice'],
        ['0602', 'caller', null],
      ]),
    );
    const second = new QueueService({ agents, store: createQueueStore(temp.db), logger: log });
    services.push(second);
    const back = second.join({
      ...base,
      priority: 9,
      callId: null,
      channelId: 'b',
      callerNumber: '0602',
      resumeEntryId: vip.ticket.entryId,
    });
    if (back.kind !== 'joined') throw new Error('not joined');
    expect(back.ticket.position()).toBe(1);
    back.ticket.leave('abandoned');

    const history = recentQueueCalls(temp.db, { department: 'rh' });
    expect(history.map((row) => [row.callerNumber, row.outcome, row.positionAtEntry])).toEqual(
      expect.arrayContaining([
        ['0601', null, 1],
        ['0602', 'abandoned', 1],
      ]),
    );
    expect(history.find((row) => row.callerNumber === '0601')!.offers).toEqual([
      expect.objectContaining({ outcome: 'callback-requested' }),
    ]);
    // seq goes on from the largest one stored: FIFO holds across restarts.
    expect(createQueueStore(temp.db).lastSeq()).toBe(2);
  });

  it('appends offers without losing one and closes a row only once', () => {
    temp = openTempDatabase();
    const store = createQueueStore(temp.db);
    store.startHistory({
      id: 'qcl_1',
      callId: null,
      department: 'Sales',
      priority: 0,
      seq: 1,
      callerNumber: '1',
      enteredAt: 1,
      positionAtEntry: 1,
    });
    store.addOffer('qcl_1', { username: 'ann', at: 2, outcome: 'no-answer', freeToRingMs: 3 });
    store.addOffer('qcl_1', { username: 'ben', at: 4, outcome: 'answered', freeToRingMs: 1 });
    store.finishHistory('qcl_1', { outcome: 'answered', leftAt: 5, waitMs: 4, answeredBy: 'ben' });
    store.finishHistory('qcl_1', { outcome: 'abandoned', leftAt: 9, waitMs: 8, answeredBy: null });
    const [row] = recentQueueCalls(temp.db);
    expect(row).toMatchObject({ outcome: 'answered', answeredBy: 'ben', waitMs: 4 });
    expect(row!.offers.map((offer) => offer.username)).toEqual(['ann', 'ben']);
    expect(queueCallsOfCall(temp.db, 'none')).toEqual([]);
  });
});
