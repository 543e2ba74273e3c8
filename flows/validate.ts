import { NODE_TYPES, isNodeType, nodeDefinition, type AnyFlowNode, type NodeType } from './catalogue.ts';
import {
  flowDocumentSchema,
  MAX_FLOW_EDGES,
  MAX_FLOW_NODES,
  tooManyEdgesMessage,
  tooManyNodesMessage,
  type DraftNode,
  type FlowDocument,
  type TypedFlowDocument,
} from './document.ts';
import type { BranchSpec, DataProblem, NodeDefinition } from './node-definition.ts';
import { WARNING_CODES, type Diagnostic, type DiagnosticCode } from './validation/diagnostics.ts';
import { checkPromptLanguages, languagesReachingNodes, type ParsedNode } from './validation/call-languages.ts';
import { cyclicComponents, reachableFrom } from './validation/graph.ts';
import { describeIssue, fieldPath } from './validation/issue-messages.ts';
import { branchLabel, nodeTitle, renderNodeMessage } from './node-texts.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import type { UiLanguage } from '#i18n/languages.ts';

export { DIAGNOSTIC_CODES, hasErrors } from './validation/diagnostics.ts';
export type { Diagnostic, DiagnosticCode, DiagnosticSeverity } from './validation/diagnostics.ts';

export interface ValidationContext {
  /** Numbers already bound to OTHER published flows: number -> that flow's name. */
  claimedNumbers?: ReadonlyMap<string, string>;
  /**
   * Every calendar that exists: id -> name. When given, a node pointing at a calendar not in it is an error
   * (`calendar-missing`); when absent (a file checked offline) calendars are not checked.
   */
  calendars?: ReadonlyMap<string, string>;
  /**
   * The language of the messages (node titles, branch labels, sentences); English when not given. Codes, node ids
   * and fields never depend on it.
   */
  language?: UiLanguage;
}

export interface ValidationResult {
  /** Errors first, then warnings; within each, in document order (numbers, nodes, edges, then the graph). */
  diagnostics: Diagnostic[];
  /** The parsed document, when its shape is right (even if it has errors). */
  document: FlowDocument | null;
  /** Set only when there is no error: every node's data parsed by its type's schema, defaults filled in. */
  typed: TypedFlowDocument | null;
}

/** What validation learns about one node on its single pass over the nodes. */
interface NodeFacts {
  node: DraftNode;
  /** `Menu "main-menu"`: how every message names the node. */
  label: string;
  definition: Pick<NodeDefinition<NodeType>, 'waitsForCaller'> | null;
  /** The data as the type's schema outputs it; null when the type is unknown or the data invalid. */
  data: unknown;
  /** Branch id -> spec; null when unknown (unknown type or invalid data), so branch checks are skipped. */
  branches: Map<string, BranchSpec> | null;
  /** False for a second node reusing an id: edges and reachability resolve ids to the first one. */
  ownsId: boolean;
}

/**
 * Judges a flow document: its shape, each node's data, the edges between branches, and the graph as a whole.
 * One pass over nodes and one over edges, then linear graph walks: a 500-node flow takes a few milliseconds.
 */
