import { useTranslation } from 'react-i18next';
import { CONDITION_OPERATORS, type Condition } from '#flows/nodes/branch.ts';
import { FieldGroup, ListMessages, SelectField, TextField } from '../forms/fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

type Subject = Condition['subject'];

// What a new subject of each kind starts as; its name in the list is editor:forms.branch.subjects.<kind>.
const SUBJECTS: { [K in Subject['kind']]: Extract<Subject, { kind: K }> } = {
  'caller-number': { kind: 'caller-number' },
  'dialled-number': { kind: 'dialled-number' },
  variable: { kind: 'variable', name: '' },
};

/** Condition ids name branches (edges keep pointing at them when conditions move): never reuse one. */
function freshConditionId(conditions: readonly Condition[]): string {
  const taken = new Set(conditions.map((condition) => condition.id));
  let number = conditions.length + 1;
  while (taken.has(`c${number}`)) number += 1;
  return `c${number}`;
}

export const branchEditor = defineNodeEditor('branch', {
  summary: (data, t) => t('editor:forms.branch.summary', { count: data.conditions.length }),
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
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
        <p className="muted">{t('forms.branch.intro')}</p>
        <ListMessages path="conditions" />
        {conditions.map((condition, index) => (
          <FieldGroup
            key={condition.id}
            title={t('forms.branch.condition', { position: index + 1 })}
            actions={
              <>
                <button
                  type="button"
                  className="link-button"
                  disabled={index === 0}
                  aria-label={t('forms.branch.moveUp', { position: index + 1 })}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="link-button"
                  disabled={index === conditions.length - 1}
                  aria-label={t('forms.branch.moveDown', { position: index + 1 })}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="link-button"
                  disabled={conditions.length <= 1}
                  aria-label={t('forms.branch.remove', { position: index + 1 })}
                  onClick={() =>
                    onChange({ ...data, conditions: conditions.filter((_, at) => at !== index) }, 'conditions')
                  }
                >
                  {t('fields.remove')}
                </button>
              </>
            }
          >
            <SelectField
              path={`conditions.${index}.subject.kind`}
              label={t('forms.branch.subject')}
              value={condition.subject.kind}
              options={(Object.keys(SUBJECTS) as Subject['kind'][]).map((kind) => ({
                value: kind,
                label: t(`forms.branch.subjects.${kind}`),
              }))}
              onChange={(kind) =>
                update(index, { ...condition, subject: SUBJECTS[kind] }, `conditions.${index}.subject.kind`)
              }
            />
            {condition.subject.kind === 'variable' ? (
              <TextField
                path={`conditions.${index}.subject.name`}
                label={t('forms.branch.variableName')}
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
              label={t('forms.branch.operator')}
              value={condition.operator}
              options={CONDITION_OPERATORS.map((operator) => ({
                value: operator,
                label: t(`forms.branch.operators.${operator}`),
              }))}
              onChange={(operator) => update(index, { ...condition, operator }, `conditions.${index}.operator`)}
            />
            {condition.operator === 'is-empty' || condition.operator === 'is-not-empty' ? null : (
              <TextField
                path={`conditions.${index}.value`}
                label={condition.operator === 'matches' ? t('forms.branch.pattern') : t('forms.branch.value')}
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
          {t('forms.branch.add')}
        </button>
      </>
    );
  },
});
