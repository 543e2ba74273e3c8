import { isNodeType, nodeDefinition, type NodeType } from '#flows/catalogue.ts';
import type { FlowDocument } from '#flows/document.ts';
import { languageMatches, languagesOfPrompt, sentenceFor } from '#flows/languages.ts';
import type { WrittenPrompt } from '#flows/node-definition.ts';
import { callLanguagesOf, languagesReachingNodes, type ParsedNode } from '#flows/validation/call-languages.ts';

// The editor's language matrix: each prompt staff wrote (rows) in each language the flow speaks (columns), so a
// missing translation shows at a glance. It is a view over the prompts' `translations` (docs/decisions/018): the
// flow format needs nothing more.

/** One cell: the prompt's own text, a translation, one missing for a language calls may be in, or not needed. */
export type MatrixCell =
  | { kind: 'own'; language: string; text: string }
  /** `tag` is the translation's own tag, which may be close rather than equal to the column's ("en" for en-GB). */
  | { kind: 'translated'; language: string; tag: string; text: string }
  | { kind: 'missing'; language: string }
  | { kind: 'not-needed'; language: string };

export interface MatrixRow {
  nodeId: string;
  nodeType: NodeType;
  /** Where the prompt sits in the node's data: "" (a Say node's data is its prompt), "prompt", "greeting"... */
  field: string;
  cells: MatrixCell[];
}

export interface LanguageMatrix {
  /** The flow's language first, then those calls may switch to, then any other language a prompt is written in. */
  languages: string[];
  /** The languages a call of this flow may be in; a prompt misses those that may reach it and it does not have. */
  callLanguages: string[];
  rows: MatrixRow[];
  /** How many cells miss a translation. */
  missing: number;
}

interface ReadNode {
  node: ParsedNode;
  prompts: WrittenPrompt[];
}

/** Each node as its type's schema reads it, or null (unknown type, data being edited into shape, a reused id). */
function readNodes(document: FlowDocument): (ReadNode | null)[] {
  const seen = new Set<string>();
  return document.nodes.map((node) => {
    const first = !seen.has(node.id);
    seen.add(node.id);
    if (!first || !isNodeType(node.type)) return null;
    const definition = nodeDefinition(node.type);
    const parsed = definition.data.safeParse(node.data);
    if (!parsed.success) return null;
    const data = parsed.data as never;
    return { node: { id: node.id, type: node.type, data }, prompts: definition.writtenPrompts?.(data) ?? [] };
  });
}

/**
 * Which languages may reach each node, as validation works them out (flows/validation/call-languages.ts): a chooser
 * menu heard before any switch is reached only in the flow's language, so it needs no translation.
 */
function languagesReaching(document: FlowDocument, nodes: readonly (ReadNode | null)[]): string[][] {
  const indexById = new Map<string, number>();
  document.nodes.forEach((node, index) => {
    if (!indexById.has(node.id)) indexById.set(node.id, index);
  });
  const adjacency = document.nodes.map((): number[] => []);
  for (const edge of document.edges) {
    const from = indexById.get(edge.source);
    const to = indexById.get(edge.target);
    if (from !== undefined && to !== undefined) adjacency[from]!.push(to);
  }
  const starts = document.nodes.flatMap((node, index) => (node.type === 'start' ? [index] : []));
  return languagesReachingNodes(
    document.language,
    nodes.map((read) => read?.node ?? null),
    adjacency,
    starts,
  );
}

export function languageMatrix(document: FlowDocument): LanguageMatrix {
  const nodes = readNodes(document);
  const known = nodes.filter((read): read is ReadNode => read !== null);
  const callLanguages = callLanguagesOf({ language: document.language, nodes: known.map(({ node }) => node) });
  const reaching = languagesReaching(document, nodes);
  const languages = [...callLanguages];
  for (const { prompts } of known) {
    for (const { prompt } of prompts) {
      for (const language of languagesOfPrompt(prompt)) {
        if (!languages.some((other) => languageMatches(other, language))) languages.push(language);
      }
    }
  }
  let missing = 0;
  const rows = nodes.flatMap((read, index) =>
    (read?.prompts ?? []).map(({ field, prompt }): MatrixRow => {
      const needed = reaching[index] ?? [];
      const cells = languages.map((language): MatrixCell => {
        if (languageMatches(prompt.language, language)) return { kind: 'own', language, text: prompt.text };
        const written = sentenceFor(prompt, language);
        if (written.language !== prompt.language) {
          return { kind: 'translated', language, tag: written.language, text: written.text };
        }
        if (!needed.some((reached) => languageMatches(reached, language))) return { kind: 'not-needed', language };
        missing += 1;
        return { kind: 'missing', language };
      });
      return { nodeId: read!.node.id, nodeType: read!.node.type, field, cells };
    }),
  );
  return { languages, callLanguages, rows, missing };
}

/**
 * The node's data with the prompt at `field` given `text` in `language`: its own text when that is the prompt's
 * language, else the translation for it (created, or removed when the text is emptied). Works on the raw data the
 * editor holds, leaving every other field as it was.
 */
export function withPromptText(data: unknown, field: string, cell: MatrixCell, text: string): unknown {
  const tag = cell.kind === 'translated' ? cell.tag : cell.language;
  const path = field ? field.split('.') : [];
  return updateAt(data, path, (prompt) => {
    const current = (prompt ?? {}) as Record<string, unknown>;
    if (cell.kind === 'own') return { ...current, text };
    const translations = { ...((current.translations as Record<string, { text: string }> | undefined) ?? {}) };
    if (text === '') delete translations[tag];
    else translations[tag] = { ...translations[tag], text };
    const { translations: _old, ...rest } = current;
    return Object.keys(translations).length > 0 ? { ...rest, translations } : rest;
  });
}

function updateAt(value: unknown, path: readonly string[], update: (inner: unknown) => unknown): unknown {
  if (path.length === 0) return update(value);
  const [head, ...rest] = path as [string, ...string[]];
  const object = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return { ...object, [head]: updateAt(object[head], rest, update) };
}
