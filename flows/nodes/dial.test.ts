import { describe, expect, it } from 'vitest';
import type { DirectoryReference } from '../node-definition.ts';
import { dialNode } from './dial.ts';

/** Renumbering alice (6001) to alicia (6011), as the directory does when a person changes. */
const follow = (reference: DirectoryReference): DirectoryReference =>
  reference.kind === 'person' && reference.username === 'alice'
    ? { kind: 'person', username: 'alicia' }
    : reference.kind === 'extension' && reference.extension === '6001'
      ? { kind: 'extension', extension: '6011' }
      : reference;

describe('dial node', () => {
  it('starts ringing extension 6001 for 10 seconds, which its schema accepts', () => {
    expect(dialNode.data.parse(dialNode.defaults())).toEqual({
      target: { kind: 'extension', extension: '6001' },
      ringSeconds: 10,
    });
  });

  it('rings a person, an extension or an Asterisk dial string', () => {
    for (const target of [
      { kind: 'user', username: 'alice' },
      { kind: 'extension', extension: '6002' },
      { kind: 'endpoint', endpoint: 'PJSIP/trunk/0611223344' },
    ]) {
      expect(dialNode.data.safeParse({ target }).success).toBe(true);
    }
  });

  it('refuses a dial string of an unknown technology and ringing for more than 300 s', () => {
    const result = dialNode.data.safeParse({ target: { kind: 'endpoint', endpoint: 'HTTP/x' }, ringSeconds: 301 });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'An Asterisk dial string such as PJSIP/bob',
      'At most 300 s',
    ]);
  });

  it('has four optional branches, one per outcome of the ringing', () => {
    expect(dialNode.branches(dialNode.defaults()).map((branch) => [branch.id, branch.required])).toEqual([
      ['answered', false],
      ['no-answer', false],
      ['busy', false],
      ['failed', false],
    ]);
  });

  it('points at the person or the extension it rings, not at a raw dial string, and says nothing', () => {
    expect(dialNode.references({ target: { kind: 'user', username: 'alice' }, ringSeconds: 10 })).toEqual([
      { kind: 'person', username: 'alice' },
    ]);
    expect(dialNode.references(dialNode.defaults())).toEqual([{ kind: 'extension', extension: '6001' }]);
    expect(dialNode.references({ target: { kind: 'endpoint', endpoint: 'PJSIP/bob' }, ringSeconds: 10 })).toEqual([]);
    expect(dialNode.spokenPrompts(dialNode.defaults())).toEqual([]);
  });

  it('follows a renumbered person or extension, keeping the rest of its data as written', () => {
    expect(dialNode.rewriteReferences({ target: { kind: 'user', username: 'alice' }, callerId: '01' }, follow)).toEqual(
      {
        target: { kind: 'user', username: 'alicia' },
        callerId: '01',
      },
    );
    expect(dialNode.rewriteReferences({ target: { kind: 'extension', extension: '6001' } }, follow)).toEqual({
      target: { kind: 'extension', extension: '6011' },
    });
  });

  it('returns the very same data when nothing it points at changes', () => {
    const data = { target: { kind: 'user' as const, username: 'bob' } };
    expect(dialNode.rewriteReferences(data, follow)).toBe(data);
    const endpoint = { target: { kind: 'endpoint' as const, endpoint: 'PJSIP/alice' } };
    expect(dialNode.rewriteReferences(endpoint, follow)).toBe(endpoint);
  });
});
