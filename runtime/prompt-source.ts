import type { PromptMedia } from './call-port.ts';
import type { PromptSource, PromptSpec } from './ports.ts';
import type { PromptStore } from './tts/prompt-store.ts';

/** How long a caller may wait for a prompt missing from the cache before the embedded voice speaks instead. */
export const CALL_PROMPT_TIMEOUT_MS = 3000;

/** The runtime's PromptSource: published prompts are already on disk; a miss renders under a hard timeout. */
export function promptSourceFrom(store: PromptStore, timeoutMs = CALL_PROMPT_TIMEOUT_MS): PromptSource {
  return {
    async prepare(prompt: PromptSpec, signal: AbortSignal): Promise<PromptMedia> {
      const file = await store.renderForCall(prompt, { timeoutMs, signal });
      return { kind: 'prompt', hash: file.hash, text: prompt.text };
    },
  };
}
