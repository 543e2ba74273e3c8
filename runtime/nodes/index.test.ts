import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '#flows/catalogue.ts';
import { executorFor, executors } from './index.ts';

describe('executor registry', () => {
  it('has exactly one executor per node type of the catalogue', () => {
    // GIVEN the catalogue's node types
    // WHEN the registry is listed
    // THEN it holds the same types, each with a run function
    expect(Object.keys(executors).sort()).toEqual([...NODE_TYPES].sort());
    for (const type of NODE_TYPES) expect(typeof executorFor(type).run).toBe('function');
  });
});
