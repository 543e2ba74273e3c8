import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { sayNode } from './say.ts';

describe('say node', () => {
  it('starts with a French welcome that its schema accepts', () => {
    expect(sayNode.data.parse(sayNode.defaults())).toEqual({ text: 'Bonjour, et bienvenue.', language: 'fr-FR' });
  });

  it('trims the sentence and fills the language', () => {
    expect(sayNode.data.parse({ text: '  Hello  ' })).toEqual({ text: 'Hello', language: 'fr-FR' });
  });

  it('refuses an empty sentence and a malformed language tag', () => {
    const result = sayNode.data.safeParse({ text: '   ', language: 'french' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['text', 'Type what the caller should hear'],
      ['language', 'Use a language tag such as fr-FR or en-US'],
    ]);
  });

  it('goes on by one optional branch', () => {
    expect(inEnglish(sayNode.branches(sayNode.defaults()))).toEqual([{ id: 'next', label: 'Then', required: false }]);
  });

  it('speaks its sentence, with its language and voice, and points at no one', () => {
    const data = { text: 'Hello', language: 'en-GB', voice: 'en-GB-Standard-A' };
    expect(sayNode.spokenPrompts(data)).toEqual([data]);
    expect(sayNode.references(data)).toEqual([]);
    expect(sayNode.waitsForCaller).toBe(true);
    expect(sayNode.acceptsCalls).toBe(true);
  });
});
