import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { queueNode } from './queue.ts';

describe('queue node', () => {
  it('starts with app_queue-like defaults: 10 minutes at most, no one let in without agents, announcements on', () => {
    const defaults = queueNode.defaults();
    expect(queueNode.data.parse(defaults)).toEqual(defaults);
    expect(queueNode.data.parse({ department: 'Support technique' })).toEqual(defaults);
  });

  it('takes the priority from a variable with a fallback, and refuses priorities beyond 100', () => {
    const data = { department: 'RH', priority: { kind: 'variable', name: 'vip', fallback: 2 } };
    expect(queueNode.data.parse(data).priority).toEqual({ kind: 'variable', name: 'vip', fallback: 2 });
    const result = queueNode.data.safeParse({ department: 'RH', priority: { kind: 'fixed', value: 101 } });
    expect(result.error?.issues[0]?.path).toEqual(['priority', 'value']);
    expect(queueNode.data.safeParse({ department: ' ' }).error?.issues[0]?.message).toBe('Choose a department');
  });

  it('has a left branch only with a leave key (required) and a callback branch only with a callback key', () => {
    const plain = queueNode.branches(queueNode.defaults()).map((branch) => branch.id);
    expect(plain).toEqual(['answered', 'timeout', 'full', 'no-agents']);
    const keys = inEnglish(queueNode.branches({ ...queueNode.defaults(), leaveKey: '9', callbackKey: '1' }));
    expect(keys.slice(4)).toEqual([
      { id: 'left', label: 'Pressed 9 to leave', required: true },
      { id: 'callback', label: 'Asked to be called back', required: false },
    ]);
  });

  it('refuses one key for both leaving and the callback', () => {
    expect(queueNode.checkData?.({ ...queueNode.defaults(), leaveKey: '1', callbackKey: '1' })).toEqual([
      {
        code: 'queue-key-duplicate',
        field: 'callbackKey',
        message: { key: 'queueKeyDuplicate', values: { key: '1' } },
      },
    ]);
  });

  it('renders every announcement it may speak ahead of time, in its language', () => {
    const prompts = queueNode.spokenPrompts({ ...queueNode.defaults(), language: 'en-GB', callbackKey: '1' });
    const texts = prompts.map((prompt) => prompt.text);
    expect(texts).toContain('You are caller number 3 in the queue.');
    expect(texts).toContain('Your estimated wait is about 4 minutes.');
    expect(texts).toContain('To be called back without losing your place, press 1.');
    expect(prompts.every((prompt) => prompt.language === 'en-GB')).toBe(true);
    expect(queueNode.spokenPrompts({ ...queueNode.defaults(), announcePosition: false })).toEqual([]);
  });
});
