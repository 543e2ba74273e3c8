import type { Condition } from '#flows/nodes/branch.ts';
import type { ExecutionContext } from './executor.ts';
import { branch, type NodeExecutor } from './executor.ts';

function subjectValue(condition: Condition, context: ExecutionContext): string {
  switch (condition.subject.kind) {
    case 'variable':
      return context.variables.get(condition.subject.name) ?? '';
    case 'caller-number':
      return context.call.caller.number;
    case 'dialled-number':
      return context.call.dialledNumber;
  }
}

export function conditionHolds(condition: Condition, subject: string): boolean {
  const { value } = condition;
  switch (condition.operator) {
    case 'equals':
      return subject === value;
    case 'not-equals':
      return subject !== value;
    case 'starts-with':
      return subject.startsWith(value);
    case 'contains':
      return subject.includes(value);
    case 'matches':
      // The schema checked the pattern compiles; it is unanchored, like a search.
      return new RegExp(value).test(subject);
    case 'is-empty':
      return subject === '';
    case 'is-not-empty':
      return subject !== '';
  }
}

/** The first condition that holds takes its branch; none holding takes "else". */
export const branchExecutor: NodeExecutor<'branch'> = {
  async run(node, context) {
    const chosen = node.data.conditions.find((condition) =>
      conditionHolds(condition, subjectValue(condition, context)),
    );
    return branch(chosen ? chosen.id : 'else');
  },
};
