import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { playNode } from './play.ts';

describe('play node', () => {
  it("starts with Asterisk's hello-world, which its schema accepts", () => {
    expect(playNode.data.parse(playNode.defaults())).toEqual({ sound: { kind: 'asterisk', name: 'hello-world' } });
  });

  it('accepts a sound in a folder of Asterisk sounds and an uploaded file', () => {
    expect(playNode.data.safeParse({ sound: { kind: 'asterisk', name: 'digits/1' } }).success).toBe(true);
    expect(playNode.data.safeParse({ sound: { kind: 'upload', fileId: 'f_123' } }).success).toBe(true);
  });

  it('refuses a path that leaves the sounds folder', () => {
    const result = playNode.data.safeParse({ sound: { kind: 'asterisk', name: '../etc/passwd' } });
    expect(result.error?.issues[0]?.message).toBe('An Asterisk sound name such as hello-world');
  });

  it('goes on by one optional branch, and renders no prompt (the sound is already recorded)', () => {
    const data = playNode.defaults();
    expect(inEnglish(playNode.branches(data))).toEqual([{ id: 'next', label: 'Then', required: false }]);
    expect(playNode.spokenPrompts(data)).toEqual([]);
    expect(playNode.references(data)).toEqual([]);
    expect(playNode.waitsForCaller).toBe(true);
  });
});
