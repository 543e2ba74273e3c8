import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '#flows/document.ts';
import { UI_LANGUAGES, type UiLanguage } from '#i18n/languages.ts';
import { estimateNodeBoxOf } from './node-view.ts';

// The example flows are what a newcomer opens first: drawn with the sizes the editor gives nodes before measuring
// them (node-view.ts, the same boxes within a few pixels), no node may cover another, in either language of the page
// (a summary's length decides a node's height).

const examplesFolder = new URL('../../flows/examples/', import.meta.url);
const exampleFiles = readdirSync(examplesFolder)
  .filter((file) => file.endsWith('.json'))
  .sort();

function boxesOf(document: FlowDocument, language: UiLanguage) {
  return document.nodes.map((node) => {
    const { width, height } = estimateNodeBoxOf(node.type, node.data, language);
    return {
      id: node.id,
      left: node.position.x,
      top: node.position.y,
      right: node.position.x + width,
      bottom: node.position.y + height,
    };
  });
}

/** Pairs of nodes whose boxes share some area (touching edges do not count), or are closer than `gap`. */
function overlappingPairs(document: FlowDocument, gap = 0, language: UiLanguage = 'en'): string[] {
  const boxes = boxesOf(document, language);
  const pairs: string[] = [];
  for (const [index, a] of boxes.entries()) {
    for (const b of boxes.slice(index + 1)) {
      const apart =
        a.right + gap <= b.left || b.right + gap <= a.left || a.bottom + gap <= b.top || b.bottom + gap <= a.top;
      if (!apart) pairs.push(`${a.id} / ${b.id}`);
    }
  }
  return pairs;
}

describe.each(UI_LANGUAGES)('the example flows as the editor draws them in %s', (language) => {
  it.each(exampleFiles)('%s has no two nodes on top of each other', (file) => {
    const document = JSON.parse(readFileSync(new URL(file, examplesFolder), 'utf8')) as FlowDocument;
    expect(overlappingPairs(document, 0, language)).toEqual([]);
  });

  it.each(exampleFiles)('%s leaves room between nodes for the edges and their arrows', (file) => {
    const document = JSON.parse(readFileSync(new URL(file, examplesFolder), 'utf8')) as FlowDocument;
    expect(overlappingPairs(document, 20, language)).toEqual([]);
  });
});

describe('overlapping boxes', () => {
  it('counts two boxes sharing area as overlapping, and boxes side by side as not', () => {
    const node = (id: string, x: number, y: number) => ({ id, type: 'hangup', position: { x, y }, data: {} });
    const document = { nodes: [node('a', 0, 0), node('b', 100, 20), node('c', 240, 0)] } as FlowDocument;
    expect(overlappingPairs(document)).toEqual(['a / b', 'b / c']);
  });
});
