import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { menuNode } from './menu.ts';

const prompt = { text: 'Press 1 for sales', language: 'en-US' };

describe('menu node', () => {
  it('starts with keys 1 and 2 and the usual timeouts, which its schema accepts', () => {
    const defaults = menuNode.defaults();
    expect(menuNode.data.parse(defaults)).toEqual(defaults);
    expect(defaults.options.map((option) => option.digit)).toEqual(['1', '2']);
  });

  it('fills timeout, retries, barge-in and empty labels', () => {
    expect(menuNode.data.parse({ prompt, options: [{ digit: '#' }] })).toEqual({
      prompt,
      options: [{ digit: '#', label: '' }],
      timeoutSeconds: 5,
      retries: 2,
      bargeIn: true,
    });
  });

  it('refuses a menu without options and a key that is not on a keypad', () => {
    expect(menuNode.data.safeParse({ prompt, options: [] }).error?.issues[0]?.message).toBe(
      'A menu needs at least one option',
    );
    expect(menuNode.data.safeParse({ prompt, options: [{ digit: 'A' }] }).error?.issues[0]?.message).toBe(
      'A key is one of 0-9, * or #',
    );
  });

  it('has a required branch per key, labelled with what it leads to, then three optional ones', () => {
    const data = menuNode.data.parse({ prompt, options: [{ digit: '1', label: 'Sales' }, { digit: '0' }] });
    expect(inEnglish(menuNode.branches(data))).toEqual([
      { id: '1', label: '1: Sales', required: true },
      { id: '0', label: 'Key 0', required: true },
      { id: 'timeout', label: 'No key pressed', required: false },
      { id: 'invalid', label: 'Wrong key', required: false },
      { id: 'failed', label: 'Too many tries', required: false },
    ]);
  });

  it('speaks its prompt and points at no one', () => {
    const data = menuNode.data.parse({ prompt, options: [{ digit: '1' }] });
    expect(menuNode.spokenPrompts(data)).toEqual([{ text: 'Press 1 for sales', language: 'en-US' }]);
    expect(menuNode.references(data)).toEqual([]);
  });

  it('finds a key used twice in the raw data, even while other fields are wrong', () => {
    const raw = { prompt: { text: '' }, options: [{ digit: '1' }, { digit: '2' }, { digit: '1' }, { digit: 7 }] };
    expect(menuNode.checkRawData?.(raw)).toEqual([
      {
        code: 'menu-digit-duplicate',
        field: 'options.2.digit',
        message: { key: 'menuDigitDuplicate', values: { digit: '1' } },
      },
    ]);
    expect(menuNode.checkRawData?.({ options: 'none' })).toEqual([]);
    expect(menuNode.checkRawData?.(null)).toEqual([]);
  });
});
