import { nodeDefinition, type TypedFlowNode, type NodeType } from './catalogue.ts';
import type { TypedFlowDocument } from './document.ts';
import type { SpokenPrompt } from './nodes/shared.ts';

/**
 * Every sentence a flow can speak, so publishing can render them all before any caller hears the flow.
 * The runtime asks for exactly these specs during the call, so they hit the prompt cache. Which sentences a node
 * speaks is its definition's to say (`spokenPrompts`).
 */
export function spokenPromptsOf(document: TypedFlowDocument): SpokenPrompt[] {
  return document.nodes.flatMap((node) => promptsOfNode(node));
}

function promptsOfNode<T extends NodeType>(node: TypedFlowNode<T>): SpokenPrompt[] {
  return nodeDefinition(node.type).spokenPrompts(node.data);
}
