import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { voicemailNode } from './voicemail.ts';

const toBox6011 = () => ({ kind: 'box' as const, box: '6011' });

describe('voicemail node', () => {
  it("starts on box 6001 with its owner's greeting, which its schema accepts", () => {
    const defaults = voicemailNode.defaults();
    expect(voicemailNode.data.parse(defaults)).toEqual(defaults);
    expect(voicemailNode.data.parse({ box: '6001' })).toEqual(defaults);
  });

  it('accepts a spoken greeting', () => {
    const data = { box: '6002', greeting: { kind: 'spoken', text: 'Leave a message' }, language: 'en-US' };
    expect(voicemailNode.data.parse(data)).toMatchObject(data);
  });

  it('refuses a box that is not an extension and messages over 10 minutes', () => {
    const result = voicemailNode.data.safeParse({ box: '6', maxSeconds: 601 });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'An extension is 2 to 10 digits',
      'At most 600 s',
    ]);
  });

  it('goes on, optionally, after the message', () => {
    expect(inEnglish(voicemailNode.branches(voicemailNode.defaults()))).toEqual([
      { id: 'next', label: 'After the message', required: false },
    ]);
  });

  it("speaks a spoken greeting in the node's language and voice; the owner's greeting is a recording", () => {
    const spoken = voicemailNode.data.parse({
      box: '6002',
      greeting: { kind: 'spoken', text: 'Leave a message' },
      language: 'en-US',
      voice: 'en-US-A',
    });
    expect(voicemailNode.spokenPrompts(spoken)).toEqual([
      { text: 'Leave a message', language: 'en-US', voice: 'en-US-A' },
    ]);
    expect(voicemailNode.spokenPrompts(voicemailNode.defaults())).toEqual([]);
  });

  it('points at its box and follows it when renumbered', () => {
    expect(voicemailNode.references(voicemailNode.defaults())).toEqual([{ kind: 'box', box: '6001' }]);
    expect(voicemailNode.rewriteReferences({ box: '6001', beep: false }, toBox6011)).toEqual({
      box: '6011',
      beep: false,
    });
    const unchanged = { box: '6011' };
    expect(voicemailNode.rewriteReferences(unchanged, toBox6011)).toBe(unchanged);
  });
});
