import { FieldGroup, ListMessages, TextField } from '../forms/fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const setEditor = defineNodeEditor('set', {
  summary: (data) =>
    truncate(data.assignments.map((assignment) => `${assignment.variable} = ${assignment.value}`).join(', ')),
  Inspector: ({ data, onChange }) => {
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
            title={`Variable ${index + 1}`}
            actions={
              <button
                type="button"
                className="link-button"
                disabled={assignments.length <= 1}
                aria-label={`Remove variable ${index + 1}`}
                onClick={() =>
                  onChange({ ...data, assignments: assignments.filter((_, at) => at !== index) }, 'assignments')
                }
              >
                Remove
              </button>
            }
          >
            <TextField
              path={`assignments.${index}.variable`}
              label="Name"
              value={assignment.variable}
              onChange={(variable) => update(index, { variable }, `assignments.${index}.variable`)}
            />
            <TextField
              path={`assignments.${index}.value`}
              label="Value"
              hint="{{name}} inserts another variable."
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
          Add a variable
        </button>
      </>
    );
  },
});
