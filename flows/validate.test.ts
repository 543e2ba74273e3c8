import { describe, expect, it } from 'vitest';
import {
  flowDocumentSchema,
  MAX_FLOW_EDGES,
  MAX_FLOW_NODES,
  typedFlowDocumentSchema,
  type FlowDocument,
} from './document.ts';
import { connect, draftNode, flowDocument, generateLargeFlow, smallMenuFlow } from './testing/documents.ts';
import { DIAGNOSTIC_CODES, validateFlow, type Diagnostic, type DiagnosticCode } from './validate.ts';

function codesOf(diagnostics: Diagnostic[]): DiagnosticCode[] {
  return diagnostics.map((diagnostic) => diagnostic.code);
}

function only(diagnostics: Diagnostic[], code: DiagnosticCode): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code);
}

/** A copy of the small valid menu flow, changed by `edit`. */
function editedMenuFlow(edit: (document: FlowDocument) => void): FlowDocument {
  const document = structuredClone(smallMenuFlow());
  edit(document);
  return document;
}

/** start -> a (set) -> b (branch: c1 -> ?, else -> ?): the loop material for cycle tests. */
function logicLoop(elseTarget: string, firstNodeType: 'set' | 'say' = 'set'): FlowDocument {
  return flowDocument({
    nodes: [
      draftNode('start', 'start'),
      firstNodeType === 'set' ? draftNode('a', 'set') : draftNode('a', 'say', { text: 'Encore.' }),
      draftNode('b', 'branch'),
      draftNode('end', 'hangup'),
    ],
    edges: [
      connect('start', 'next', 'a'),
      connect('a', 'next', 'b'),
      connect('b', 'c1', 'end'),
      connect('b', 'else', elseTarget),
    ],
  });
}

describe('validateFlow: a correct flow', () => {
  it('gives no diagnostics and a typed document with the defaults filled in', () => {
    // GIVEN a small menu flow whose nodes omit every optional field
    const result = validateFlow(smallMenuFlow());
    // THEN it passes, and the typed nodes carry their schema defaults
    expect(result.diagnostics).toEqual([]);
    expect(result.typed).not.toBeNull();
    const menu = result.typed!.nodes.find((node) => node.id === 'main-menu');
    expect(menu?.type).toBe('menu');
    if (menu?.type !== 'menu') throw new Error('expected the menu node');
    expect(menu.data).toEqual({
      prompt: { text: 'Appuyez sur 1 ou 2.', language: 'fr-FR' },
      options: [
        { digit: '1', label: '' },
        { digit: '2', label: '' },
      ],
      timeoutSeconds: 5,
      retries: 2,
      bargeIn: true,
    });
    const welcome = result.typed!.nodes.find((node) => node.id === 'welcome');
    expect(welcome?.data).toEqual({ text: 'Bonjour.', language: 'fr-FR' });
  });

  it('fills document-level defaults (description, numbers, edges)', () => {
    const result = validateFlow({
      format: 1,
      name: 'Minimal',
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'end', type: 'hangup', position: { x: 200, y: 0 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 'start', sourceBranch: 'next', target: 'end' }],
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.typed).toMatchObject({ description: '', numbers: [] });
  });

  it('exports every code as a stable list without repeats', () => {
    expect(new Set(DIAGNOSTIC_CODES).size).toBe(DIAGNOSTIC_CODES.length);
    expect(DIAGNOSTIC_CODES).toContain('cycle-without-wait');
  });
});

