import { describe, expect, it } from 'vitest';
import { nodeIdSchema } from '#flows/document.ts';
import { nextEdgeId, nextNodeId } from './ids.ts';

describe('nextNodeId', () => {
  it('starts at 1 for a type not yet on the canvas', () => {
    expect(nextNodeId('menu', new Set(['start', 'say-1']))).toBe('menu-1');
  });

  it('follows the highest number in use, not the count', () => {
    expect(nextNodeId('say', new Set(['say-1', 'say-7', 'say-3']))).toBe('say-8');
  });

  it('ignores ids that only look alike', () => {
    expect(nextNodeId('say', new Set(['say-x', 'sayer-4', 'say-2b']))).toBe('say-1');
  });

  it('makes ids the document accepts, for every shape of type name', () => {
    const id = nextNodeId('voicemail-inbox', new Set());
    expect(id).toBe('voicemail-inbox-1');
    expect(nodeIdSchema.safeParse(id).success).toBe(true);
  });
});

describe('nextEdgeId', () => {
  it('names the edge after its source and branch, with words for * and #', () => {
    expect(nextEdgeId('menu-1', '2', new Set())).toBe('menu-1-2');
    expect(nextEdgeId('menu-1', '#', new Set())).toBe('menu-1-hash');
    expect(nextEdgeId('menu-1', '*', new Set())).toBe('menu-1-star');
  });

  it('adds a suffix when the name is taken', () => {
    expect(nextEdgeId('say-1', 'next', new Set(['say-1-next', 'say-1-next-2']))).toBe('say-1-next-3');
  });
});
