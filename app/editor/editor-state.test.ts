import { describe, expect, it } from 'vitest';
import { emptyFlowDocument, type FlowDocument } from '#flows/document.ts';
import { copyNodes } from './clipboard.ts';
import { createEditorState, editorReducer, type EditorAction, type EditorState } from './editor-state.ts';

function run(state: EditorState, ...actions: EditorAction[]): EditorState {
  return actions.reduce(editorReducer, state);
}

const present = (state: EditorState): FlowDocument => state.history.present;

describe('editorReducer', () => {
  const opened = createEditorState(emptyFlowDocument('Reception'));

  it('adds a dropped node with the type defaults, a readable id, and selects it', () => {
    const state = run(opened, { type: 'add-node', nodeType: 'say', position: { x: 300, y: 40 } });
    const added = present(state).nodes[1]!;
    expect(added).toEqual({
      id: 'say-1',
      type: 'say',
      position: { x: 300, y: 40 },
      data: { text: 'Bonjour, et bienvenue.', language: 'fr-FR' },
    });
    expect(state.nodes.filter((node) => node.selected).map((node) => node.id)).toEqual(['say-1']);
  });

  it('connects a branch, and reconnecting the same branch moves its edge instead of adding a second', () => {
    const state = run(
      opened,
      { type: 'add-node', nodeType: 'say', position: { x: 300, y: 0 } },
      { type: 'add-node', nodeType: 'hangup', position: { x: 600, y: 0 } },
      { type: 'connect', connection: { source: 'start', sourceHandle: 'next', target: 'say-1', targetHandle: null } },
      {
        type: 'connect',
        connection: { source: 'start', sourceHandle: 'next', target: 'hangup-1', targetHandle: null },
      },
    );
    expect(present(state).edges).toEqual([
      { id: 'start-next', source: 'start', sourceBranch: 'next', target: 'hangup-1' },
    ]);
  });

  it('records one undo step per change, and undo/redo walk through them', () => {
    const state = run(
      opened,
      { type: 'add-node', nodeType: 'say', position: { x: 300, y: 0 } },
      { type: 'connect', connection: { source: 'start', sourceHandle: 'next', target: 'say-1', targetHandle: null } },
    );
    const undone = run(state, { type: 'undo' });
    expect(present(undone).edges).toEqual([]);
    expect(undone.edges).toEqual([]);
    expect(undone.nodes.map((node) => node.id)).toEqual(['start', 'say-1']);
    const twice = run(undone, { type: 'undo' });
    expect(twice.nodes.map((node) => node.id)).toEqual(['start']);
    expect(run(twice, { type: 'redo' }, { type: 'redo' }).presentJson).toBe(state.presentJson);
  });

  it('treats a whole drag as one step, recorded when the node is dropped', () => {
    const state = run(opened, { type: 'add-node', nodeType: 'say', position: { x: 0, y: 0 } });
    const steps = state.history.past.length;
    const dragging = run(
      state,
      {
        type: 'nodes-changed',
        changes: [{ type: 'position', id: 'say-1', position: { x: 10, y: 0 }, dragging: true }],
      },
      {
        type: 'nodes-changed',
        changes: [{ type: 'position', id: 'say-1', position: { x: 20, y: 5 }, dragging: true }],
      },
    );
    expect(dragging.history.past.length).toBe(steps);
    const dropped = run(dragging, {
      type: 'nodes-changed',
      changes: [{ type: 'position', id: 'say-1', position: { x: 30, y: 5 }, dragging: false }],
    });
    expect(dropped.history.past.length).toBe(steps + 1);
    expect(present(dropped).nodes[1]!.position).toEqual({ x: 30, y: 5 });
  });

  it('does not record selection or measuring as changes', () => {
    const state = run(
      opened,
      { type: 'nodes-changed', changes: [{ type: 'select', id: 'start', selected: true }] },
      { type: 'nodes-changed', changes: [{ type: 'dimensions', id: 'start', dimensions: { width: 200, height: 90 } }] },
    );
    expect(state.history.past).toEqual([]);
    expect(state.nodes[0]!.selected).toBe(true);
  });

  it('merges typing in one field into one step', () => {
    const state = run(
      opened,
      { type: 'add-node', nodeType: 'say', position: { x: 0, y: 0 } },
      {
        type: 'update-node-data',
        nodeId: 'say-1',
        data: { text: 'H', language: 'fr-FR' },
        coalesceKey: 'say-1:text',
        at: 1000,
      },
      {
        type: 'update-node-data',
        nodeId: 'say-1',
        data: { text: 'Hi', language: 'fr-FR' },
        coalesceKey: 'say-1:text',
        at: 1100,
      },
    );
    expect(state.history.past).toHaveLength(2);
    expect(present(run(state, { type: 'undo' })).nodes[1]!.data).toEqual({
      text: 'Bonjour, et bienvenue.',
      language: 'fr-FR',
    });
  });

  it('deletes nodes together with their edges in one step', () => {
    const state = run(
      opened,
      { type: 'add-node', nodeType: 'say', position: { x: 300, y: 0 } },
      { type: 'connect', connection: { source: 'start', sourceHandle: 'next', target: 'say-1', targetHandle: null } },
      { type: 'delete', nodeIds: ['say-1'], edgeIds: [] },
    );
    expect(present(state).nodes.map((node) => node.id)).toEqual(['start']);
    expect(present(state).edges).toEqual([]);
    const undone = run(state, { type: 'undo' });
    expect(present(undone).edges).toHaveLength(1);
  });

  it('ignores React Flow remove changes, which would split a deletion into two steps', () => {
    const state = run(opened, { type: 'nodes-changed', changes: [{ type: 'remove', id: 'start' }] });
    expect(state.nodes).toHaveLength(1);
  });

  it('pastes copies with fresh ids, selected, in one step', () => {
    const built = run(
      opened,
      { type: 'add-node', nodeType: 'say', position: { x: 300, y: 0 } },
      { type: 'add-node', nodeType: 'hangup', position: { x: 600, y: 0 } },
      {
        type: 'connect',
        connection: { source: 'say-1', sourceHandle: 'next', target: 'hangup-1', targetHandle: null },
      },
    );
    const { content } = copyNodes(present(built).nodes, present(built).edges, new Set(['say-1', 'hangup-1']));
    const pasted = run(built, { type: 'paste', content, offset: { x: 40, y: 40 } });
    expect(present(pasted).nodes.map((node) => node.id)).toEqual(['start', 'say-1', 'hangup-1', 'say-2', 'hangup-2']);
    expect(present(pasted).edges.at(-1)).toEqual({
      id: 'say-2-next',
      source: 'say-2',
      sourceBranch: 'next',
      target: 'hangup-2',
    });
    expect(pasted.nodes.filter((node) => node.selected).map((node) => node.id)).toEqual(['say-2', 'hangup-2']);
    expect(pasted.history.past.length).toBe(built.history.past.length + 1);
  });

  it('edits the flow settings and can undo them', () => {
    const state = run(opened, { type: 'update-settings', settings: { numbers: ['6003'] }, at: 0 });
    expect(present(state).numbers).toEqual(['6003']);
    expect(present(run(state, { type: 'undo' })).numbers).toEqual([]);
  });

  it('selects all, and selects exactly the given nodes', () => {
    const state = run(opened, { type: 'add-node', nodeType: 'say', position: { x: 0, y: 0 } }, { type: 'select-all' });
    expect(state.nodes.every((node) => node.selected)).toBe(true);
    const one = run(state, { type: 'select', nodeIds: ['start'] });
    expect(one.nodes.map((node) => Boolean(node.selected))).toEqual([true, false]);
  });

  it('moves nodes to laid-out positions as one step', () => {
    const state = run(opened, { type: 'move-nodes', positions: new Map([['start', { x: 5, y: 6 }]]) });
    expect(present(state).nodes[0]!.position).toEqual({ x: 5, y: 6 });
    expect(state.history.past).toHaveLength(1);
  });
});
