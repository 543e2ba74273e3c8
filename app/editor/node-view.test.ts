import { describe, expect, it } from 'vitest';
import { generateLargeFlow } from '#flows/testing/documents.ts';
import { VISIBLE_ONLY_ABOVE, documentToCanvas } from './conversion.ts';
import { createEditorState, editorReducer } from './editor-state.ts';
import { canvasViewOf, estimateNodeBox, estimateNodeBoxOf } from './node-view.ts';

// Sizes and handle positions measured in Chromium on the generated flow's nodes (scripts/bench/editor.ts).
describe('estimated node boxes', () => {
  it('match the measured layout of a say node, a menu and a branch node ', () => {
    const say = estimateNodeBox(canvasViewOf('say', { text: 'Étape 0.' }, 'en'));
    expect(say).toMatchObject({ width: 240, height: 110 });
    expect(say.handles).toEqual([
      { id: 'next', type: 'source', position: 'right', x: 235, y: 86, width: 10, height: 10 },
      { id: null, type: 'target', position: 'left', x: -5, y: 17, width: 10, height: 10 },
    ]);
    const menu = estimateNodeBox(
      canvasViewOf(
        'menu',
        {
          prompt: { text: 'Menu 0: appuyez sur 1, 2 ou 3.' },
          options: [{ digit: '1' }, { digit: '2' }, { digit: '3' }],
        },
        'en',
      ),
    );
    expect(menu.height).toBe(231);
    expect(menu.handles.map((handle) => handle.y)).toEqual([86, 110.25, 134.5, 158.75, 183, 207.25, 17]);
    const branch = canvasViewOf(
      'branch',
      { conditions: [{ id: 'again', subject: { kind: 'variable', name: 'step' }, operator: 'equals', value: '0' }] },
      'en',
    );
    expect(estimateNodeBox(branch).height).toBe(151);
  });

  it('the start node has no entry handle, and an unknown type gets a box all the same', () => {
    expect(estimateNodeBox(canvasViewOf('start', {}, 'en')).handles.map((handle) => handle.type)).toEqual(['source']);
    expect(estimateNodeBoxOf('fax', { whatever: true }, 'en')).toMatchObject({
      width: 240,
      handles: [{ type: 'target' }],
    });
  });

  it('reads the raw data without the schema and agrees with the full view on valid data', () => {
    const data = { options: [{ digit: '1' }, { digit: '2' }], prompt: { text: 'Bonjour' } };
    expect(estimateNodeBoxOf('menu', structuredClone(data), 'en').handles.map((handle) => handle.id)).toEqual(
      estimateNodeBox(canvasViewOf('menu', data, 'en')).handles.map((handle) => handle.id),
    );
  });
});

describe("node views in the reader's language", () => {
  it('words the same data once per language: a French page never gets the English view cached before it', () => {
    const data = { maxDigits: 4, variable: 'compte', terminator: '#', timeoutSeconds: 5 };
    const english = canvasViewOf('collect', data, 'en');
    const french = canvasViewOf('collect', data, 'fr');
    expect(english.title).toBe('Collect digits');
    expect(english.summary).toBe('up to 4 digits into {{compte}}');
    expect(french.title).toBe('Saisie de chiffres');
    expect(french.summary).toBe("jusqu'à 4 chiffres dans {{compte}}");
    expect(canvasViewOf('collect', data, 'en')).toBe(english);
  });
});

describe('a big flow opens with estimated sizes', () => {
  const flow = generateLargeFlow(VISIBLE_ONLY_ABOVE + 50);

  it('gives every node a size and handles, so React Flow can leave the nodes off screen undrawn', () => {
    const state = createEditorState(flow);
    expect(state.nodes.every((node) => node.measured?.width === 240 && (node.handles?.length ?? 0) > 0)).toBe(true);
  });

  it('drops the estimated handles of a node React Flow measures at another size, and keeps them on the others', () => {
    const opened = createEditorState(flow);
    const measured = editorReducer(opened, {
      type: 'nodes-changed',
      changes: [{ type: 'dimensions', id: 'say-0', dimensions: { width: 240, height: 127 } }],
    });
    const node = measured.nodes.find((candidate) => candidate.id === 'say-0')!;
    expect(node.measured).toEqual({ width: 240, height: 127 });
    expect(node.handles).toBeUndefined();
    expect(measured.nodes.find((candidate) => candidate.id === 'menu-0')!.handles).toBeDefined();
    // Measuring changes nothing that is saved or undone.
    expect(measured.history).toBe(opened.history);
  });

  it('a small flow opens as before, with nothing estimated', () => {
    const small = documentToCanvas(generateLargeFlow(20), undefined, { estimateSizes: false });
    expect(small.nodes.some((node) => node.measured || node.handles)).toBe(false);
  });
});
