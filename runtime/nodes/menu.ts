import { branch, type NodeExecutor, type StepResult } from './executor.ts';
import { speak } from './speak.ts';

interface MenuState {
  /** Wrong keys and silences since the last valid key. */
  failures: number;
}

/**
 * Plays the menu and reads one key. A valid key takes its branch. A wrong key or silence takes "invalid" or
 * "timeout" (or replays the menu in place when that branch has no edge) until `retries` extra failures, then
 * "failed". The count lives in the node's state because "invalid" usually loops back here through a prompt.
 */
export const menuExecutor: NodeExecutor<'menu'> = {
  async run(node, context): Promise<StepResult> {
    const { data } = node;
    const state = context.nodeState<MenuState>(() => ({ failures: 0 }));
    for (;;) {
      // Keys pressed before the menu was offered cannot answer it.
      context.call.clearDigits();
      await speak(context, data.prompt, data.bargeIn);
      const read = await context.call.readDigits({
        maxDigits: 1,
        firstDigitTimeoutMs: data.timeoutSeconds * 1000,
        interDigitTimeoutMs: data.timeoutSeconds * 1000,
        signal: context.signal,
      });
      const valid = data.options.some((option) => option.digit === read.digits);
      const failure = read.digits === '' ? 'timeout' : valid ? null : 'invalid';
      context.record({
        kind: 'digits',
        digits: read.digits,
        detail: { ended: read.ended, accepted: failure === null },
      });
      if (failure === null) {
        state.failures = 0;
        return branch(read.digits);
      }
      state.failures += 1;
      if (state.failures > data.retries) {
        // A later visit (the flow may loop back after "failed") starts with all its tries again.
        state.failures = 0;
        return branch('failed');
      }
      if (context.connectedBranches.has(failure)) return branch(failure);
    }
  },
};
