import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { collectNode } from './collect.ts';

describe('collect node', () => {
  it('starts reading 4 digits ended by # into "digits", which its schema accepts', () => {
    expect(collectNode.data.parse(collectNode.defaults())).toEqual({
      variable: 'digits',
      maxDigits: 4,
      terminator: '#',
      timeoutSeconds: 5,
    });
  });

  it('accepts a prompt and a terminator of none', () => {
    const data = { prompt: { text: 'Your PIN?', language: 'en-US' }, variable: 'pin', terminator: 'none' };
    expect(collectNode.data.parse(data)).toMatchObject(data);
  });

  it('refuses more than 32 digits', () => {
    const result = collectNode.data.safeParse({ variable: 'pin', maxDigits: 33 });
    expect(result.error?.issues[0]?.message).toBe('At most 32 digits');
  });

  it('has a required branch for digits entered and an optional one for silence', () => {
    expect(inEnglish(collectNode.branches(collectNode.defaults()))).toEqual([
      { id: 'next', label: 'Digits entered', required: true },
      { id: 'timeout', label: 'Nothing entered', required: false },
    ]);
  });

  it('speaks its prompt only when it has one', () => {
    const defaults = collectNode.defaults();
    expect(collectNode.spokenPrompts(defaults)).toEqual([]);
    const prompt = { text: 'Your PIN?', language: 'en-US' };
    expect(collectNode.spokenPrompts({ ...defaults, prompt })).toEqual([prompt]);
    expect(collectNode.references(defaults)).toEqual([]);
  });
});
