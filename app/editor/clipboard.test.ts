import { describe, expect, it } from 'vitest';
import type { DraftNode, FlowEdge } from '#flows/document.ts';
import { copyNodes, pasteContent } from './clipboard.ts';

const nodes: DraftNode[] = [
  { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
  { id: 'say-1', type: 'say', position: { x: 200, y: 0 }, data: { text: 'Bonjour', language: 'fr-FR' } },
  { id: 'menu-1', type: 'menu', position: { x: 400, y: 0 }, data: { options: [{ digit: '1', label: '' }] } },
  { id: 'hangup-1', type: 'hangup', position: { x: 600, y: 0 }, data: {} },
];
const edges: FlowEdge[] = [
  { id: 'start-next', source: 'start', sourceBranch: 'next', target: 'say-1' },
  { id: 'say-1-next', source: 'say-1', sourceBranch: 'next', target: 'menu-1' },
  { id: 'menu-1-1', source: 'menu-1', sourceBranch: '1', target: 'hangup-1' },
];

describe('copyNodes', () => {
  it('keeps the chosen nodes and only the edges between them', () => {
    const { content, skippedStart } = copyNodes(nodes, edges, new Set(['say-1', 'menu-1']));
    expect(content.nodes.map((node) => node.id)).toEqual(['say-1', 'menu-1']);
    expect(content.edges.map((edge) => edge.id)).toEqual(['say-1-next']);
    expect(skippedStart).toBe(false);
  });

  it('leaves the Start node out and says so', () => {
    const { content, skippedStart } = copyNodes(nodes, edges, new Set(['start', 'say-1']));
    expect(content.nodes.map((node) => node.id)).toEqual(['say-1']);
    expect(content.edges).toEqual([]);
    expect(skippedStart).toBe(true);
  });

  it('copies data deeply, so later edits to the canvas do not change the clipboard', () => {
    const source = structuredClone(nodes);
    const { content } = copyNodes(source, edges, new Set(['say-1']));
    (source[1]!.data as { text: string }).text = 'changed';
    expect((content.nodes[0]!.data as { text: string }).text).toBe('Bonjour');
  });
});

describe('pasteContent', () => {
  const { content } = copyNodes(nodes, edges, new Set(['say-1', 'menu-1', 'hangup-1']));
  const taken = { nodeIds: new Set(nodes.map((node) => node.id)), edgeIds: new Set(edges.map((edge) => edge.id)) };

  it('gives fresh readable ids, moves by the offset and rewires the edges', () => {
    const pasted = pasteContent(content, taken, { x: 40, y: 40 });
    expect(pasted.nodes.map((node) => [node.id, node.position])).toEqual([
      ['say-2', { x: 240, y: 40 }],
      ['menu-2', { x: 440, y: 40 }],
      ['hangup-2', { x: 640, y: 40 }],
    ]);
    expect(pasted.edges).toEqual([
      { id: 'say-2-next', source: 'say-2', sourceBranch: 'next', target: 'menu-2' },
      { id: 'menu-2-1', source: 'menu-2', sourceBranch: '1', target: 'hangup-2' },
    ]);
  });

  it('does not share data objects between two pastes', () => {
    const first = pasteContent(content, taken, { x: 0, y: 0 });
    const second = pasteContent(content, taken, { x: 0, y: 0 });
    expect(first.nodes[1]!.data).toEqual(second.nodes[1]!.data);
    expect(first.nodes[1]!.data).not.toBe(second.nodes[1]!.data);
    expect(first.nodes[1]!.data).not.toBe(content.nodes[1]!.data);
  });
});
