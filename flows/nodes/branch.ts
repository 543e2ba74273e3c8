import { z } from 'zod';
import { defineNode, referencesNothing, speaksNothing, type DataProblem } from '../node-definition.ts';
import { variableNameSchema } from './shared.ts';

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
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'A condition id is lower-case letters, digits or -'),
    subject: conditionSubjectSchema,
    operator: z.enum(CONDITION_OPERATORS),
    value: z.string().max(200).default(''),
  })
  .superRefine((condition, context) => {
    if (condition.operator !== 'matches') return;
    try {
      new RegExp(condition.value);
    } catch {
      context.addIssue({ code: 'custom', path: ['value'], message: 'This pattern is not a valid regular expression' });
    }
  });
export type Condition = z.output<typeof conditionSchema>;

function describeCondition(condition: Condition): string {
  const subject =
    condition.subject.kind === 'variable'
      ? condition.subject.name
      : condition.subject.kind === 'caller-number'
        ? 'caller'
        : 'number dialled';
  const operator = condition.operator.replace(/-/g, ' ');
  return condition.operator.startsWith('is-')
    ? `${subject} ${operator}`
    : `${subject} ${operator} "${condition.value}"`;
}

export const branchNode = defineNode({
  type: 'branch',
  title: 'Branch',
  summary: "Choose the way on according to a variable or the caller's number; the first true condition wins.",
  category: 'logic',
  data: z.object({ conditions: z.array(conditionSchema).min(1, 'Add at least one condition') }),
  defaults: () => ({
    conditions: [
      { id: 'c1', subject: { kind: 'caller-number' as const }, operator: 'starts-with' as const, value: '06' },
    ],
  }),
  branches: (data) => [
    ...data.conditions.map((condition) => ({ id: condition.id, label: describeCondition(condition), required: true })),
    { id: 'else', label: 'Otherwise', required: true },
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
              ? `${field}: "else" is kept for the Otherwise branch; choose another id.`
              : `${field}: two conditions use the id "${condition.id}"; give each its own.`,
        });
      }
      seen.add(condition.id);
    }
    return problems;
  },
});
