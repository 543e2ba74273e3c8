import { useTranslation } from 'react-i18next';
import { CheckboxField, NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { ListenButton } from '../forms/listen-button.tsx';
import { LanguageField, VoiceField, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const voicemailEditor = defineNodeEditor('voicemail', {
  summary: (data, t) =>
    data.greeting.kind === 'spoken'
      ? t('editor:forms.voicemail.summarySpoken', { box: data.box, text: truncate(data.greeting.text, 60) })
      : t('editor:forms.voicemail.summaryOwner', { box: data.box }),
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    return (
      <>
        <TextField
          path="box"
          label={t('forms.voicemail.box')}
          value={data.box}
          onChange={(box) => onChange({ ...data, box }, 'box')}
        />
        <SelectField
          path="greeting.kind"
          label={t('forms.voicemail.greeting')}
          value={data.greeting.kind}
          options={[
            { value: 'owner', label: t('forms.voicemail.greetingOwner') },
            { value: 'spoken', label: t('forms.voicemail.greetingSpoken') },
          ]}
          onChange={(kind) =>
            onChange(
              {
                ...data,
                greeting: kind === 'owner' ? { kind } : { kind, text: 'Laissez votre message après le bip.' },
              },
              'greeting.kind',
            )
          }
        />
        {data.greeting.kind === 'spoken' ? (
          <>
            <TextField
              path="greeting.text"
              label={t('forms.voicemail.greetingText')}
              multiline
              value={data.greeting.text}
              onChange={(text) => onChange({ ...data, greeting: { kind: 'spoken', text } }, 'greeting.text')}
            />
            <ListenButton prompt={{ text: data.greeting.text, language: data.language, voice: data.voice }} />
          </>
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
        <CheckboxField
          path="beep"
          label={t('forms.voicemail.beep')}
          checked={data.beep}
          onChange={(beep) => onChange({ ...data, beep }, 'beep')}
        />
        <NumberField
          path="maxSeconds"
          label={t('forms.voicemail.maxSeconds')}
          unit={t('fields.units.seconds')}
          value={data.maxSeconds}
          onChange={(maxSeconds) => onChange({ ...data, maxSeconds }, 'maxSeconds')}
        />
        <NumberField
          path="minSeconds"
          label={t('forms.voicemail.minSeconds')}
          unit={t('fields.units.seconds')}
          hint={t('forms.voicemail.minSecondsHint')}
          value={data.minSeconds}
          onChange={(minSeconds) => onChange({ ...data, minSeconds }, 'minSeconds')}
        />
        <NumberField
          path="silenceSeconds"
          label={t('forms.voicemail.silenceSeconds')}
          unit={t('fields.units.seconds')}
          value={data.silenceSeconds}
          onChange={(silenceSeconds) => onChange({ ...data, silenceSeconds }, 'silenceSeconds')}
        />
      </>
    );
  },
});
