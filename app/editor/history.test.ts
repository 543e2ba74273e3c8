import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, canRedo, canUndo, createHistory, record, redo, undo } from './history.ts';

describe('history of snapshots', () => {
  it('undoes and redoes in order', () => {
    let history = createHistory('a');
    history = record(history, 'b');
    history = record(history, 'c');
    history = undo(history);
    expect(history.present).toBe('b');
    history = undo(history);
    expect(history.present).toBe('a');
    expect(canUndo(history)).toBe(false);
    history = redo(history);
    expect(history.present).toBe('b');
    expect(canRedo(history)).toBe(true);
  });

  it('forgets the redo branch when a new change is made after an undo', () => {
    let history = record(record(createHistory(1), 2), 3);
    history = undo(history);
    history = record(history, 4);
    expect(history.present).toBe(4);
    expect(canRedo(history)).toBe(false);
    expect(undo(history).present).toBe(2);
  });

  it('treats undo with nothing to undo, and redo with nothing to redo, as no change', () => {
    const history = createHistory('only');
    expect(undo(history)).toBe(history);
    expect(redo(history)).toBe(history);
  });

  it('merges quick changes to the same field into one step', () => {
    let history = createHistory('');
    history = record(history, 'H', { key: 'say-1:text', at: 1000 });
    history = record(history, 'He', { key: 'say-1:text', at: 1200 });
    history = record(history, 'Hey', { key: 'say-1:text', at: 1400 });
    expect(history.past).toEqual(['']);
    expect(undo(history).present).toBe('');
  });

  it('keeps separate steps for different fields, or after a pause', () => {
    let history = createHistory('');
    history = record(history, 'a', { key: 'say-1:text', at: 1000 });
    history = record(history, 'b', { key: 'say-1:language', at: 1100 });
    history = record(history, 'c', { key: 'say-1:language', at: 9000 });
    expect(history.past).toEqual(['', 'a', 'b']);
  });

  it('does not merge across an undo', () => {
    let history = createHistory('');
    history = record(history, 'a', { key: 'k', at: 1 });
    history = undo(history);
    history = record(history, 'b', { key: 'k', at: 2 });
    expect(history.past).toEqual(['']);
    expect(history.present).toBe('b');
  });

  it(`keeps at most ${HISTORY_LIMIT} steps`, () => {
    let history = createHistory(0);
    for (let step = 1; step <= HISTORY_LIMIT + 20; step += 1) history = record(history, step);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toBe(20);
  });
});
