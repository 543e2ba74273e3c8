// Undo/redo as a list of document snapshots. Snapshots are whole documents (small: a 500-node flow is ~200 KB of
// objects, shared structurally with the canvas), which keeps undo exact: no inverse operations to get wrong.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** What the last recorded change was (e.g. "menu-1:prompt.text"), so typing in one field is one undo step. */
  lastKey: string | null;
  lastAt: number;
}

export interface RecordOptions {
  /** Changes with the same key within `coalesceMs` of each other replace one another instead of piling up. */
  key?: string;
  /** Milliseconds; passed in so recording stays a pure function. */
  at?: number;
}

export const HISTORY_LIMIT = 100;
const COALESCE_MS = 1500;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

export function record<T>(history: History<T>, next: T, options: RecordOptions = {}): History<T> {
  const at = options.at ?? 0;
  const key = options.key ?? null;
  const coalesce = key !== null && key === history.lastKey && at - history.lastAt < COALESCE_MS;
  if (coalesce) return { past: history.past, present: next, future: [], lastKey: key, lastAt: at };
  const past = [...history.past, history.present];
  return { past: past.slice(-HISTORY_LIMIT), present: next, future: [], lastKey: key, lastAt: at };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: null,
    lastAt: 0,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: null, lastAt: 0 };
}

export const canUndo = (history: History<unknown>): boolean => history.past.length > 0;
export const canRedo = (history: History<unknown>): boolean => history.future.length > 0;