describe('document-invalid', () => {
  it('names the field of a document that is not a flow', () => {
    const result = validateFlow({
      format: 1,
      name: 'x',
      nodes: [{ id: 'bad id!', type: 'say', position: { x: 0 }, data: {} }],
    });
    expect(result.document).toBeNull();
    expect(result.typed).toBeNull();
    expect(new Set(codesOf(result.diagnostics))).toEqual(new Set(['document-invalid']));
    expect(result.diagnostics.map((diagnostic) => diagnostic.field)).toEqual(['nodes.0.id', 'nodes.0.position.y']);
    expect(result.diagnostics[1]!.message).toBe(
      'This is not a valid flow document (field nodes.0.position.y): This field is missing.',
    );
  });

  it('rejects something that is not an object at all, and another format', () => {
    expect(codesOf(validateFlow('hello').diagnostics)).toEqual(['document-invalid']);
    const otherFormat = validateFlow({ ...smallMenuFlow(), format: 2 });
    expect(otherFormat.diagnostics).toEqual([
      expect.objectContaining({
        code: 'document-invalid',
        field: 'format',
        message: expect.stringContaining('format 1'),
      }),
    ]);
  });

  it('accepts a document whose only faults are inside node data (those are node-data-invalid)', () => {
    const result = validateFlow(editedMenuFlow((document) => (document.nodes[1]!.data = { text: 42 })));
    expect(result.document).not.toBeNull();
    expect(codesOf(result.diagnostics)).toEqual(['node-data-invalid']);
  });
});

describe('start-missing and start-multiple', () => {
  it('reports a flow without a Start node', () => {
    const result = validateFlow(flowDocument({ nodes: [draftNode('end', 'hangup')] }));
    expect(codesOf(result.diagnostics)).toEqual(['start-missing']);
    expect(result.typed).toBeNull();
  });

  it('reports each extra Start node by id', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes.push(draftNode('start-2', 'start'));
      flow.edges.push(connect('start-2', 'next', 'welcome'));
    });
    const result = validateFlow(document);
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'start-multiple',
        nodeId: 'start-2',
        message: 'Start "start-2": a flow has exactly one Start node, and this one is extra.',
      },
    ]);
  });

  it('does not report a flow with exactly one Start node', () => {
    expect(codesOf(validateFlow(smallMenuFlow()).diagnostics)).not.toContain('start-missing');
    expect(codesOf(validateFlow(smallMenuFlow()).diagnostics)).not.toContain('start-multiple');
  });
});

describe('node-id-duplicate', () => {
  it('reports a second node with the same id', () => {
    const document = editedMenuFlow((flow) => flow.nodes.push(draftNode('bye-1', 'hangup')));
    const duplicates = only(validateFlow(document).diagnostics, 'node-id-duplicate');
    expect(duplicates).toEqual([expect.objectContaining({ nodeId: 'bye-1', severity: 'error' })]);
    expect(duplicates[0]!.message).toContain('Hang up "bye-1"');
  });

  it('accepts ids that differ only by a character', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes.push(draftNode('bye-3', 'hangup'));
      flow.edges.push(connect('main-menu', 'failed', 'bye-3'));
    });
    expect(validateFlow(document).diagnostics).toEqual([]);
  });
});

describe('node-type-unknown', () => {
  it('reports a type the catalogue does not have', () => {
    const document = editedMenuFlow((flow) => (flow.nodes[3]!.type = 'fax'));
    const result = validateFlow(document);
    expect(codesOf(result.diagnostics)).toEqual(['node-type-unknown']);
    expect(result.diagnostics[0]!.message).toMatch(/^Node "bye-1": Switchboard has no node of type "fax"/);
  });

  it('accepts every catalogue type name, e.g. voicemail-inbox', () => {
    const document = editedMenuFlow((flow) => (flow.nodes[3] = draftNode('bye-1', 'voicemail-inbox')));
    expect(validateFlow(document).diagnostics).toEqual([]);
  });
});

