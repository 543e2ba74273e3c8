import { branch, next, type NodeExecutor } from './executor.ts';
import { speak } from './speak.ts';

/**
 * Reads a number typed on the keypad into a variable. The prompt can be interrupted by the first key, which counts
 * as the first digit. Nothing typed stores "" and takes "timeout".
 */
export const collectExecutor: NodeExecutor<'collect'> = {
  async run(node, context) {
    const { data } = node;
    context.call.clearDigits();
    if (data.prompt) await speak(context, data.prompt, true);
    const read = await context.call.readDigits({
      maxDigits: data.maxDigits,
      terminator: data.terminator === 'none' ? undefined : data.terminator,
      firstDigitTimeoutMs: data.timeoutSeconds * 1000,
      interDigitTimeoutMs: data.timeoutSeconds * 1000,
      signal: context.signal,
    });
    context.record({ kind: 'digits', digits: read.digits, detail: { ended: read.ended } });
    context.variables.set(data.variable, read.digits);
    context.record({ kind: 'variable-set', detail: { variable: data.variable, value: read.digits } });
    return read.digits === '' ? branch('timeout') : next;
  },
};
