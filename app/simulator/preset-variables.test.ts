import { describe, expect, it } from 'vitest';
import { translatorFor } from '#i18n/translator.ts';
import { parsePresetVariables as parse } from './preset-variables.ts';

const parsePresetVariables = (text: string) => parse(text, translatorFor('en'));

describe('parsePresetVariables', () => {
  it('reads name=value lines, trimming spaces and skipping blank and # lines', () => {
    expect(parsePresetVariables('client_vip = oui\n\n# a comment\nlangue=fr=FR\nvide=\n')).toEqual({
      ok: true,
      variables: { client_vip: 'oui', langue: 'fr=FR', vide: '' },
    });
    expect(parsePresetVariables('')).toEqual({ ok: true, variables: {} });
  });

  it('says which line is wrong and why', () => {
    expect(parsePresetVariables('a=1\nno equals sign')).toEqual({
      ok: false,
      error: expect.stringContaining('Line 2: write name=value'),
    });
    expect(parsePresetVariables('1abc=x')).toEqual({
      ok: false,
      error: expect.stringContaining('Line 1: "1abc" is not a variable name'),
    });
    expect(parsePresetVariables('été=x')).toMatchObject({ ok: false });
    expect(parsePresetVariables('a=1\na=2')).toEqual({ ok: false, error: 'Line 2: a is set twice' });
    expect(parsePresetVariables('caller_number=06')).toEqual({
      ok: false,
      error: expect.stringContaining('set by the call itself'),
    });
  });

  it('says it in French to a French reader', () => {
    expect(parse('a=1\na=2', translatorFor('fr'))).toEqual({ ok: false, error: 'Ligne 2 : a est défini deux fois' });
  });
});