describe('node-data-invalid', () => {
  it('gives one diagnostic per problem, with the field path inside the node data', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes[2]!.data = {
        prompt: { text: '   ' },
        options: [{ digit: '1' }, { digit: 'x' }],
        timeoutSeconds: 0,
      };
    });
    const result = validateFlow(document);
    expect(result.typed).toBeNull();
    expect(only(result.diagnostics, 'node-data-invalid')).toEqual([
      {
        severity: 'error',
        code: 'node-data-invalid',
        nodeId: 'main-menu',
        field: 'prompt.text',
        message: 'Menu "main-menu": prompt.text: Type what the caller should hear.',
      },
      expect.objectContaining({
        field: 'options.1.digit',
        message: 'Menu "main-menu": options.1.digit: A key is one of 0-9, * or #.',
      }),
      expect.objectContaining({ field: 'timeoutSeconds', message: 'Menu "main-menu": timeoutSeconds: At least 1 s.' }),
    ]);
  });

  it('words missing fields and wrong kinds for people', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes[1]!.data = { text: 12 };
      flow.nodes[3] = draftNode('bye-1', 'dial', { target: { kind: 'pager' } });
      flow.nodes[4] = draftNode('bye-2', 'voicemail', {});
    });
    const messages = only(validateFlow(document).diagnostics, 'node-data-invalid').map(
      (diagnostic) => diagnostic.message,
    );
    expect(messages).toEqual([
      'Say "welcome": text: Expected some text but found the number 12.',
      'Dial "bye-1": target.kind: Choose one of "user", "extension", "endpoint"; the text "pager" is not one of them.',
      'Voicemail "bye-2": box: This field is missing.',
    ]);
  });

  it('reports branch conditions that share an id or take the "else" id', () => {
    const condition = (id: string) => ({ id, subject: { kind: 'caller-number' }, operator: 'is-empty' });
    const document = flowDocument({
      nodes: [
        draftNode('start', 'start'),
        draftNode('route', 'branch', { conditions: [condition('c1'), condition('c1'), condition('else')] }),
        draftNode('end', 'hangup'),
      ],
      edges: [connect('start', 'next', 'route'), connect('route', 'c1', 'end'), connect('route', 'else', 'end')],
    });
    expect(only(validateFlow(document).diagnostics, 'node-data-invalid').map((diagnostic) => diagnostic.field)).toEqual(
      ['conditions.1.id', 'conditions.2.id'],
    );
  });

  it('accepts the same node once its data is right', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes[2]!.data = {
        prompt: { text: 'Tapez 1 ou 2.' },
        options: [{ digit: '1' }, { digit: '2' }],
        timeoutSeconds: 1,
      };
    });
    expect(validateFlow(document).diagnostics).toEqual([]);
  });
});

describe('edge-id-duplicate', () => {
  it('reports two connections with one id', () => {
    const document = editedMenuFlow((flow) => (flow.edges[3]!.id = flow.edges[2]!.id));
    expect(validateFlow(document).diagnostics).toEqual([
      expect.objectContaining({ code: 'edge-id-duplicate', edgeId: 'main-menu.1' }),
    ]);
  });

  it('does not report distinct ids', () => {
    expect(codesOf(validateFlow(smallMenuFlow()).diagnostics)).not.toContain('edge-id-duplicate');
  });
});

describe('edge-source-missing and edge-target-missing', () => {
  it('reports a connection from a node that does not exist', () => {
    const document = editedMenuFlow((flow) => flow.edges.push(connect('ghost', 'next', 'welcome')));
    expect(validateFlow(document).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'edge-source-missing',
        edgeId: 'ghost.next',
        message: 'Connection "ghost.next" starts from a node "ghost" that is not in the flow.',
      },
    ]);
  });

  it('reports a connection to a node that does not exist, on its source node', () => {
    const document = editedMenuFlow((flow) => flow.edges.push(connect('main-menu', 'failed', 'ghost')));
    expect(validateFlow(document).diagnostics).toEqual([
      expect.objectContaining({ code: 'edge-target-missing', nodeId: 'main-menu', edgeId: 'main-menu.failed' }),
    ]);
  });

  it('accepts the same connection once its ends exist', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes.push(draftNode('ghost', 'hangup'));
      flow.edges.push(connect('main-menu', 'failed', 'ghost'));
    });
    expect(validateFlow(document).diagnostics).toEqual([]);
  });
});

