import { expandTemplate } from '../variables.ts';
import { next, type NodeExecutor } from './executor.ts';

/** Assigns variables in order, so an assignment may use the ones above it through {{name}}. */
export const setExecutor: NodeExecutor<'set'> = {
  async run(node, context) {
    for (const assignment of node.data.assignments) {
      const { text, missing } = expandTemplate(assignment.value, context.variables);
      context.variables.set(assignment.variable, text);
      context.record({
        kind: 'variable-set',
        detail: { variable: assignment.variable, value: text, ...(missing.length ? { missing } : {}) },
      });
    }
    return next;
  },
};
