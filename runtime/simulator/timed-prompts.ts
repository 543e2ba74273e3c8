import type { PromptMedia } from '../call-port.ts';
import { CALL_PROMPT_TIMEOUT_MS } from '../prompt-source.ts';
import type { PromptSource, PromptSpec } from '../ports.ts';
import type { PromptStore } from '../tts/prompt-store.ts';

/** Durations remembered per prompt hash; bounded, so a long-running server keeps flat memory. */
const REMEMBERED_DURATIONS = 2000;

/**
 * The runtime's PromptSource (PromptStore.renderForCall) that also remembers each prompt's duration, so a simulated
 * call waits as long as the browser takes to play the WAV, like a caller would.
 */
export function timedPromptSource(
  store: Pick<PromptStore, 'renderForCall'>,
  timeoutMs = CALL_PROMPT_TIMEOUT_MS,
): PromptSource & { durationOf(hash: string): number | undefined } {
  const durations = new Map<string, number>();
  return {
    async prepare(prompt: PromptSpec, signal: AbortSignal): Promise<PromptMedia> {
      const file = await store.renderForCall(prompt, { timeoutMs, signal });
      durations.delete(file.hash);
      durations.set(file.hash, file.durationMs);
      if (durations.size > REMEMBERED_DURATIONS) {
        const oldest = durations.keys().next().value;
        if (oldest !== undefined) durations.delete(oldest);
      }
      return { kind: 'prompt', hash: file.hash, text: prompt.text };
    },
    durationOf: (hash) => durations.get(hash),
  };
}