describe('edge-branch-unknown', () => {
  it('reports a connection from a key the menu does not offer', () => {
    const document = editedMenuFlow((flow) => flow.edges.push(connect('main-menu', '7', 'bye-1')));
    const [diagnostic] = validateFlow(document).diagnostics;
    expect(diagnostic).toMatchObject({ code: 'edge-branch-unknown', nodeId: 'main-menu', edgeId: 'main-menu.7' });
    expect(diagnostic!.message).toContain('its branches are 1, 2, timeout, invalid, failed');
  });

  it('reports any connection leaving a node without branches', () => {
    const document = editedMenuFlow((flow) => flow.edges.push(connect('bye-1', 'next', 'bye-2')));
    expect(validateFlow(document).diagnostics[0]).toMatchObject({
      code: 'edge-branch-unknown',
      message: expect.stringContaining('it has no branches'),
    });
  });

  it('accepts the optional branches a menu does have', () => {
    const document = editedMenuFlow((flow) => flow.edges.push(connect('main-menu', 'timeout', 'welcome')));
    expect(validateFlow(document).diagnostics).toEqual([]);
  });
});

describe('edge-duplicate-branch', () => {
  it('reports the second connection leaving the same branch', () => {
    const document = editedMenuFlow((flow) => flow.edges.push(connect('main-menu', '1', 'bye-2', 'again')));
    expect(validateFlow(document).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'edge-duplicate-branch',
        nodeId: 'main-menu',
        edgeId: 'again',
        message: 'Menu "main-menu": the branch "Key 1" has two connections ("main-menu.1" and "again"); keep one.',
      },
    ]);
  });

  it('accepts two connections leaving different branches for the same target', () => {
    const document = editedMenuFlow((flow) => (flow.edges[3]!.target = 'bye-1'));
    const diagnostics = validateFlow(document).diagnostics;
    expect(codesOf(diagnostics)).not.toContain('edge-duplicate-branch');
  });
});

describe('branch-unconnected', () => {
  it('reports a required branch left without a connection', () => {
    const document = editedMenuFlow((flow) => flow.edges.splice(3, 1));
    const diagnostics = validateFlow(document).diagnostics;
    expect(only(diagnostics, 'branch-unconnected')).toEqual([
      {
        severity: 'error',
        code: 'branch-unconnected',
        nodeId: 'main-menu',
        message: 'Menu "main-menu": the branch "Key 2" is not connected to a next step.',
      },
    ]);
  });

  it('reports a Start node leading nowhere', () => {
    const result = validateFlow(flowDocument({ nodes: [draftNode('start', 'start')] }));
    expect(codesOf(result.diagnostics)).toEqual(['branch-unconnected']);
  });

  it('does not report optional branches (menu timeout, dial outcomes)', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes[3] = draftNode('bye-1', 'dial');
    });
    expect(validateFlow(document).diagnostics).toEqual([]);
  });
});

describe('node-unreachable', () => {
  it('warns about a node no call can reach, and still gives the typed document', () => {
    const document = editedMenuFlow((flow) => flow.nodes.push(draftNode('orphan', 'say', { text: 'Personne.' })));
    const result = validateFlow(document);
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'node-unreachable',
        nodeId: 'orphan',
        message: 'Say "orphan": no call can reach this node from Start.',
      },
    ]);
    expect(result.typed).not.toBeNull();
  });

  it('warns about a loop of nodes that only reach each other', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes.push(draftNode('ping', 'say', { text: 'Ping.' }), draftNode('pong', 'say', { text: 'Pong.' }));
      flow.edges.push(connect('ping', 'next', 'pong'), connect('pong', 'next', 'ping'));
    });
    expect(only(validateFlow(document).diagnostics, 'node-unreachable').map((diagnostic) => diagnostic.nodeId)).toEqual(
      ['ping', 'pong'],
    );
  });

  it('does not warn once the node is connected', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes.push(draftNode('orphan', 'say', { text: 'Quelqu’un.' }));
      flow.edges.push(connect('main-menu', 'invalid', 'orphan'), connect('orphan', 'next', 'main-menu'));
    });
    expect(validateFlow(document).diagnostics).toEqual([]);
  });
});

