import type { Edge } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '#i18n/translator.ts';
import { canvasTrafficOf, dropOffByNode, labelEdges } from './canvas-traffic.ts';

describe('canvasTrafficOf', () => {
  it('adds the flow’s versions together and leaves other flows’ edges out', () => {
    const traffic = canvasTrafficOf(
      {
        calls: 5,
        edges: [
          { versionId: 'v1', source: 'menu', branch: '1', target: 'compta', count: 2 },
          { versionId: 'v2', source: 'menu', branch: '1', target: 'compta', count: 1 },
          { versionId: 'v2', source: 'menu', branch: '2', target: 'rh', count: 1 },
          { versionId: 'other', source: 'menu', branch: '1', target: 'compta', count: 7 },
        ],
        dropOff: [
          { versionId: 'v1', nodeId: 'menu', count: 1 },
          { versionId: 'v2', nodeId: 'menu', count: 1 },
          { versionId: 'other', nodeId: 'menu', count: 9 },
        ],
      },
      (versionId) => versionId !== 'other',
      { from: 0, to: 10, simulated: false },
    );
    expect(traffic).toEqual({
      from: 0,
      to: 10,
      simulated: false,
      calls: 5,
      edges: [
        { source: 'menu', branch: '1', target: 'compta', count: 3 },
        { source: 'menu', branch: '2', target: 'rh', count: 1 },
      ],
      dropOff: [{ nodeId: 'menu', count: 2 }],
    });
    expect(dropOffByNode(traffic).get('menu')).toBe(2);
  });
});

describe('labelEdges', () => {
  const edges: Edge[] = [
    { id: 'e1', source: 'menu', sourceHandle: '1', target: 'compta' },
    { id: 'e2', source: 'menu', sourceHandle: '2', target: 'rh' },
  ];

  const traffic = {
    from: 0,
    to: 1,
    simulated: true,
    calls: 2,
    edges: [{ source: 'menu', branch: '1', target: 'compta', count: 2 }],
    dropOff: [],
  };

  it('labels every edge with its count, 0 for edges nobody took', () => {
    const labelled = labelEdges(edges, traffic, translatorFor('en'));
    expect(labelled.map((edge) => [edge.label, edge.domAttributes])).toEqual([
      ['2 calls', { 'data-traffic-count': '2' }],
      ['0 calls', { 'data-traffic-count': '0' }],
    ]);
  });

  it("counts in the reader's language", () => {
    expect(labelEdges(edges, traffic, translatorFor('fr')).map((edge) => edge.label)).toEqual(['2 appels', '0 appel']);
  });

  it('leaves the edges alone without traffic', () => {
    expect(labelEdges(edges, null, translatorFor('en'))).toBe(edges);
  });
});
