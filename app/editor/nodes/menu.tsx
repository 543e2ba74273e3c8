import { DTMF_KEYS } from '#flows/nodes/shared.ts';
import { CheckboxField, FieldGroup, ListMessages, NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { SpokenPromptFields } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

const MAX_OPTIONS = 12;
const KEY_OPTIONS = DTMF_KEYS.map((key) => ({ value: key, label: `Key ${key}` }));

export const menuEditor = defineNodeEditor('menu', {
  summary: (data) => `“${truncate(data.prompt.text)}”`,
  Inspector: ({ data, onChange }) => {
    const options = data.options;
    const unusedKey = DTMF_KEYS.find((key) => !options.some((option) => option.digit === key));
    return (
      <>
        <SpokenPromptFields
          path="prompt"
          prompt={data.prompt}
          onChange={(prompt, field) => onChange({ ...data, prompt }, field)}
        />
        <h4>Keys</h4>
        <ListMessages path="options" />
        {options.map((option, index) => (
          <FieldGroup
            key={index}
            title={`Option ${index + 1}`}
            actions={
              <button
                type="button"
                className="link-button"
                disabled={options.length <= 1}
                aria-label={`Remove option ${index + 1}`}
                onClick={() => onChange({ ...data, options: options.filter((_, at) => at !== index) }, 'options')}
              >
                Remove
              </button>
            }
          >
            <div className="field-row">
              <SelectField
                path={`options.${index}.digit`}
                label="Key"
                value={option.digit}
                options={KEY_OPTIONS}
                onChange={(digit) =>
                  onChange(
                    { ...data, options: options.map((o, at) => (at === index ? { ...o, digit } : o)) },
                    `options.${index}.digit`,
                  )
                }
              />
              <TextField
                path={`options.${index}.label`}
                label="Leads to"
                placeholder="e.g. Sales"
                maxLength={60}
                value={option.label}
                onChange={(label) =>
                  onChange(
                    { ...data, options: options.map((o, at) => (at === index ? { ...o, label } : o)) },
                    `options.${index}.label`,
                  )
                }
              />
            </div>
          </FieldGroup>
        ))}
        <button
          type="button"
          data-testid="menu-add-option"
          disabled={options.length >= MAX_OPTIONS || unusedKey === undefined}
          onClick={() =>
            unusedKey && onChange({ ...data, options: [...options, { digit: unusedKey, label: '' }] }, 'options')
          }
        >
          Add a key
        </button>
        <h4>When the caller does not choose</h4>
        <NumberField
          path="timeoutSeconds"
          label="Wait for a key"
          unit="seconds"
          value={data.timeoutSeconds}
          onChange={(timeoutSeconds) => onChange({ ...data, timeoutSeconds }, 'timeoutSeconds')}
        />
        <NumberField
          path="retries"
          label="Replays after silence or a wrong key"
          hint="Then the call takes the “Too many tries” branch."
          value={data.retries}
          onChange={(retries) => onChange({ ...data, retries }, 'retries')}
        />
        <CheckboxField
          path="bargeIn"
          label="A key press interrupts the prompt"
          checked={data.bargeIn}
          onChange={(bargeIn) => onChange({ ...data, bargeIn }, 'bargeIn')}
        />
      </>
    );
  },
});