describe('cycle-without-wait', () => {
  it('reports once a loop made only of nodes that never wait, naming them all', () => {
    // GIVEN set "a" -> branch "b" -> (else) back to "a": nothing in the loop waits for the caller
    const result = validateFlow(logicLoop('a'));
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'cycle-without-wait',
        nodeId: 'a',
        message:
          'Set variables "a", Branch "b" form a loop without ever waiting for the caller (no prompt, key press or ringing), so the call would spin forever. Add a step that waits, or break the loop.',
      },
    ]);
  });

  it('reports a node looping back to itself', () => {
    const document = flowDocument({
      nodes: [draftNode('start', 'start'), draftNode('spin', 'set')],
      edges: [connect('start', 'next', 'spin'), connect('spin', 'next', 'spin')],
    });
    expect(validateFlow(document).diagnostics).toEqual([
      expect.objectContaining({ code: 'cycle-without-wait', message: expect.stringContaining('loops back to itself') }),
    ]);
  });

  it('reports two separate loops separately', () => {
    const document = flowDocument({
      nodes: [
        draftNode('start', 'start'),
        draftNode('a', 'set'),
        draftNode('b', 'branch'),
        draftNode('c', 'set'),
        draftNode('d', 'set'),
      ],
      edges: [
        connect('start', 'next', 'a'),
        connect('a', 'next', 'b'),
        connect('b', 'else', 'a'),
        connect('b', 'c1', 'c'),
        connect('c', 'next', 'd'),
        connect('d', 'next', 'c'),
      ],
    });
    expect(
      only(validateFlow(document).diagnostics, 'cycle-without-wait').map((diagnostic) => diagnostic.nodeId),
    ).toEqual(['a', 'c']);
  });

  it('accepts the same loop once one of its nodes waits for the caller', () => {
    // GIVEN the same loop where "a" is a Say: each turn plays a prompt
    expect(validateFlow(logicLoop('a', 'say')).diagnostics).toEqual([]);
  });

  it('accepts logic nodes that lead forward without looping', () => {
    expect(validateFlow(logicLoop('end')).diagnostics).toEqual([]);
  });
});

describe('menu-digit-duplicate', () => {
  it('reports a key used twice, on the repeated option', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes[2]!.data = { prompt: { text: 'Tapez 2.' }, options: [{ digit: '2' }, { digit: '1' }, { digit: '2' }] };
    });
    expect(only(validateFlow(document).diagnostics, 'menu-digit-duplicate')).toEqual([
      {
        severity: 'error',
        code: 'menu-digit-duplicate',
        nodeId: 'main-menu',
        field: 'options.2.digit',
        message: 'Menu "main-menu": key 2 is used twice.',
      },
    ]);
  });

  it('reports it even while other fields of the menu are wrong', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes[2]!.data = { prompt: { text: '' }, options: [{ digit: '1' }, { digit: '1' }] };
    });
    expect(codesOf(validateFlow(document).diagnostics)).toContain('menu-digit-duplicate');
  });

  it('accepts keys that all differ', () => {
    expect(codesOf(validateFlow(smallMenuFlow()).diagnostics)).not.toContain('menu-digit-duplicate');
  });
});

describe('number-duplicate and number-claimed', () => {
  it('reports a number listed twice in the flow', () => {
    const document = editedMenuFlow((flow) => (flow.numbers = ['6003', '6010', '6003']));
    expect(validateFlow(document).diagnostics).toEqual([
      {
        severity: 'error',
        code: 'number-duplicate',
        field: 'numbers.2',
        message: "The number 6003 is listed twice in this flow's numbers.",
      },
    ]);
  });

  it('reports a number that another published flow already holds', () => {
    const claimedNumbers = new Map([['6003', 'Ancien standard']]);
    const result = validateFlow(smallMenuFlow(), { claimedNumbers });
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'number-claimed',
        field: 'numbers.0',
        message:
          'The number 6003 already reaches the published flow "Ancien standard": remove it from one of the two flows.',
      },
    ]);
    expect(result.typed).toBeNull();
  });

  it('accepts distinct numbers that no other flow holds', () => {
    const document = editedMenuFlow((flow) => (flow.numbers = ['6003', '6010']));
    expect(validateFlow(document, { claimedNumbers: new Map([['6099', 'Messagerie']]) }).diagnostics).toEqual([]);
  });
});

