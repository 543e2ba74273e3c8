import { describe, expect, it } from 'vitest';
import { summaryOf } from './index.ts';
import { probeInspector } from './inspector-probe.tsx';

const byNumber = {
  choice: 'caller-number' as const,
  rules: [{ prefix: '+44', language: 'en-GB' }],
  otherwise: 'fr-FR',
};

describe('Choose language inspector', () => {
  it('asks for one language, or for rules by number and a language for the others', () => {
    expect(probeInspector('language', { choice: 'fixed', language: 'en-GB' }).fields).toEqual(['choice', 'language']);
    const form = probeInspector('language', byNumber);
    expect(form.fields).toEqual(['choice', 'rules.0.prefix', 'rules.0.language', 'otherwise']);
    expect(form.buttons).toContain('Add a rule');
  });

  it('keeps the languages typed when switching between the two ways', () => {
    expect(
      probeInspector('language', { choice: 'fixed', language: 'de-DE' }).edit('choice', 'caller-number').data,
    ).toEqual({ choice: 'caller-number', rules: [{ prefix: '+44', language: 'de-DE' }], otherwise: 'fr-FR' });
    expect(probeInspector('language', byNumber).edit('choice', 'fixed').data).toEqual({
      choice: 'fixed',
      language: 'fr-FR',
    });
  });

  it('hands on an edited rule, adds and removes rules', () => {
    const form = probeInspector('language', byNumber);
    expect(form.edit('rules.0.prefix', '+1')).toEqual({
      data: { ...byNumber, rules: [{ prefix: '+1', language: 'en-GB' }] },
      field: 'rules.0.prefix',
    });
    const added = form.press('Add a rule').data;
    expect(added).toEqual({ ...byNumber, rules: [...byNumber.rules, { prefix: '', language: '' }] });
  });

  it('sums the node up on the canvas', () => {
    expect(summaryOf('language', { choice: 'fixed', language: 'en-GB' })).toBe('Speak en-GB');
    expect(summaryOf('language', byNumber)).toBe('+44… → en-GB, others → fr-FR');
  });
});
