import { nodeDefinition, type TypedFlowNode, type NodeType } from './catalogue.ts';
import type { TypedFlowDocument } from './document.ts';
import { everySentenceOf } from './languages.ts';
import { callLanguagesOf } from './validation/call-languages.ts';
import type { SpokenSentence } from './nodes/shared.ts';

/**
 * Every sentence a flow can speak, each prompt in each of its languages, so publishing can render them all before any
 * caller hears the flow. The runtime asks for exactly these specs during the call, so they hit the prompt cache.
 * Which sentences a node speaks is its definition's to say (`spokenPrompts`).
 */
export function spokenPromptsOf(document: TypedFlowDocument): SpokenSentence[] {
  const callLanguages = callLanguagesOf(document);
  return document.nodes.flatMap((node) => promptsOfNode(node, callLanguages)).flatMap(everySentenceOf);
}

function promptsOfNode<T extends NodeType>(node: TypedFlowNode<T>, callLanguages: readonly string[]) {
  return nodeDefinition(node.type).spokenPrompts(node.data, callLanguages);
}
