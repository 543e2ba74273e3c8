import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { setNode } from './set.ts';

describe('set node', () => {
  it('starts by setting language to fr', () => {
    expect(setNode.data.parse(setNode.defaults())).toEqual({ assignments: [{ variable: 'language', value: 'fr' }] });
  });

  it('accepts values that insert other variables', () => {
    const data = { assignments: [{ variable: 'greeting', value: 'Hello {{caller}}' }] };
    expect(setNode.data.parse(data)).toEqual(data);
  });

  it('refuses an empty list and a variable name starting with a digit', () => {
    expect(setNode.data.safeParse({ assignments: [] }).error?.issues[0]?.message).toBe('Add at least one variable');
    expect(setNode.data.safeParse({ assignments: [{ variable: '1st', value: '' }] }).error?.issues[0]?.path).toEqual([
      'assignments',
      0,
      'variable',
    ]);
  });

  it('goes on at once by one optional branch, saying nothing', () => {
    const data = setNode.defaults();
    expect(inEnglish(setNode.branches(data))).toEqual([{ id: 'next', label: 'Then', required: false }]);
    expect(setNode.waitsForCaller).toBe(false);
    expect(setNode.spokenPrompts(data)).toEqual([]);
    expect(setNode.references(data)).toEqual([]);
  });
});

describe('set node and the call language', () => {
  it('switches to the language it assigns last, to one known only during the call, or not at all', () => {
    const switchOf = (assignments: { variable: string; value: string }[]) =>
      setNode.languageSwitch!(setNode.data.parse({ assignments }));
    expect(
      switchOf([
        { variable: 'language', value: '{{preferred}}' },
        { variable: 'language', value: 'en-GB' },
        { variable: 'other', value: 'de-DE' },
      ]),
    ).toEqual({ kind: 'to', languages: ['en-GB'] });
    expect(switchOf([{ variable: 'language', value: '{{preferred}}' }])).toEqual({ kind: 'unknown' });
    expect(switchOf([{ variable: 'other', value: 'de-DE' }])).toEqual({ kind: 'none' });
  });

  it('warns of a language value no voice can speak, with where it is', () => {
    const data = setNode.data.parse({ assignments: [{ variable: 'language', value: 'English' }] });
    expect(setNode.languageSwitch!(data)).toEqual({ kind: 'none' });
    expect(setNode.checkData!(data)).toEqual([
      {
        code: 'language-value-invalid',
        field: 'assignments.0.value',
        message: { key: 'languageValueInvalid', values: { value: 'English' } },
      },
    ]);
  });
});
