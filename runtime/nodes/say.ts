import { next, type NodeExecutor } from './executor.ts';
import { speak } from './speak.ts';

/**
 * Speaks the node's sentence. A playback that fails (missing file) is recorded and the call goes on: the caller
 * missed one sentence, which is better than losing the call.
 */
export const sayExecutor: NodeExecutor<'say'> = {
  async run(node, context) {
    await speak(context, node.data);
    return next;
  },
};
