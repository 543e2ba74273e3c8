import { z } from 'zod';
import { defineNode, referencesNothing, speaksNothing, type DataProblem } from '../node-definition.ts';
import { nodeMessage, type NodeMessage } from '../node-texts.ts';
import { variableNameSchema } from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

export const conditionSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('variable'), name: variableNameSchema }),
  z.object({ kind: z.literal('caller-number') }),
  z.object({ kind: z.literal('dialled-number') }),
]);

export const CONDITION_OPERATORS = [
  'equals',
  'not-equals',
  'starts-with',
  'contains',
  'matches',
  'is-empty',
  'is-not-empty',
] as const;

export const conditionSchema = z
  .object({
    /** Stable id: the condition's branch keeps its edge when conditions are reordered. */
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, schemaMessage('conditionId')),
    subject: conditionSubjectSchema,
    operator: z.enum(CONDITION_OPERATORS),
    value: z.string().max(200).default(''),
  })
  .superRefine((condition, context) => {
    if (condition.operator !== 'matches') return;
    try {
      new RegExp(condition.value);
    } catch {
      context.addIssue({ code: 'custom', path: ['value'], message: schemaMessage('invalidPattern') });
    }
  });
export type Condition = z.output<typeof conditionSchema>;

function describeCondition(condition: Condition): NodeMessage {
  const subject =
    condition.subject.kind === 'variable'
      ? nodeMessage('branch.subjects.variable', { name: condition.subject.name })
      : nodeMessage(`branch.subjects.${condition.subject.kind}`);
  const operator = nodeMessage(`branch.operators.${condition.operator}`);
  return condition.operator.startsWith('is-')
    ? nodeMessage('branch.branches.conditionWithoutValue', { subject, operator })
    : nodeMessage('branch.branches.condition', { subject, operator, value: condition.value });
}

export const branchNode = defineNode({
  type: 'branch',
  category: 'logic',
  data: z.object({ conditions: z.array(conditionSchema).min(1, schemaMessage('atLeastOneCondition')) }),
  defaults: () => ({
    conditions: [
      { id: 'c1', subject: { kind: 'caller-number' as const }, operator: 'starts-with' as const, value: '06' },
    ],
  }),
  branches: (data) => [
    ...data.conditions.map((condition) => ({ id: condition.id, label: describeCondition(condition), required: true })),
    { id: 'else', label: nodeMessage('branch.branches.else'), required: true },
  ],
  waitsForCaller: false,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
  // Each condition is a branch named by its id, next to the "else" branch: ids must not collide.
  checkData: (data) => {
    const problems: DataProblem[] = [];
    const seen = new Set<string>(['else']);
    for (const [position, condition] of data.conditions.entries()) {
      const field = `conditions.${position}.id`;
      if (seen.has(condition.id)) {
        problems.push({
          code: 'node-data-invalid',
          field,
          message:
            condition.id === 'else'
              ? { key: 'conditionElseReserved', values: { field } }
              : { key: 'conditionIdDuplicate', values: { field, id: condition.id } },
        });
      }
      seen.add(condition.id);
    }
    return problems;
  },
});
