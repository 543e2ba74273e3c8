import { useTranslation } from 'react-i18next';
import { SpokenPromptFields } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const sayEditor = defineNodeEditor('say', {
  summary: (data, t) => t('editor:forms.quoted', { text: truncate(data.text) }),
  // The data is the prompt itself: the prompt fields hand on all of it (merging it into the old data would bring
  // back a voice just emptied).
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    return <SpokenPromptFields path="" label={t('forms.say.text')} prompt={data} onChange={onChange} />;
  },
});
