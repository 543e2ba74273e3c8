import { z } from 'zod';
import { formattersFor } from '#i18n/format.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';
import { typedNodeSchema, type AnyFlowNode, type Position } from './catalogue.ts';
import { dialledNumberSchema, languageSchema, nodeIdSchema } from './nodes/shared.ts';
import { schemaMessage } from './validation/schema-messages.ts';

/** Bumped when the document format changes incompatibly; documents carry it so old exports stay readable. */
export const FLOW_FORMAT_VERSION = 1;

export { nodeIdSchema };

/**
 * The largest flow Switchboard accepts (docs/flow-format.md, "Limits"): four times the 500-node flow the editor is
 * benchmarked with (npm run bench:editor), far beyond any real menu, and small enough that nobody can fill the
 * server's memory or the editor's canvas through an import.
 */
export const MAX_FLOW_NODES = 2000;
/** Connections leave named branches, one per branch: ten per node on average is already more than menus need. */
export const MAX_FLOW_EDGES = 10 * MAX_FLOW_NODES;

/** What validation says of a flow over the node limit, its numbers written the way the reader's language writes them. */
export function tooManyNodesMessage(count: number, language: UiLanguage = 'en'): string {
  const { number } = formattersFor(language);
  return translatorFor(language)('diagnostics:tooManyNodes', { nodes: number(count), max: number(MAX_FLOW_NODES) });
}

export function tooManyEdgesMessage(count: number, language: UiLanguage = 'en'): string {
  const { number } = formattersFor(language);
  return translatorFor(language)('diagnostics:tooManyEdges', { edges: number(count), max: number(MAX_FLOW_EDGES) });
}

export const flowEdgeSchema = z.object({
  id: z.string().min(1, schemaMessage('edgeId')),
  source: z.string(),
  /** Which branch of the source node this edge leaves from: "next", a menu digit, "no-answer"... */
  sourceBranch: z.string().min(1, schemaMessage('edgeBranch')),
  target: z.string(),
});
export type FlowEdge = z.output<typeof flowEdgeSchema>;

/**
 * A node as stored in a draft: its type and data are NOT checked here, because a draft may be half-finished.
 * Validation (validate.ts) checks each node against its type's schema and reports field-level problems.
 */
export const draftNodeSchema = z.object({
  id: nodeIdSchema,
  type: z.string().min(1, schemaMessage('nodeType')),
  position: z.object({ x: z.number(), y: z.number() }),
  // start and hangup have no data: a document may leave it out.
  data: z
    .unknown()
    .optional()
    .transform((data): unknown => data ?? {}),
});
export type DraftNode = { id: string; type: string; position: Position; data: unknown };

const documentFields = {
  format: z.literal(FLOW_FORMAT_VERSION, {
    error: schemaMessage('format', { count: FLOW_FORMAT_VERSION }),
  }),
  name: z.string().trim().min(1, schemaMessage('flowName')).max(120, schemaMessage('flowNameTooLong')),
  description: z.string().max(2000).default(''),
  /**
   * The language calls start in (the call variable `language`); a `language` or `set` node may switch it. Documents
   * from before flows spoke several languages have none: French, the platform's home language.
   */
  language: languageSchema,
  /** The numbers that reach this flow once it is published, e.g. ["6003"]. */
  numbers: z.array(dialledNumberSchema).default([]),
  edges: z
    .array(flowEdgeSchema)
    .max(MAX_FLOW_EDGES, { error: (issue) => tooManyEdgesMessage((issue.input as unknown[]).length) })
    .default([]),
};

// validateFlow refuses an oversized document before parsing it (in the reader's language); these English messages
// are for the other readers of the schema (the database layer).
const nodesLimit = { error: (issue: { input?: unknown }) => tooManyNodesMessage((issue.input as unknown[]).length) };

/** Any flow document, valid or not yet: what drafts, imports and the editor exchange. */
export const flowDocumentSchema = z.object({
  ...documentFields,
  nodes: z.array(draftNodeSchema).max(MAX_FLOW_NODES, nodesLimit).default([]),
});
export type FlowDocument = z.output<typeof flowDocumentSchema>;

/** A flow whose every node has been checked: what gets published and what the runtime executes. */
// No size limit here: this schema reads published versions back, and one published before the limits existed must
// keep answering calls. New ones cannot exceed them, since publishing validates first.
export const typedFlowDocumentSchema = z.object({
  ...documentFields,
  edges: z.array(flowEdgeSchema).default([]),
  nodes: z.array(typedNodeSchema),
});
export interface TypedFlowDocument extends Omit<FlowDocument, 'nodes'> {
  nodes: AnyFlowNode[];
}

export function emptyFlowDocument(name: string): FlowDocument {
  return {
    format: FLOW_FORMAT_VERSION,
    name,
    description: '',
    language: 'fr-FR',
    numbers: [],
    nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }],
    edges: [],
  };
}
