import { useTranslation } from 'react-i18next';
import { FieldGroup, ListMessages, TextField } from '../forms/fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const setEditor = defineNodeEditor('set', {
  summary: (data) =>
    truncate(data.assignments.map((assignment) => `${assignment.variable} = ${assignment.value}`).join(', ')),
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    const assignments = data.assignments;
    const update = (index: number, patch: Partial<(typeof assignments)[number]>, field: string) =>
      onChange(
        { ...data, assignments: assignments.map((item, at) => (at === index ? { ...item, ...patch } : item)) },
        field,
      );
    return (
      <>
        <ListMessages path="assignments" />
        {assignments.map((assignment, index) => (
          <FieldGroup
            key={index}
            title={t('forms.set.variable', { position: index + 1 })}
            actions={
              <button
                type="button"
                className="link-button"
                disabled={assignments.length <= 1}
                aria-label={t('forms.set.removeVariable', { position: index + 1 })}
                onClick={() =>
                  onChange({ ...data, assignments: assignments.filter((_, at) => at !== index) }, 'assignments')
                }
              >
                {t('fields.remove')}
              </button>
            }
          >
            <TextField
              path={`assignments.${index}.variable`}
              label={t('forms.set.name')}
              value={assignment.variable}
              onChange={(variable) => update(index, { variable }, `assignments.${index}.variable`)}
            />
            <TextField
              path={`assignments.${index}.value`}
              label={t('forms.set.value')}
              hint={t('forms.set.valueHint', { example: '{{name}}' })}
              value={assignment.value}
              onChange={(value) => update(index, { value }, `assignments.${index}.value`)}
            />
          </FieldGroup>
        ))}
        <button
          type="button"
          onClick={() =>
            onChange({ ...data, assignments: [...assignments, { variable: '', value: '' }] }, 'assignments')
          }
        >
          {t('forms.set.add')}
        </button>
      </>
    );
  },
});
