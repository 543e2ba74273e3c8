// The vocabulary of flow validation: every problem has a stable code (tests, the editor and scripts match on it)
// and a sentence for people (shown next to the node in the editor and by `switchboard flows validate`).

export const DIAGNOSTIC_CODES = [
  'document-invalid',
  'flow-too-large',
  'start-missing',
  'start-multiple',
  'node-id-duplicate',
  'node-type-unknown',
  'node-data-invalid',
  'edge-id-duplicate',
  'edge-source-missing',
  'edge-target-missing',
  'edge-branch-unknown',
  'edge-duplicate-branch',
  'branch-unconnected',
  'branch-unconnected-warning',
  'calendar-missing',
  'node-unreachable',
  'cycle-without-wait',
  'menu-digit-duplicate',
  'queue-key-duplicate',
  'number-duplicate',
  'number-claimed',
  'prompt-language-missing',
  'language-rule-shadowed',
  'language-value-invalid',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export type DiagnosticSeverity = 'error' | 'warning';

/** Codes that only ever warn: the flow still runs, but probably not as its author meant. */
export const WARNING_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'node-unreachable',
  'branch-unconnected-warning',
  'prompt-language-missing',
  'language-rule-shadowed',
  'language-value-invalid',
]);

export interface Diagnostic {
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  /** A sentence a non-programmer understands, naming the node by its type title and id. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  /**
   * Dotted path of the field at fault. With `nodeId`: inside that node's data ("prompt.text", "options.1.digit").
   * Without: inside the document ("numbers.1", "nodes.3.position.x").
   */
  field?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}