export function validateFlow(input: unknown, context: ValidationContext = {}): ValidationResult {
  const language = context.language ?? 'en';
  const t = translatorFor(language);
  const tooLarge = sizeDiagnostics(input, language);
  if (tooLarge.length > 0) return { diagnostics: tooLarge, document: null, typed: null };
  const parsed = flowDocumentSchema.safeParse(input);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.map((issue): Diagnostic => {
      const field = fieldPath(issue.path);
      const problem = describeIssue(issue, input, language);
      return {
        severity: 'error',
        code: 'document-invalid',
        message: field
          ? t('diagnostics:documentInvalidAt', { field, problem })
          : t('diagnostics:documentInvalid', { problem }),
        ...(field ? { field } : {}),
      };
    });
    return { diagnostics, document: null, typed: null };
  }

  const document = parsed.data;
  const diagnostics: Diagnostic[] = [];
  const report = (
    code: DiagnosticCode,
    message: string,
    where: Pick<Diagnostic, 'nodeId' | 'edgeId' | 'field'> = {},
  ) => {
    diagnostics.push({ severity: WARNING_CODES.has(code) ? 'warning' : 'error', code, message, ...where });
  };

  checkNumbers(document, context, report, t);

  const indexById = new Map<string, number>();
  const facts = document.nodes.map((node, index) => {
    const ownsId = !indexById.has(node.id);
    if (ownsId) indexById.set(node.id, index);
    return analyseNode(node, ownsId, report, context, t);
  });

  const startIndices = facts.flatMap((fact, index) => (fact.node.type === 'start' ? [index] : []));
  if (startIndices.length === 0) {
    report('start-missing', t('diagnostics:startMissing'));
  }
  for (const extra of startIndices.slice(1)) {
    const id = facts[extra]!.node.id;
    report('start-multiple', t('diagnostics:startMultiple', { node: facts[extra]!.label }), { nodeId: id });
  }

  // Edges: check each, remember which branches are connected, and build the adjacency lists for the graph walks.
  const adjacency: number[][] = facts.map(() => []);
  const edgeLeavingBranch = new Map<string, string>();
  const edgeIds = new Set<string>();
  for (const edge of document.edges) {
    if (edgeIds.has(edge.id)) {
      report('edge-id-duplicate', t('diagnostics:edgeIdDuplicate', { edge: edge.id }), { edgeId: edge.id });
    }
    edgeIds.add(edge.id);
    const sourceIndex = indexById.get(edge.source);
    const targetIndex = indexById.get(edge.target);
    if (sourceIndex === undefined) {
      report('edge-source-missing', t('diagnostics:edgeSourceMissing', { edge: edge.id, source: edge.source }), {
        edgeId: edge.id,
      });
      continue;
    }
    const source = facts[sourceIndex]!;
    if (targetIndex === undefined) {
      report(
        'edge-target-missing',
        t('diagnostics:edgeTargetMissing', { node: source.label, edge: edge.id, target: edge.target }),
        { nodeId: source.node.id, edgeId: edge.id },
      );
    } else {
      adjacency[sourceIndex]!.push(targetIndex);
    }
    if (!source.branches) continue;
    const branch = source.branches.get(edge.sourceBranch);
    if (!branch) {
      const known = [...source.branches.keys()];
      report(
        'edge-branch-unknown',
        t('diagnostics:edgeBranchUnknown', {
          node: source.label,
          edge: edge.id,
          branch: edge.sourceBranch,
          known: known.length
            ? t('diagnostics:knownBranches', { branches: known.join(', ') })
            : t('diagnostics:noBranches'),
        }),
        { nodeId: source.node.id, edgeId: edge.id },
      );
      continue;
    }
    const branchKey = `${sourceIndex}\u0000${edge.sourceBranch}`;
    const firstEdgeId = edgeLeavingBranch.get(branchKey);
    if (firstEdgeId !== undefined) {
      report(
        'edge-duplicate-branch',
        t('diagnostics:edgeDuplicateBranch', {
          node: source.label,
          branch: branchLabel(branch, t),
          first: firstEdgeId,
          second: edge.id,
        }),
        { nodeId: source.node.id, edgeId: edge.id },
      );
    } else {
      edgeLeavingBranch.set(branchKey, edge.id);
    }
  }

  for (const [index, fact] of facts.entries()) {
    if (!fact.branches || !fact.ownsId) continue;
    for (const branch of fact.branches.values()) {
      if (edgeLeavingBranch.has(`${index}\u0000${branch.id}`)) continue;
      if (branch.required) {
        report(
          'branch-unconnected',
          t('diagnostics:branchUnconnected', { node: fact.label, branch: branchLabel(branch, t) }),
          {
            nodeId: fact.node.id,
          },
        );
      } else if (branch.warnWhenUnconnected) {
        report(
          'branch-unconnected-warning',
          t('diagnostics:branchUnconnectedWarning', {
            node: fact.label,
            branch: branchLabel(branch, t),
            consequence: renderNodeMessage(branch.warnWhenUnconnected, t),
          }),
          { nodeId: fact.node.id },
        );
      }
    }
  }

  // A loop of nodes that never wait for the caller would run forever within a single instant of the call. Nodes
  // of unknown type are left out: their timing is unknown and they are already errors.
  const spinsWithoutWaiting = facts.map((fact) => fact.definition !== null && !fact.definition.waitsForCaller);
  const instantAdjacency = adjacency.map((targets, index) =>
    spinsWithoutWaiting[index] ? targets.filter((target) => spinsWithoutWaiting[target]) : [],
  );
  for (const component of cyclicComponents(instantAdjacency)) {
    const members = component.map((index) => facts[index]!);
    report(
      'cycle-without-wait',
      t('diagnostics:cycleWithoutWait', {
        count: members.length,
        nodes: members.map((member) => member.label).join(', '),
      }),
      { nodeId: members[0]!.node.id },
    );
  }

  // Read nodes only: one whose data is invalid, or a second one reusing an id, lets languages through unchanged.
  const parsedNodes = facts.map((fact): ParsedNode | null =>
    fact.data !== null && fact.ownsId && isNodeType(fact.node.type)
      ? ({ id: fact.node.id, type: fact.node.type, data: fact.data, label: fact.label } as ParsedNode)
      : null,
  );
  const reaching = languagesReachingNodes(document.language, parsedNodes, adjacency, startIndices);
  checkPromptLanguages(parsedNodes, reaching, report, t);

  if (startIndices.length > 0) {
    const reached = reachableFrom(adjacency, startIndices);
    for (const [index, fact] of facts.entries()) {
      if (!reached[index] && fact.ownsId) {
        report('node-unreachable', t('diagnostics:nodeUnreachable', { node: fact.label }), { nodeId: fact.node.id });
      }
    }
  }

  const ordered = [
    ...diagnostics.filter((diagnostic) => diagnostic.severity === 'error'),
    ...diagnostics.filter((diagnostic) => diagnostic.severity === 'warning'),
  ];
  const typed = ordered.some((diagnostic) => diagnostic.severity === 'error') ? null : toTypedDocument(document, facts);
  return { diagnostics: ordered, document, typed };
}

