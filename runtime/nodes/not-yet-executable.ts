import type { NodeType } from '#flows/catalogue.ts';
import { builtInPrompt } from './built-in-messages.ts';
import type { NodeExecutor } from './executor.ts';
import { speak } from './speak.ts';

/**
 * The executor of a node type the flow language already has but the call engine cannot run yet. It does not
 * pretend: the caller hears that the service is not available, staff see an error event, and the call ends.
 */
export function notYetExecutable<T extends NodeType>(type: T): NodeExecutor<T> {
  return {
    async run(_node, context) {
      context.record({ kind: 'error', detail: { message: `The "${type}" node cannot be executed yet` } });
      await speak(context, builtInPrompt('serviceNotAvailableYet', context.language));
      return { kind: 'end' };
    },
  };
}
