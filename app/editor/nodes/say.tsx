import { SpokenPromptFields } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const sayEditor = defineNodeEditor('say', {
  summary: (data) => `“${truncate(data.text)}”`,
  // The data is the prompt itself: the prompt fields hand on all of it (merging it into the old data would bring
  // back a voice just emptied).
  Inspector: ({ data, onChange }) => (
    <SpokenPromptFields path="" label="Sentence to say" prompt={data} onChange={onChange} />
  ),
});
