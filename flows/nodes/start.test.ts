import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { startNode } from './start.ts';

describe('start node', () => {
  it('has no settings: its defaults are empty and valid', () => {
    expect(startNode.defaults()).toEqual({});
    expect(startNode.data.safeParse(startNode.defaults()).success).toBe(true);
  });

  it('refuses data that is not a group of fields', () => {
    expect(startNode.data.safeParse('go').success).toBe(false);
  });

  it('has one required branch, taken when a call arrives', () => {
    expect(inEnglish(startNode.branches({}))).toEqual([{ id: 'next', label: 'Call arrives', required: true }]);
  });

  it('is where calls begin: nothing leads into it, it waits for nobody, says nothing and points at no one', () => {
    expect(startNode.acceptsCalls).toBe(false);
    expect(startNode.waitsForCaller).toBe(false);
    expect(startNode.spokenPrompts({})).toEqual([]);
    expect(startNode.references({})).toEqual([]);
  });
});
