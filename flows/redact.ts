import { isNodeType, nodeDefinition } from './catalogue.ts';
import type { FlowDocument } from './document.ts';

/**
 * What a viewer sees instead of a secret (a conference PIN). Not a valid PIN on purpose: a viewer's export imported
 * elsewhere is refused until someone types real PINs, rather than opening the room to everyone.
 */
export const REDACTED_SECRET = '(hidden)';

/**
 * The flow document as a viewer may see it: every field a node definition lists in `secretFields` (the conference
 * PINs) replaced by REDACTED_SECRET. Editors and admins get the document as it is. Every path that hands a document
 * to a viewer goes through here: the editor and version pages, call details, the API and exports.
 */
export function redactFlowSecretsForViewer<Document extends FlowDocument>(document: Document): Document {
  let changed = false;
  const nodes = document.nodes.map((node) => {
    const secrets = isNodeType(node.type) ? (nodeDefinition(node.type).secretFields ?? []) : [];
    const data = node.data as Record<string, unknown> | undefined;
    if (!data || !secrets.some((field) => data[field] !== undefined)) return node;
    changed = true;
    const hidden = { ...data };
    for (const field of secrets) if (hidden[field] !== undefined) hidden[field] = REDACTED_SECRET;
    return { ...node, data: hidden };
  });
  return changed ? { ...document, nodes } : document;
}

/** Drops what validation says about the hidden placeholders themselves (a viewer's read-only editor validates too). */
export function withoutRedactionDiagnostics<D extends { nodeId?: string; field?: string }>(
  diagnostics: readonly D[],
  document: FlowDocument,
): D[] {
  const hidden = new Set<string>();
  for (const node of document.nodes) {
    const data = node.data as Record<string, unknown> | undefined;
    for (const [field, value] of Object.entries(data ?? {}))
      if (value === REDACTED_SECRET) hidden.add(`${node.id}\u0000${field}`);
  }
  if (hidden.size === 0) return [...diagnostics];
  return diagnostics.filter(
    (diagnostic) =>
      !(diagnostic.nodeId && diagnostic.field && hidden.has(`${diagnostic.nodeId}\u0000${diagnostic.field}`)),
  );
}

/** The document for this role: as it is for editors and admins, redacted for viewers. */
export function flowDocumentForRole<Document extends FlowDocument>(document: Document, role: string): Document {
  return role === 'viewer' ? redactFlowSecretsForViewer(document) : document;
}
