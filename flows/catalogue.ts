import { z } from 'zod';
import type { BranchSpec, NodeDefinition } from './node-definition.ts';
import { branchNode } from './nodes/branch.ts';
import { businessHoursNode } from './nodes/business-hours.ts';
import { nodeIdSchema } from './nodes/shared.ts';
import { collectNode } from './nodes/collect.ts';
import { conferenceNode } from './nodes/conference.ts';
import { dialNode } from './nodes/dial.ts';
import { gotoNode } from './nodes/goto.ts';
import { hangupNode } from './nodes/hangup.ts';
import { languageNode } from './nodes/language.ts';
import { menuNode } from './nodes/menu.ts';
import { playNode } from './nodes/play.ts';
import { queueNode } from './nodes/queue.ts';
import { sayNode } from './nodes/say.ts';
import { setNode } from './nodes/set.ts';
import { startNode } from './nodes/start.ts';
import { voicemailInboxNode } from './nodes/voicemail-inbox.ts';
import { voicemailNode } from './nodes/voicemail.ts';

/**
 * Every node type of the flow language. Adding a type means adding its file in flows/nodes/ and a line here; the
 * editor's and the runtime's registries are typed `{ [T in NodeType]: ... }`, so they fail to compile until they
 * handle it too. Everything else the flow language, the publisher and the directory need to know of a type (its
 * prompts, its references to people, its extra checks) is read from its definition (node-definition.ts).
 */
export const nodeCatalogue = {
  start: startNode,
  say: sayNode,
  play: playNode,
  menu: menuNode,
  collect: collectNode,
  dial: dialNode,
  voicemail: voicemailNode,
  'voicemail-inbox': voicemailInboxNode,
  conference: conferenceNode,
  queue: queueNode,
  goto: gotoNode,
  set: setNode,
  language: languageNode,
  branch: branchNode,
  'business-hours': businessHoursNode,
  hangup: hangupNode,
} as const;

// Compile-time check that each entry is filed under its own type name.
type EntriesMatchTheirType = {
  [T in keyof typeof nodeCatalogue]: (typeof nodeCatalogue)[T]['type'] extends T ? true : never;
};
const entriesMatchTheirType: EntriesMatchTheirType[keyof typeof nodeCatalogue] = true;
void entriesMatchTheirType;

export type NodeType = keyof typeof nodeCatalogue;
export const NODE_TYPES = Object.keys(nodeCatalogue) as NodeType[];

/** The data of each node type, as its schema outputs it (defaults filled in). */
export type NodeDataMap = { [T in NodeType]: z.output<(typeof nodeCatalogue)[T]['data']> };
/** The data of each node type as a document may hold it before parsing (fields with defaults may be missing). */
export type NodeInputMap = { [T in NodeType]: z.input<(typeof nodeCatalogue)[T]['data']> };

/**
 * The catalogue seen through one generic shape. Indexed by a type parameter `T`, it gives a definition whose
 * functions take `NodeDataMap[T]`: code generic over `T` calls them on a node's data without casts.
 */
export type NodeDefinitions = { [T in NodeType]: NodeDefinition<T, NodeDataMap[T], NodeInputMap[T]> };
const definitions: NodeDefinitions = nodeCatalogue;

export interface Position {
  x: number;
  y: number;
}

/** A node whose data has been checked against its type's schema. */
export interface TypedFlowNode<T extends NodeType = NodeType> {
  id: string;
  type: T;
  position: Position;
  data: NodeDataMap[T];
}

/** The discriminated union of all typed nodes: narrowing on `type` gives the right `data`. */
export type AnyFlowNode = { [T in NodeType]: TypedFlowNode<T> }[NodeType];

export function isNodeType(type: string): type is NodeType {
  return Object.hasOwn(nodeCatalogue, type);
}

export function nodeDefinition<T extends NodeType>(type: T): NodeDefinitions[T] {
  return definitions[type];
}

export function branchesOf<T extends NodeType>(node: TypedFlowNode<T>): BranchSpec[] {
  return nodeDefinition(node.type).branches(node.data);
}

export function defaultDataOf<T extends NodeType>(type: T): NodeDataMap[T] {
  return nodeDefinition(type).defaults();
}

const positionSchema = z.object({ x: z.number(), y: z.number() });

/** zod schema of one typed node of each type, keyed by `type` (used for the JSON Schema and strict parsing). */
export const typedNodeSchema = z.discriminatedUnion(
  'type',
  NODE_TYPES.map((type) =>
    z.object({ id: nodeIdSchema, type: z.literal(type), position: positionSchema, data: nodeCatalogue[type].data }),
  ) as unknown as [z.ZodObject<{ type: z.ZodLiteral<NodeType> }>, ...z.ZodObject<{ type: z.ZodLiteral<NodeType> }>[]],
);
