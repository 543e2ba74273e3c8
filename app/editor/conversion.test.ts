import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '#flows/document.ts';
import { canvasToDocument, documentToCanvas, settingsOf } from './conversion.ts';
import { UNKNOWN_CANVAS_TYPE } from './model.ts';

const document: FlowDocument = {
  format: 1,
  name: 'Reception',
  description: 'Main line',
  language: 'fr-FR',
  numbers: ['6003'],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'menu-1', type: 'menu', position: { x: 250, y: 10 }, data: { options: [{ digit: '1', label: 'Sales' }] } },
    { id: 'odd', type: 'fax', position: { x: 500, y: 0 }, data: { whatever: true } },
  ],
  edges: [
    { id: 'start-next', source: 'start', sourceBranch: 'next', target: 'menu-1' },
    { id: 'menu-1-1', source: 'menu-1', sourceBranch: '1', target: 'odd' },
  ],
};

describe('document <-> canvas', () => {
  it('turns branches into source handles and back', () => {
    const canvas = documentToCanvas(document);
    expect(canvas.edges[1]).toEqual({ id: 'menu-1-1', source: 'menu-1', sourceHandle: '1', target: 'odd' });
    expect(canvas.nodes[1]).toEqual({
      id: 'menu-1',
      type: 'menu',
      position: { x: 250, y: 10 },
      data: { flowType: 'menu', value: document.nodes[1]!.data },
    });
  });

  it('round-trips a document exactly, including a node type it does not know', () => {
    const canvas = documentToCanvas(document);
    expect(canvas.nodes[2]!.type).toBe(UNKNOWN_CANVAS_TYPE);
    expect(canvasToDocument(settingsOf(document), canvas)).toEqual(document);
  });

  it('rounds dragged positions to whole pixels', () => {
    const canvas = documentToCanvas(document);
    canvas.nodes[0] = { ...canvas.nodes[0]!, position: { x: 10.6, y: -3.2 } };
    expect(canvasToDocument(settingsOf(document), canvas).nodes[0]!.position).toEqual({ x: 11, y: -3 });
  });

  it('keeps the selection and measured size of nodes that survive a rebuild', () => {
    const before = documentToCanvas(document);
    before.nodes[1] = { ...before.nodes[1]!, selected: true, measured: { width: 220, height: 140 } };
    before.edges[0] = { ...before.edges[0]!, selected: true };
    const after = documentToCanvas(document, before);
    expect(after.nodes[1]).toMatchObject({ selected: true, measured: { width: 220, height: 140 } });
    expect(after.nodes[0]!.selected).toBeUndefined();
    expect(after.edges[0]!.selected).toBe(true);
  });
});
