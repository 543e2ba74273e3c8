import { CheckboxField, NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { SpokenPromptFields, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const collectEditor = defineNodeEditor('collect', {
  summary: (data) =>
    `${data.prompt ? `“${truncate(data.prompt.text, 60)}” → ` : ''}up to ${data.maxDigits} digits into {{${data.variable}}}`,
  Inspector: ({ data, onChange }) => (
    <>
      <CheckboxField
        path="prompt"
        label="Say something first"
        checked={data.prompt !== undefined}
        onChange={(speak) =>
          onChange(
            withOptional(
              data,
              'prompt',
              speak ? { text: 'Tapez votre numéro, puis dièse.', language: 'fr-FR' } : undefined,
            ),
            'prompt',
          )
        }
      />
      {data.prompt ? (
        <SpokenPromptFields
          path="prompt"
          prompt={data.prompt}
          onChange={(prompt, field) => onChange({ ...data, prompt }, field)}
        />
      ) : null}
      <TextField
        path="variable"
        label="Remember the digits as"
        hint="Later nodes use it as {{name}}."
        value={data.variable}
        onChange={(variable) => onChange({ ...data, variable }, 'variable')}
      />
      <NumberField
        path="maxDigits"
        label="At most"
        unit="digits"
        value={data.maxDigits}
        onChange={(maxDigits) => onChange({ ...data, maxDigits }, 'maxDigits')}
      />
      <SelectField
        path="terminator"
        label="Key that ends the input"
        value={data.terminator}
        options={[
          { value: '#', label: '# (hash)' },
          { value: '*', label: '* (star)' },
          { value: 'none', label: 'None: wait for all the digits' },
        ]}
        onChange={(terminator) => onChange({ ...data, terminator }, 'terminator')}
      />
      <NumberField
        path="timeoutSeconds"
        label="Wait for digits"
        unit="seconds"
        value={data.timeoutSeconds}
        onChange={(timeoutSeconds) => onChange({ ...data, timeoutSeconds }, 'timeoutSeconds')}
      />
    </>
  ),
});
