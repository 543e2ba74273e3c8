import type { TypedFlowDocument } from './document.ts';
import type { SpokenPrompt } from './nodes/shared.ts';

/**
 * Every sentence a flow can speak, so publishing can render them all before any caller hears the flow.
 * The runtime asks for exactly these specs during the call, so they hit the prompt cache.
 */
export function spokenPromptsOf(document: TypedFlowDocument): SpokenPrompt[] {
  const prompts: SpokenPrompt[] = [];
  for (const node of document.nodes) {
    switch (node.type) {
      case 'say':
        prompts.push(node.data);
        break;
      case 'menu':
        prompts.push(node.data.prompt);
        break;
      case 'collect':
        if (node.data.prompt) prompts.push(node.data.prompt);
        break;
      case 'voicemail':
        if (node.data.greeting.kind === 'spoken') {
          prompts.push({ text: node.data.greeting.text, language: node.data.language, voice: node.data.voice });
        }
        break;
      default:
        break;
    }
  }
  return prompts;
}
