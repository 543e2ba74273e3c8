import { useTranslation } from 'react-i18next';
import { defineNodeEditor } from './node-editor.ts';

function HangupInspector() {
  const { t } = useTranslation('editor');
  return <p className="muted">{t('forms.hangup.body')}</p>;
}

export const hangupEditor = defineNodeEditor('hangup', {
  summary: (_data, t) => t('editor:forms.hangup.summary'),
  Inspector: HangupInspector,
});
