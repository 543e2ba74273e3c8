// Small builders for flow documents in tests: a test states only the nodes and edges its story needs.
import { defaultDataOf, isNodeType } from '../catalogue.ts';
import { FLOW_FORMAT_VERSION, type DraftNode, type FlowDocument, type FlowEdge } from '../document.ts';

/** A node of `type` with its default data (or the given data), laid out on a line by its position in the list. */
export function draftNode(id: string, type: string, data?: unknown): DraftNode {
  return {
    id,
    type,
    position: { x: 0, y: 0 },
    data: data !== undefined ? data : isNodeType(type) ? defaultDataOf(type) : {},
  };
}

/** An edge from `source`'s `branch` to `target`; its id is "source.branch" unless given. */
export function connect(source: string, branch: string, target: string, id = `${source}.${branch}`): FlowEdge {
  return { id, source, sourceBranch: branch, target };
}

export function flowDocument(parts: {
  nodes: DraftNode[];
  edges?: FlowEdge[];
  numbers?: string[];
  name?: string;
  /** The language calls start in; French unless given. */
  language?: string;
}): FlowDocument {
  return {
    format: FLOW_FORMAT_VERSION,
    name: parts.name ?? 'Test flow',
    description: '',
    language: parts.language ?? 'fr-FR',
    numbers: parts.numbers ?? [],
    nodes: parts.nodes.map((node, index) => ({ ...node, position: { x: index * 200, y: 0 } })),
    edges: parts.edges ?? [],
  };
}

/** start -> welcome (say) -> main-menu (keys 1, 2) -> 1: bye-1 (hang up), 2: bye-2 (hang up). Valid, no warnings. */
export function smallMenuFlow(): FlowDocument {
  return flowDocument({
    numbers: ['6003'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('welcome', 'say', { text: 'Bonjour.' }),
      draftNode('main-menu', 'menu', {
        prompt: { text: 'Appuyez sur 1 ou 2.' },
        options: [{ digit: '1' }, { digit: '2' }],
      }),
      draftNode('bye-1', 'hangup'),
      draftNode('bye-2', 'hangup'),
    ],
    edges: [
      connect('start', 'next', 'welcome'),
      connect('welcome', 'next', 'main-menu'),
      connect('main-menu', '1', 'bye-1'),
      connect('main-menu', '2', 'bye-2'),
    ],
  });
}

/**
 * A valid flow of exactly `nodeCount` nodes (at least 8) mixing every kind of edge validation cares about: menus
 * whose keys fan out and join again, dials falling back to voicemail, logic nodes, and loops back to earlier menus
 * (each through a menu, so they wait for the caller).
 */
export function generateLargeFlow(nodeCount: number): FlowDocument {
  if (nodeCount < 8) throw new Error('generateLargeFlow needs at least 8 nodes');
  const blockSize = 6;
  const blocks = Math.floor((nodeCount - 2) / blockSize);
  const padding = nodeCount - 2 - blocks * blockSize;
  const nodes: DraftNode[] = [draftNode('start', 'start')];
  const edges: FlowEdge[] = [];
  const menuOf = (block: number) => (block < blocks ? `menu-${block}` : 'end-call');
  edges.push(connect('start', 'next', padding > 0 ? 'pad-0' : menuOf(0)));
  for (let pad = 0; pad < padding; pad++) {
    nodes.push(draftNode(`pad-${pad}`, 'say', { text: `Message ${pad}.` }));
    edges.push(connect(`pad-${pad}`, 'next', pad + 1 < padding ? `pad-${pad + 1}` : menuOf(0)));
  }
  for (let block = 0; block < blocks; block++) {
    const next = menuOf(block + 1);
    nodes.push(
      draftNode(`menu-${block}`, 'menu', {
        prompt: { text: `Menu ${block}: appuyez sur 1, 2 ou 3.` },
        options: [{ digit: '1' }, { digit: '2' }, { digit: '3' }],
      }),
      draftNode(`say-${block}`, 'say', { text: `Étape ${block}.` }),
      draftNode(`dial-${block}`, 'dial', { target: { kind: 'extension', extension: '6001' } }),
      draftNode(`vm-${block}`, 'voicemail', { box: '6001' }),
      draftNode(`set-${block}`, 'set', { assignments: [{ variable: 'step', value: String(block) }] }),
      draftNode(`branch-${block}`, 'branch', {
        conditions: [{ id: 'again', subject: { kind: 'variable', name: 'step' }, operator: 'equals', value: '0' }],
      }),
    );
    edges.push(
      connect(`menu-${block}`, '1', `say-${block}`),
      connect(`menu-${block}`, '2', `dial-${block}`),
      connect(`menu-${block}`, '3', `set-${block}`),
      connect(`menu-${block}`, 'timeout', `say-${block}`),
      connect(`say-${block}`, 'next', next),
      connect(`dial-${block}`, 'no-answer', `vm-${block}`),
      connect(`dial-${block}`, 'answered', next),
      connect(`vm-${block}`, 'next', next),
      connect(`set-${block}`, 'next', `branch-${block}`),
      connect(`branch-${block}`, 'again', menuOf(0)),
      connect(`branch-${block}`, 'else', next),
    );
  }
  nodes.push(draftNode('end-call', 'hangup'));
  return flowDocument({ nodes, edges, numbers: ['6003'] });
}
