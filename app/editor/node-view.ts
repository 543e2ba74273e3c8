import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import { isNodeType, nodeDefinition } from '#flows/catalogue.ts';
import type { BranchSpec } from '#flows/node-definition.ts';
import { nodeTitle } from '#flows/node-texts.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';
import { viewNodeData } from './editable-data.ts';
import { summaryOf } from './nodes/index.ts';

/** What a canvas node shows (canvas-node.tsx), worked out from its type and data. */
export interface NodeView {
  title: string;
  category: string;
  summary: string;
  branches: BranchSpec[];
  acceptsCalls: boolean;
}

const views = new WeakMap<object, Map<string, NodeView>>();

/** The cache key of a view: its words depend on the reader's language as much as on the node's type. */
const viewKey = (flowType: string, language: UiLanguage) => `${language}\u0000${flowType}`;

/** The node's view, once per data object and language (data is never mutated: an edit makes a new object). */
export function canvasViewOf(flowType: string, value: unknown, language: UiLanguage): NodeView {
  if (typeof value !== 'object' || value === null) return computeView(flowType, value, language);
  let byKey = views.get(value);
  if (!byKey) views.set(value, (byKey = new Map()));
  const key = viewKey(flowType, language);
  let view = byKey.get(key);
  if (!view) byKey.set(key, (view = computeView(flowType, value, language)));
  return view;
}

function computeView(flowType: string, value: unknown, language: UiLanguage): NodeView {
  const t = translatorFor(language);
  const view = viewNodeData(flowType, value);
  if (view.state === 'unknown-type') {
    return {
      title: t('editor:canvas.unknownTitle', { type: flowType }),
      category: 'unknown',
      summary: t('editor:canvas.unknownSummary'),
      branches: [],
      acceptsCalls: true,
    };
  }
  const definition = nodeDefinition(view.type);
  const base = {
    title: nodeTitle(view.type, t),
    category: definition.category.replace(/\s+/g, '-'),
    acceptsCalls: definition.acceptsCalls,
  };
  if (view.state === 'damaged') {
    return { ...base, summary: t('editor:canvas.damagedSummary'), branches: [] };
  }
  // Two menu options on one key (being fixed) would make two handles with one id: draw the first, as validation
  // and the runtime read it.
  const branches = view.branches.filter(
    (branch, index, all) => all.findIndex((other) => other.id === branch.id) === index,
  );
  return { ...base, summary: summaryOf(view.type, view.data, t), branches };
}

// The canvas node's box as editor.css lays it out (measured in Chromium): 240 px wide; 69 px of title, id and
// padding, the summary (up to 3 lines of about 17 px, some 34 characters a line), then one 24.25 px row per branch
// with its handle on the right edge; the entry handle sits on the left edge, 17 px down. Handles are 10 px.
const NODE_WIDTH = 240;
const FRAME_HEIGHT = 69;
const SUMMARY_LINE_HEIGHT = 17;
const SUMMARY_LINE_CHARACTERS = 34;
const BRANCH_ROW_HEIGHT = 24.25;
const HANDLE_SIZE = 10;
const ENTRY_HANDLE_TOP = 17;

export interface EstimatedBox {
  width: number;
  height: number;
  handles: NodeHandle[];
}

/**
 * The estimate for a node not drawn yet, without checking its data against its type's schema (what canvasViewOf
 * does, and what takes the time with 500 nodes): branches and summary read from the raw data, a guess where that
 * fails. A guess only moves where an off-screen edge ends until the node is drawn and measured.
 */
export function estimateNodeBoxOf(flowType: string, value: unknown, language: UiLanguage): EstimatedBox {
  const known =
    typeof value === 'object' && value !== null ? views.get(value)?.get(viewKey(flowType, language)) : undefined;
  if (known) return estimateNodeBox(known);
  if (!isNodeType(flowType)) return estimateNodeBox(computeView(flowType, value, language));
  const t = translatorFor(language);
  const definition = nodeDefinition(flowType);
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  const branches = attempt(() => definition.branches(value as never), []);
  const summary = attempt(() => summaryOf(flowType, value as never, t), '');
  return estimateNodeBox({
    title: nodeTitle(flowType, t),
    category: '',
    summary,
    branches,
    acceptsCalls: definition.acceptsCalls,
  });
}

/**
 * Where the node's box and handles will most likely be once drawn. React Flow draws every node it has never measured
 * (to measure it), even with only visible elements drawn; given this estimate it draws only the nodes on screen, and
 * edges to nodes off screen still end at the right place. A node that is drawn is measured for real; a measure that
 * differs replaces this (editor-state.ts drops the estimated handles on the node's first "dimensions" change), and a
 * measure that agrees costs nothing: no change, no second drawing of the node and its edges.
 */
export function estimateNodeBox(view: NodeView): EstimatedBox {
  const lines = Math.min(3, Math.max(1, Math.ceil(view.summary.length / SUMMARY_LINE_CHARACTERS)));
  const rowsTop = FRAME_HEIGHT + lines * SUMMARY_LINE_HEIGHT;
  const handles: NodeHandle[] = view.branches.map((branch, index) => ({
    id: branch.id,
    type: 'source',
    position: Position.Right,
    x: NODE_WIDTH - HANDLE_SIZE / 2,
    y: rowsTop + index * BRANCH_ROW_HEIGHT,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  }));
  if (view.acceptsCalls) {
    handles.push({
      id: null,
      type: 'target',
      position: Position.Left,
      x: -HANDLE_SIZE / 2,
      y: ENTRY_HANDLE_TOP,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  }
  // Whole pixels, as React Flow measures (offsetHeight). A node measured at exactly this size keeps the estimated
  // handles, which then are where the page draws them; any other size (a summary on more lines, a badge) is
  // reported, and that report replaces the estimate with the measure.
  return { width: NODE_WIDTH, height: Math.floor(rowsTop + view.branches.length * BRANCH_ROW_HEIGHT), handles };
}