describe('order and scale', () => {
  it('lists errors before warnings, in document order', () => {
    const document = editedMenuFlow((flow) => {
      flow.nodes.push(draftNode('orphan', 'say', { text: 'Seul.' }));
      flow.edges.splice(3, 1);
      flow.numbers = ['6003', '6003'];
    });
    // bye-2 lost its only way in, orphan never had one
    expect(
      validateFlow(document).diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.nodeId ?? ''}`),
    ).toEqual([
      'number-duplicate ',
      'branch-unconnected main-menu',
      'node-unreachable bye-2',
      'node-unreachable orphan',
    ]);
    // The same document gives the same diagnostics every time.
    expect(validateFlow(document).diagnostics).toEqual(validateFlow(document).diagnostics);
  });

  it('validates a generated 500-node flow without errors (its speed is measured by npm run bench:flows)', () => {
    const document = generateLargeFlow(500);
    expect(document.nodes).toHaveLength(500);
    const result = validateFlow(document);
    expect(result.diagnostics).toEqual([]);
    expect(result.typed?.nodes).toHaveLength(500);
  });

  it(`validates a chain of ${MAX_FLOW_NODES} nodes, the largest flow accepted, without overflowing the stack`, () => {
    const nodes = [draftNode('start', 'start')];
    const edges = [connect('start', 'next', 's0')];
    const count = MAX_FLOW_NODES - 1;
    for (let index = 0; index < count; index++) {
      nodes.push(draftNode(`s${index}`, 'set'));
      edges.push(connect(`s${index}`, 'next', index + 1 < count ? `s${index + 1}` : 's0'));
    }
    const result = validateFlow(flowDocument({ nodes, edges }));
    expect(codesOf(result.diagnostics)).toEqual(['cycle-without-wait']);
  });
});

describe('flows beyond the size limits', () => {
  it(`refuses more than ${MAX_FLOW_NODES} nodes with flow-too-large alone, before judging any node`, () => {
    const nodes = [draftNode('start', 'start')];
    for (let index = 0; index < 100_000; index++) nodes.push({ id: `n${index}`, type: 'nonsense' } as never);
    const result = validateFlow(flowDocument({ nodes, edges: [] }));
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'flow-too-large',
        message: 'This flow has 100,001 nodes; a flow may have at most 2,000. Split it into several flows.',
        field: 'nodes',
      },
    ]);
    expect(result.document).toBeNull();
  });

  it(`refuses more than ${MAX_FLOW_EDGES} edges the same way`, () => {
    const edges = Array.from({ length: MAX_FLOW_EDGES + 1 }, (_, index) => connect('start', `b${index}`, 'start'));
    const result = validateFlow(flowDocument({ nodes: [draftNode('start', 'start')], edges }));
    expect(result.diagnostics).toMatchObject([{ code: 'flow-too-large', field: 'edges' }]);
  });

  it('keeps refusing them when the document is stored without validation (the shape itself has the limit)', () => {
    const nodes = Array.from({ length: MAX_FLOW_NODES + 1 }, (_, index) => draftNode(`n${index}`, 'hangup'));
    const parsed = flowDocumentSchema.safeParse(flowDocument({ nodes, edges: [] }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain(
      'This flow has 2,001 nodes; a flow may have at most 2,000. Split it into several flows.',
    );
  });

  it('still reads a version published before the limits existed, so its calls keep working', () => {
    const nodes = Array.from({ length: MAX_FLOW_NODES + 1 }, (_, index) => draftNode(`n${index}`, 'hangup'));
    expect(typedFlowDocumentSchema.safeParse(flowDocument({ nodes, edges: [] })).success).toBe(true);
  });
});
