import { describe, expect, it } from 'vitest';
import { inEnglish } from '../testing/branch-words.ts';
import { chosenLanguage, languageNode } from './language.ts';

const byNumber = languageNode.data.parse({
  choice: 'caller-number',
  rules: [
    { prefix: '+44', language: 'en-GB' },
    { prefix: '+1', language: 'en-US' },
  ],
  otherwise: 'fr-FR',
});

describe('language node', () => {
  it('starts as a fixed switch to British English', () => {
    expect(languageNode.data.parse(languageNode.defaults())).toEqual({ choice: 'fixed', language: 'en-GB' });
  });

  it('chooses the fixed language, or the first rule whose prefix starts the number, else the default', () => {
    expect(chosenLanguage({ choice: 'fixed', language: 'en-GB' }, '0611223344')).toBe('en-GB');
    expect(chosenLanguage(byNumber, '+447700900123')).toBe('en-GB');
    expect(chosenLanguage(byNumber, '+15550100')).toBe('en-US');
    expect(chosenLanguage(byNumber, '0611223344')).toBe('fr-FR');
    expect(chosenLanguage(byNumber, '')).toBe('fr-FR');
  });

  it('lists every language it may switch to', () => {
    expect(languageNode.languageSwitch!(languageNode.defaults())).toEqual({ kind: 'to', languages: ['en-GB'] });
    expect(languageNode.languageSwitch!(byNumber)).toEqual({ kind: 'to', languages: ['en-GB', 'en-US', 'fr-FR'] });
  });

  it('refuses a bad language, a bad prefix and an empty rule list, saying where', () => {
    const issue = (data: unknown) => {
      const first = languageNode.data.safeParse(data).error?.issues[0];
      return [first?.path, first?.message];
    };
    expect(issue({ choice: 'fixed', language: 'English' })).toEqual([
      ['language'],
      'Use a language tag such as fr-FR or en-US',
    ]);
    expect(
      issue({ choice: 'caller-number', rules: [{ prefix: '44a', language: 'en-GB' }], otherwise: 'fr-FR' }),
    ).toEqual([['rules', 0, 'prefix'], 'A prefix is 1 to 20 digits, possibly after a +, such as +44 or 0044']);
    expect(issue({ choice: 'caller-number', rules: [], otherwise: 'fr-FR' })).toEqual([
      ['rules'],
      'Add at least one rule',
    ]);
    expect(issue({ choice: 'by-mood' })[1]).toBe('Choose "fixed" or "caller-number"');
  });

  it('warns of a rule an earlier, shorter prefix always catches first', () => {
    const shadowed = languageNode.data.parse({
      choice: 'caller-number',
      rules: [
        { prefix: '+4', language: 'de-DE' },
        { prefix: '+44', language: 'en-GB' },
      ],
      otherwise: 'fr-FR',
    });
    expect(languageNode.checkData!(shadowed)).toEqual([
      {
        code: 'language-rule-shadowed',
        field: 'rules.1.prefix',
        message: { key: 'ruleShadowed', values: { prefix: '+44', earlier: '+4' } },
      },
    ]);
    expect(languageNode.checkData!(byNumber)).toEqual([]);
  });

  it('goes on at once by one optional branch, saying nothing', () => {
    const data = languageNode.defaults();
    expect(inEnglish(languageNode.branches(data))).toEqual([{ id: 'next', label: 'Then', required: false }]);
    expect(languageNode.waitsForCaller).toBe(false);
    expect(languageNode.spokenPrompts(data)).toEqual([]);
    expect(languageNode.references(data)).toEqual([]);
  });
});