/** Checked before anything else, so an oversized document is refused without parsing each of its nodes. */
function sizeDiagnostics(input: unknown, language: UiLanguage): Diagnostic[] {
  if (input === null || typeof input !== 'object') return [];
  const { nodes, edges } = input as { nodes?: unknown; edges?: unknown };
  const diagnostics: Diagnostic[] = [];
  if (Array.isArray(nodes) && nodes.length > MAX_FLOW_NODES) {
    diagnostics.push({
      severity: 'error',
      code: 'flow-too-large',
      message: tooManyNodesMessage(nodes.length, language),
      field: 'nodes',
    });
  }
  if (Array.isArray(edges) && edges.length > MAX_FLOW_EDGES) {
    diagnostics.push({
      severity: 'error',
      code: 'flow-too-large',
      message: tooManyEdgesMessage(edges.length, language),
      field: 'edges',
    });
  }
  return diagnostics;
}

type Report = (code: DiagnosticCode, message: string, where?: Pick<Diagnostic, 'nodeId' | 'edgeId' | 'field'>) => void;

function checkNumbers(document: FlowDocument, context: ValidationContext, report: Report, t: Translate): void {
  const seen = new Set<string>();
  for (const [position, number] of document.numbers.entries()) {
    if (seen.has(number)) {
      report('number-duplicate', t('diagnostics:numberDuplicate', { number }), { field: `numbers.${position}` });
      continue;
    }
    seen.add(number);
    const owner = context.claimedNumbers?.get(number);
    if (owner !== undefined) {
      report('number-claimed', t('diagnostics:numberClaimed', { number, owner }), { field: `numbers.${position}` });
    }
  }
}

