import { CONDITION_OPERATORS, type Condition } from '#flows/nodes/branch.ts';
import { FieldGroup, ListMessages, SelectField, TextField } from '../forms/fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

const OPERATOR_LABELS: Record<Condition['operator'], string> = {
  equals: 'is',
  'not-equals': 'is not',
  'starts-with': 'starts with',
  contains: 'contains',
  matches: 'matches the pattern',
  'is-empty': 'is empty',
  'is-not-empty': 'is not empty',
};

type Subject = Condition['subject'];

const SUBJECTS: { [K in Subject['kind']]: { label: string; start: Extract<Subject, { kind: K }> } } = {
  'caller-number': { label: 'The caller’s number', start: { kind: 'caller-number' } },
  'dialled-number': { label: 'The number dialled', start: { kind: 'dialled-number' } },
  variable: { label: 'A variable', start: { kind: 'variable', name: '' } },
};

/** Condition ids name branches (edges keep pointing at them when conditions move): never reuse one. */
function freshConditionId(conditions: readonly Condition[]): string {
  const taken = new Set(conditions.map((condition) => condition.id));
  let number = conditions.length + 1;
  while (taken.has(`c${number}`)) number += 1;
  return `c${number}`;
}

export const branchEditor = defineNodeEditor('branch', {
  summary: (data) =>
    `${data.conditions.length} condition${data.conditions.length === 1 ? '' : 's'}, tried in order; the first true one wins`,
  Inspector: ({ data, onChange }) => {
    const conditions = data.conditions;
    const update = (index: number, next: Condition, field: string) =>
      onChange({ ...data, conditions: conditions.map((item, at) => (at === index ? next : item)) }, field);
    const move = (index: number, by: -1 | 1) => {
      const next = [...conditions];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      onChange({ ...data, conditions: next }, 'conditions');
    };
    return (
      <>
        <p className="muted">Conditions are tried from the top; the first true one chooses the way on.</p>
        <ListMessages path="conditions" />
        {conditions.map((condition, index) => (
          <FieldGroup
            key={condition.id}
            title={`Condition ${index + 1}`}
            actions={
              <>
                <button
                  type="button"
                  className="link-button"
                  disabled={index === 0}
                  aria-label={`Move condition ${index + 1} up`}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="link-button"
                  disabled={index === conditions.length - 1}
                  aria-label={`Move condition ${index + 1} down`}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="link-button"
                  disabled={conditions.length <= 1}
                  aria-label={`Remove condition ${index + 1}`}
                  onClick={() =>
                    onChange({ ...data, conditions: conditions.filter((_, at) => at !== index) }, 'conditions')
                  }
                >
                  Remove
                </button>
              </>
            }
          >
            <SelectField
              path={`conditions.${index}.subject.kind`}
              label="Look at"
              value={condition.subject.kind}
              options={Object.entries(SUBJECTS).map(([value, { label }]) => ({
                value: value as Subject['kind'],
                label,
              }))}
              onChange={(kind) =>
                update(index, { ...condition, subject: SUBJECTS[kind].start }, `conditions.${index}.subject.kind`)
              }
            />
            {condition.subject.kind === 'variable' ? (
              <TextField
                path={`conditions.${index}.subject.name`}
                label="Variable name"
                value={condition.subject.name}
                onChange={(name) =>
                  update(
                    index,
                    { ...condition, subject: { kind: 'variable', name } },
                    `conditions.${index}.subject.name`,
                  )
                }
              />
            ) : null}
            <SelectField
              path={`conditions.${index}.operator`}
              label="Test"
              value={condition.operator}
              options={CONDITION_OPERATORS.map((operator) => ({ value: operator, label: OPERATOR_LABELS[operator] }))}
              onChange={(operator) => update(index, { ...condition, operator }, `conditions.${index}.operator`)}
            />
            {condition.operator === 'is-empty' || condition.operator === 'is-not-empty' ? null : (
              <TextField
                path={`conditions.${index}.value`}
                label={condition.operator === 'matches' ? 'Pattern (regular expression)' : 'Value'}
                value={condition.value}
                onChange={(value) => update(index, { ...condition, value }, `conditions.${index}.value`)}
              />
            )}
          </FieldGroup>
        ))}
        <button
          type="button"
          onClick={() =>
            onChange(
              {
                ...data,
                conditions: [
                  ...conditions,
                  {
                    id: freshConditionId(conditions),
                    subject: { kind: 'caller-number' },
                    operator: 'equals',
                    value: '',
                  },
                ],
              },
              'conditions',
            )
          }
        >
          Add a condition
        </button>
      </>
    );
  },
});
