import { describe, expect, it } from 'vitest';
import {
  addRecentCall,
  readRecentCalls,
  recentCallOf,
  recentCallsKey,
  RECENT_CALLS_LIMIT,
  type RecentCall,
  type RecentCallsStorage,
} from './recent-calls.ts';

function memoryStorage(): RecentCallsStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

const call = (number: string, at: number): RecentCall => ({
  number,
  name: null,
  direction: 'outgoing',
  at,
  outcome: 'answered',
});

describe('recent calls', () => {
  it('keeps the newest first, per staff username', () => {
    const storage = memoryStorage();
    addRecentCall(storage, 'bob', call('201', 1));
    addRecentCall(storage, 'bob', call('202', 2));
    addRecentCall(storage, 'alice', call('203', 3));
    expect(readRecentCalls(storage, 'bob').map((entry) => entry.number)).toEqual(['202', '201']);
    expect(readRecentCalls(storage, 'alice').map((entry) => entry.number)).toEqual(['203']);
  });

  it(`keeps only the last ${RECENT_CALLS_LIMIT}`, () => {
    const storage = memoryStorage();
    for (let index = 0; index < 25; index += 1) addRecentCall(storage, 'bob', call(String(100 + index), index));
    const calls = readRecentCalls(storage, 'bob');
    expect(calls).toHaveLength(RECENT_CALLS_LIMIT);
    expect(calls[0]?.number).toBe('124');
  });

  it('stores only number, name, direction, time and outcome', () => {
    const storage = memoryStorage();
    addRecentCall(storage, 'bob', call('201', 1));
    const stored = JSON.parse(storage.values.get(recentCallsKey('bob')) ?? '[]') as object[];
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual(['at', 'direction', 'name', 'number', 'outcome']);
  });

  it('drops unreadable or foreign entries instead of trusting them', () => {
    const storage = memoryStorage();
    storage.setItem(recentCallsKey('bob'), JSON.stringify([call('201', 1), { number: 5 }, 'junk']));
    expect(readRecentCalls(storage, 'bob')).toEqual([call('201', 1)]);
    storage.setItem(recentCallsKey('bob'), '{not json');
    expect(readRecentCalls(storage, 'bob')).toEqual([]);
  });

  it('still answers when the storage refuses to write', () => {
    const storage: RecentCallsStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(addRecentCall(storage, 'bob', call('201', 1))).toEqual([call('201', 1)]);
  });

  it('turns an ended call into an entry with its outcome', () => {
    const remote = { number: '201', name: 'Alice' };
    const base = { state: 'ended' as const, remote, direction: 'incoming' as const, endedAt: 50, duration: 0 };
    expect(recentCallOf({ ...base, cause: { kind: 'missed' } })).toEqual({
      number: '201',
      name: 'Alice',
      direction: 'incoming',
      at: 50,
      outcome: 'missed',
    });
    expect(recentCallOf({ ...base, duration: 30, cause: { kind: 'hung-up', by: 'remote' } }).outcome).toBe('answered');
    expect(recentCallOf({ ...base, cause: { kind: 'failed', failure: { kind: 'busy' } } }).outcome).toBe('failed');
  });
});
