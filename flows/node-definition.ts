import type { z } from 'zod';

/** One outgoing connection point of a node: a menu digit, "timeout", "no-answer"... Branches are data, not JSX. */
export interface BranchSpec {
  id: string;
  /** Shown on the handle in the editor and in diagnostics, in words a non-programmer understands. */
  label: string;
  /** A required branch left unconnected is an error; an optional one ends the call when taken. */
  required: boolean;
}

export type NodeCategory = 'start' | 'prompts' | 'caller input' | 'people' | 'conference' | 'logic';

export interface NodeDefinition<T extends string, Schema extends z.ZodType = z.ZodType> {
  type: T;
  /** Short human name for the palette, e.g. "Menu". */
  title: string;
  /** One sentence for the palette tooltip and docs. */
  summary: string;
  category: NodeCategory;
  /** zod schema of the node's data; it fills defaults for omitted fields. */
  data: Schema;
  /** The data a freshly dropped node starts with. */
  defaults(): z.output<Schema>;
  /** The node's outgoing branches, which may depend on its data (one per menu digit...). */
  branches(data: z.output<Schema>): BranchSpec[];
  /**
   * True when running the node takes time the caller notices (a prompt, waiting for keys, ringing).
   * A cycle made only of nodes that do not wait would spin without end, so validation rejects it.
   */
  waitsForCaller: boolean;
  /**
   * Data fields that are secrets (a room's PINs): viewers never receive them, on a page, from the API or in an
   * export (flows/redact.ts).
   */
  secretFields?: readonly (keyof z.output<Schema> & string)[];
}

/** Identity helper that keeps the literal type of `type` and checks the shape. */
export function defineNode<T extends string, Schema extends z.ZodType>(
  definition: NodeDefinition<T, Schema>,
): NodeDefinition<T, Schema> {
  return definition;
}
