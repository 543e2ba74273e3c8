import type { NodeExecutor } from './executor.ts';

/** Ends the call; the session hangs up the channel and records the outcome. */
export const hangupExecutor: NodeExecutor<'hangup'> = {
  async run() {
    return { kind: 'end' };
  },
};
