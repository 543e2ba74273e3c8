import { next, type NodeExecutor } from './executor.ts';

/** The call arrives: nothing to do but go on. */
export const startExecutor: NodeExecutor<'start'> = {
  async run() {
    return next;
  },
};
