import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../forms/fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

export const playEditor = defineNodeEditor('play', {
  summary: (data, t) =>
    data.sound.kind === 'asterisk'
      ? t('editor:forms.play.summaryAsterisk', { name: data.sound.name })
      : t('editor:forms.play.summaryUpload', { id: data.sound.fileId }),
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    return (
      <>
        <SelectField
          path="sound.kind"
          label={t('forms.play.sound')}
          value={data.sound.kind}
          options={[
            { value: 'asterisk', label: t('forms.play.asterisk') },
            { value: 'upload', label: t('forms.play.upload') },
          ]}
          onChange={(kind) =>
            onChange(
              { ...data, sound: kind === 'asterisk' ? { kind, name: 'hello-world' } : { kind, fileId: '' } },
              'sound.kind',
            )
          }
        />
        {data.sound.kind === 'asterisk' ? (
          <TextField
            path="sound.name"
            label={t('forms.play.name')}
            hint={t('forms.play.nameHint')}
            value={data.sound.name}
            onChange={(name) => onChange({ ...data, sound: { kind: 'asterisk', name } }, 'sound.name')}
          />
        ) : (
          <TextField
            path="sound.fileId"
            label={t('forms.play.fileId')}
            value={data.sound.fileId}
            onChange={(fileId) => onChange({ ...data, sound: { kind: 'upload', fileId } }, 'sound.fileId')}
          />
        )}
      </>
    );
  },
});
