import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { gotoNode } from './goto.ts';

describe('goto node', () => {
  it('starts by going to the flow on 6001', () => {
    expect(gotoNode.data.parse(gotoNode.defaults())).toEqual({ target: { kind: 'number', number: '6001' } });
  });

  it('goes to a number or to a flow by id', () => {
    expect(gotoNode.data.safeParse({ target: { kind: 'number', number: '*97' } }).success).toBe(true);
    expect(gotoNode.data.safeParse({ target: { kind: 'flow', flowId: 'f1' } }).success).toBe(true);
  });

  it('refuses a number with letters and a flow left unchosen', () => {
    expect(gotoNode.data.safeParse({ target: { kind: 'number', number: '60a1' } }).error?.issues[0]?.message).toBe(
      'A number is 1 to 20 digits (0-9, * and #)',
    );
    expect(gotoNode.data.safeParse({ target: { kind: 'flow', flowId: '' } }).error?.issues[0]?.message).toBe(
      'Choose a flow',
    );
  });

  it('leaves the flow: no branch, no wait (a loop of go-tos would spin), nothing said, no directory reference', () => {
    const data = gotoNode.defaults();
    expect(inEnglish(gotoNode.branches(data))).toEqual([]);
    expect(gotoNode.waitsForCaller).toBe(false);
    expect(gotoNode.spokenPrompts(data)).toEqual([]);
    expect(gotoNode.references(data)).toEqual([]);
  });
});
