import type { z } from 'zod';
import { isNodeType, nodeDefinition, type NodeDataMap, type NodeDefinitions, type NodeType } from '#flows/catalogue.ts';
import type { BranchSpec } from '#flows/node-definition.ts';

/**
 * What the editor can do with a node's data, which may be half-finished (an emptied text) or, from an imported
 * file, broken in its very shape (a list where a group of fields belongs).
 * - editable: the form and the canvas can show it. `data` is the RAW data with missing fields taken from the
 *   type's defaults — never the parsed output, which trims text and would move the cursor while someone types.
 * - damaged: the form cannot show it; the inspector offers to start again from the defaults.
 */
export type NodeDataView<T extends NodeType = NodeType> =
  | { state: 'editable'; type: T; data: NodeDataMap[T]; branches: BranchSpec[] }
  | { state: 'damaged'; type: T; problems: string[] }
  | { state: 'unknown-type'; type: string };

// Issues about a value the form can show and the user can fix in place. Anything else (a wrong type, an unknown
// discriminator, a non-object) means the form would be reading fields that are not there.
const VALUE_LEVEL_ISSUES = new Set(['too_small', 'too_big', 'invalid_format', 'not_multiple_of', 'custom']);

function isValueLevel(issue: z.core.$ZodIssue): boolean {
  if (VALUE_LEVEL_ISSUES.has(issue.code)) return true;
  // `.int()` reports a fraction as invalid_type, but the form shows 2.5 perfectly well.
  return issue.code === 'invalid_type' && issue.expected === 'int';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fills fields the value lacks from `defaults`, recursively through groups of fields. A group whose "kind" differs
 * from the default's (a dial target of kind "user" against a default "extension") is another variant: left alone.
 */
export function fillMissing(value: unknown, defaults: unknown): unknown {
  if (value === undefined) return structuredClone(defaults);
  if (!isPlainObject(value) || !isPlainObject(defaults)) return value;
  if ('kind' in defaults && value.kind !== defaults.kind) return value;
  const filled: Record<string, unknown> = { ...value };
  for (const [key, fallback] of Object.entries(defaults)) filled[key] = fillMissing(value[key], fallback);
  return filled;
}

// Views by data object: the canvas node, the edges leaving it and the inspector all ask for the same node's view,
// and parsing 500 nodes' data again on every render is most of the cost of opening a big flow. Node data is never
// mutated (each edit makes a new object), so the object itself is the key and nothing goes stale.
const viewCache = new WeakMap<object, Map<string, NodeDataView>>();

export function viewNodeData(type: string, value: unknown): NodeDataView {
  if (typeof value !== 'object' || value === null) return computeView(type, value);
  let byType = viewCache.get(value);
  if (!byType) viewCache.set(value, (byType = new Map()));
  let view = byType.get(type);
  if (!view) byType.set(type, (view = computeView(type, value)));
  return view;
}

function computeView(type: string, value: unknown): NodeDataView {
  return isNodeType(type) ? computeTypedView(type, value) : { state: 'unknown-type', type };
}

function computeTypedView<T extends NodeType>(type: T, value: unknown): NodeDataView<T> {
  const definition = nodeDefinition(type);
  const parsed = definition.data.safeParse(value);
  if (parsed.success) {
    return {
      state: 'editable',
      type,
      data: fillMissing(value, parsed.data) as never,
      branches: definition.branches(parsed.data),
    };
  }
  const filled = fillMissing(value, definition.defaults());
  const retried = definition.data.safeParse(filled);
  if (retried.success) {
    return { state: 'editable', type, data: filled as never, branches: definition.branches(retried.data) };
  }
  if (retried.error.issues.every(isValueLevel)) {
    // Branch labels come from the raw data: a menu whose prompt is still empty still shows its keys.
    return { state: 'editable', type, data: filled as never, branches: safeBranches(definition, filled) };
  }
  return {
    state: 'damaged',
    type,
    problems: retried.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(data)'}: ${issue.message}`),
  };
}

function safeBranches<T extends NodeType>(definition: NodeDefinitions[T], data: unknown): BranchSpec[] {
  try {
    return definition.branches(data as never);
  } catch {
    return [];
  }
}
