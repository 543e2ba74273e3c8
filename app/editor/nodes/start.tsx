import { Trans, useTranslation } from 'react-i18next';
import { defineNodeEditor } from './node-editor.ts';

function StartInspector() {
  const { t } = useTranslation('editor');
  return (
    <p className="muted">
      <Trans t={t} i18nKey="forms.start.body" components={{ strong: <strong /> }} />
    </p>
  );
}

export const startEditor = defineNodeEditor('start', {
  summary: (_data, t) => t('editor:forms.start.summary'),
  Inspector: StartInspector,
});
