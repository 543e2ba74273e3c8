import { SpokenPromptFields } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const sayEditor = defineNodeEditor('say', {
  summary: (data) => `“${truncate(data.text)}”`,
  Inspector: ({ data, onChange }) => (
    <SpokenPromptFields
      path=""
      label="Sentence to say"
      prompt={data}
      onChange={(next, field) => onChange({ ...data, ...next }, field)}
    />
  ),
});
