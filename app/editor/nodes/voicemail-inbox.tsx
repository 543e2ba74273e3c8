import { useTranslation } from 'react-i18next';
import { NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { LanguageField, VoiceField, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

export const voicemailInboxEditor = defineNodeEditor('voicemail-inbox', {
  summary: (data, t) =>
    data.box.kind === 'ask'
      ? t('editor:forms.voicemailInbox.summaryAsk')
      : t('editor:forms.voicemailInbox.summaryFixed', { box: data.box.box }),
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    return (
      <>
        <SelectField
          path="box.kind"
          label={t('forms.voicemailInbox.which')}
          value={data.box.kind}
          options={[
            { value: 'ask', label: t('forms.voicemailInbox.ask') },
            { value: 'fixed', label: t('forms.voicemailInbox.fixed') },
          ]}
          onChange={(kind) => onChange({ ...data, box: kind === 'ask' ? { kind } : { kind, box: '' } }, 'box.kind')}
        />
        {data.box.kind === 'fixed' ? (
          <TextField
            path="box.box"
            label={t('forms.voicemailInbox.box')}
            value={data.box.box}
            onChange={(box) => onChange({ ...data, box: { kind: 'fixed', box } }, 'box.box')}
          />
        ) : null}
        <LanguageField
          path="language"
          value={data.language}
          onChange={(language) => onChange({ ...data, language }, 'language')}
        />
        <VoiceField
          path="voice"
          value={data.voice}
          onChange={(voice) => onChange(withOptional(data, 'voice', voice), 'voice')}
        />
        <NumberField
          path="maxPinAttempts"
          label={t('forms.voicemailInbox.maxPinAttempts')}
          value={data.maxPinAttempts}
          onChange={(maxPinAttempts) => onChange({ ...data, maxPinAttempts }, 'maxPinAttempts')}
        />
        <NumberField
          path="lockMinutes"
          label={t('forms.voicemailInbox.lockMinutes')}
          unit={t('fields.units.minutes')}
          value={data.lockMinutes}
          onChange={(lockMinutes) => onChange({ ...data, lockMinutes }, 'lockMinutes')}
        />
      </>
    );
  },
});
