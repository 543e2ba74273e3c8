import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { branchNode } from './branch.ts';

describe('branch node', () => {
  it('starts with one condition on mobile callers (06...), which its schema accepts', () => {
    expect(branchNode.data.parse(branchNode.defaults())).toEqual({
      conditions: [{ id: 'c1', subject: { kind: 'caller-number' }, operator: 'starts-with', value: '06' }],
    });
  });

  it('fills an empty value for operators that need none', () => {
    const data = branchNode.data.parse({
      conditions: [{ id: 'vip', subject: { kind: 'variable', name: 'vip' }, operator: 'is-not-empty' }],
    });
    expect(data.conditions[0]?.value).toBe('');
  });

  it('refuses no conditions and a pattern that is not a regular expression', () => {
    expect(branchNode.data.safeParse({ conditions: [] }).error?.issues[0]?.message).toBe('Add at least one condition');
    const bad = { id: 'c1', subject: { kind: 'dialled-number' }, operator: 'matches', value: '(' };
    expect(branchNode.data.safeParse({ conditions: [bad] }).error?.issues[0]).toMatchObject({
      path: ['conditions', 0, 'value'],
      message: 'This pattern is not a valid regular expression',
    });
  });

  it('has a required branch per condition, in words, then Otherwise', () => {
    const data = branchNode.data.parse({
      conditions: [
        { id: 'mobile', subject: { kind: 'caller-number' }, operator: 'starts-with', value: '06' },
        { id: 'vip', subject: { kind: 'variable', name: 'vip' }, operator: 'is-not-empty' },
      ],
    });
    expect(inEnglish(branchNode.branches(data))).toEqual([
      { id: 'mobile', label: 'caller starts with "06"', required: true },
      { id: 'vip', label: 'vip is not empty', required: true },
      { id: 'else', label: 'Otherwise', required: true },
    ]);
  });

  it('reports condition ids that collide with each other or with "else"', () => {
    const condition = (id: string) => ({
      id,
      subject: { kind: 'caller-number' as const },
      operator: 'is-empty' as const,
      value: '',
    });
    expect(branchNode.checkData?.({ conditions: [condition('a'), condition('a'), condition('else')] })).toEqual([
      {
        code: 'node-data-invalid',
        field: 'conditions.1.id',
        message: { key: 'conditionIdDuplicate', values: { field: 'conditions.1.id', id: 'a' } },
      },
      {
        code: 'node-data-invalid',
        field: 'conditions.2.id',
        message: { key: 'conditionElseReserved', values: { field: 'conditions.2.id' } },
      },
    ]);
  });

  it('decides at once, says nothing and points at no one', () => {
    const data = branchNode.defaults();
    expect(branchNode.waitsForCaller).toBe(false);
    expect(branchNode.spokenPrompts(data)).toEqual([]);
    expect(branchNode.references(data)).toEqual([]);
  });
});
