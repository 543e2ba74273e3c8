import { describe, expect, it } from 'vitest';
import { expandTemplate, initialVariables } from './variables.ts';

describe('expandTemplate', () => {
  it('replaces each {{name}} with the variable, spaces inside the braces allowed', () => {
    // GIVEN two variables
    const variables = new Map([
      ['first', 'Ada'],
      ['account', '42'],
    ]);
    // WHEN a template uses both, one of them twice
    const expanded = expandTemplate('{{first}}/{{ account }}/{{first}}', variables);
    // THEN every placeholder is replaced and nothing is missing
    expect(expanded).toEqual({ text: 'Ada/42/Ada', missing: [] });
  });

  it('expands an unknown variable to "" and reports it once', () => {
    // GIVEN no variable called "pin"
    // WHEN a template mentions it twice
    const expanded = expandTemplate('[{{pin}}-{{pin}}]', new Map());
    // THEN it vanishes and is listed once as missing
    expect(expanded).toEqual({ text: '[-]', missing: ['pin'] });
  });

  it('leaves text that only looks like a placeholder alone', () => {
    // GIVEN braces around something that is not a variable name
    // WHEN it is expanded
    const expanded = expandTemplate('{{1abc}} {single}', new Map([['1abc', 'x']]));
    // THEN the text is unchanged
    expect(expanded.text).toBe('{{1abc}} {single}');
  });
});

describe('initialVariables', () => {
  it('starts a call with the caller number and the dialled number', () => {
    // GIVEN a call from 0612 to 6003
    // WHEN its variables are created
    const variables = initialVariables({ caller: { number: '0612', name: 'Ada' }, dialledNumber: '6003' });
    // THEN both built-ins are set
    expect(Object.fromEntries(variables)).toEqual({ caller_number: '0612', dialled_number: '6003' });
  });
});

describe('initialVariables with variables preset by a tester', () => {
  const call = { caller: { number: '0611223344', name: 'Alice' }, dialledNumber: '6003' };

  it('starts with the preset variables and the built-in ones', () => {
    expect(Object.fromEntries(initialVariables(call, { client_vip: 'oui' }))).toEqual({
      client_vip: 'oui',
      caller_number: '0611223344',
      dialled_number: '6003',
    });
  });

  it('never lets a preset variable override what the call itself says', () => {
    expect(initialVariables(call, { caller_number: '0000' }).get('caller_number')).toBe('0611223344');
  });
});
