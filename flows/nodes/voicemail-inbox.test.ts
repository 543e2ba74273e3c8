import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { voicemailInboxNode } from './voicemail-inbox.ts';

const toBox6011 = () => ({ kind: 'box' as const, box: '6011' });

describe('voicemail-inbox node', () => {
  it('starts by asking for the box number, 3 PIN attempts, 5 minutes locked', () => {
    expect(voicemailInboxNode.data.parse(voicemailInboxNode.defaults())).toEqual({
      box: { kind: 'ask' },
      language: 'fr-FR',
      maxPinAttempts: 3,
      lockMinutes: 5,
    });
    expect(voicemailInboxNode.data.parse({})).toEqual(voicemailInboxNode.defaults());
  });

  it('accepts a fixed box (a personal access number)', () => {
    expect(voicemailInboxNode.data.parse({ box: { kind: 'fixed', box: '6001' } }).box).toEqual({
      kind: 'fixed',
      box: '6001',
    });
  });

  it('refuses a fixed box that is not an extension, and no PIN attempt at all', () => {
    const result = voicemailInboxNode.data.safeParse({ box: { kind: 'fixed', box: 'x' }, maxPinAttempts: 0 });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['box.box', 'maxPinAttempts']);
  });

  it('goes on, optionally, after listening; its sentences are built during the call', () => {
    const data = voicemailInboxNode.defaults();
    expect(inEnglish(voicemailInboxNode.branches(data))).toEqual([
      { id: 'next', label: 'After listening', required: false },
    ]);
    expect(voicemailInboxNode.spokenPrompts(data)).toEqual([]);
  });

  it('points at its box only when the box is fixed', () => {
    expect(voicemailInboxNode.references(voicemailInboxNode.defaults())).toEqual([]);
    const fixed = voicemailInboxNode.data.parse({ box: { kind: 'fixed', box: '6001' } });
    expect(voicemailInboxNode.references(fixed)).toEqual([{ kind: 'box', box: '6001' }]);
  });

  it('follows a renumbered fixed box, and leaves an asking inbox as it is', () => {
    expect(
      voicemailInboxNode.rewriteReferences({ box: { kind: 'fixed', box: '6001' }, lockMinutes: 9 }, toBox6011),
    ).toEqual({
      box: { kind: 'fixed', box: '6011' },
      lockMinutes: 9,
    });
    const asking = { box: { kind: 'ask' as const } };
    expect(voicemailInboxNode.rewriteReferences(asking, toBox6011)).toBe(asking);
    const omitted = {};
    expect(voicemailInboxNode.rewriteReferences(omitted, toBox6011)).toBe(omitted);
  });
});
