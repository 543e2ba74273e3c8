import type { NodeExecutor } from './executor.ts';

/**
 * Continues in another published flow: the one bound to a number, or a flow's current version. A target that is
 * not published (any more) ends the call without a word; the error event tells staff why.
 */
export const gotoExecutor: NodeExecutor<'goto'> = {
  async run(node, context) {
    const { target } = node.data;
    const flow =
      target.kind === 'number'
        ? context.flows.publishedFlowForNumber(target.number)
        : context.flows.publishedFlowById(target.flowId);
    if (flow) return { kind: 'enter-flow', flow };
    const message =
      target.kind === 'number'
        ? `Go to: no published flow answers number ${target.number}`
        : `Go to: flow ${target.flowId} has no published version`;
    context.record({ kind: 'error', detail: { message, target } });
    return { kind: 'end' };
  },
};
