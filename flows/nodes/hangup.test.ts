import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { hangupNode } from './hangup.ts';

describe('hangup node', () => {
  it('has no settings', () => {
    expect(hangupNode.data.parse(hangupNode.defaults())).toEqual({});
  });

  it('refuses data that is not a group of fields', () => {
    expect(hangupNode.data.safeParse(null).success).toBe(false);
  });

  it('ends the call: no branch, nothing said, no one pointed at, no wait', () => {
    expect(inEnglish(hangupNode.branches({}))).toEqual([]);
    expect(hangupNode.spokenPrompts({})).toEqual([]);
    expect(hangupNode.references({})).toEqual([]);
    expect(hangupNode.waitsForCaller).toBe(false);
    expect(hangupNode.acceptsCalls).toBe(true);
  });
});