function analyseNode(
  node: DraftNode,
  ownsId: boolean,
  report: Report,
  context: ValidationContext,
  t: Translate,
): NodeFacts {
  if (!isNodeType(node.type)) {
    const label = nodeLabel(null, node.id, t);
    if (!ownsId) reportDuplicateId(node, label, report, t);
    report(
      'node-type-unknown',
      t('diagnostics:nodeTypeUnknown', { node: label, type: node.type, known: NODE_TYPES.join(', ') }),
      { nodeId: node.id },
    );
    return { node, label, definition: null, data: null, branches: null, ownsId };
  }
  return analyseKnownNode(node, node.type, ownsId, report, context, t);
}

/**
 * `Menu "main-menu"` (`Menu « main-menu »` in French): how every message names a node, by its type's title, or as
 * a bare node for a type Switchboard does not know. Screens that show a message next to its node strip it with this.
 */
export function nodeLabel(type: NodeType | null, id: string, t: Translate): string {
  return type === null
    ? t('diagnostics:unknownNodeLabel', { id })
    : t('diagnostics:nodeLabel', { title: nodeTitle(type, t), id });
}

function analyseKnownNode<T extends NodeType>(
  node: DraftNode,
  type: T,
  ownsId: boolean,
  report: Report,
  context: ValidationContext,
  t: Translate,
): NodeFacts {
  const definition = nodeDefinition(type);
  const label = nodeLabel(type, node.id, t);
  const facts: NodeFacts = { node, label, definition, data: null, branches: null, ownsId };
  if (!ownsId) reportDuplicateId(node, label, report, t);
  const reportProblems = (problems: DataProblem[]) => {
    for (const problem of problems) {
      const sentence = String(t(`diagnostics:data.${problem.message.key}`, problem.message.values as never));
      report(problem.code, t('diagnostics:nodeProblem', { node: label, problem: sentence }), {
        nodeId: node.id,
        field: problem.field,
      });
    }
  };

  reportProblems(definition.checkRawData?.(node.data) ?? []);
  const parsed = definition.data.safeParse(node.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldPath(issue.path);
      const problem = describeIssue(issue, node.data, context.language ?? 'en');
      report(
        'node-data-invalid',
        field
          ? t('diagnostics:nodeFieldProblem', { node: label, field, problem })
          : t('diagnostics:nodeProblem', { node: label, problem }),
        field ? { nodeId: node.id, field } : { nodeId: node.id },
      );
    }
    return facts;
  }

  facts.data = parsed.data;
  const branches = new Map<string, BranchSpec>();
  for (const branch of definition.branches(parsed.data)) {
    if (!branches.has(branch.id)) branches.set(branch.id, branch);
  }
  facts.branches = branches;
  reportProblems(definition.checkData?.(parsed.data) ?? []);
  if (context.calendars && definition.calendars) {
    for (const calendarId of definition.calendars(parsed.data)) {
      if (context.calendars.has(calendarId)) continue;
      report('calendar-missing', t('diagnostics:calendarMissing', { node: label, calendar: calendarId }), {
        nodeId: node.id,
        field: 'calendarId',
      });
    }
  }
  return facts;
}

function reportDuplicateId(node: DraftNode, label: string, report: Report, t: Translate): void {
  report('node-id-duplicate', t('diagnostics:nodeIdDuplicate', { node: label, id: node.id }), { nodeId: node.id });
}

function toTypedDocument(document: FlowDocument, facts: readonly NodeFacts[]): TypedFlowDocument {
  return {
    ...document,
    nodes: facts.map(
      ({ node, data }) => ({ id: node.id, type: node.type, position: node.position, data }) as AnyFlowNode,
    ),
  };
}
