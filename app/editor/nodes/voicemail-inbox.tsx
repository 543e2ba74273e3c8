import { NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { LanguageField, VoiceField, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

export const voicemailInboxEditor = defineNodeEditor('voicemail-inbox', {
  summary: (data) =>
    data.box.kind === 'ask' ? 'Asks for the box number and PIN' : `Box ${data.box.box}, asks for the PIN`,
  Inspector: ({ data, onChange }) => (
    <>
      <SelectField
        path="box.kind"
        label="Which box"
        value={data.box.kind}
        options={[
          { value: 'ask', label: 'Ask the caller for the box number' },
          { value: 'fixed', label: 'Always the same box' },
        ]}
        onChange={(kind) => onChange({ ...data, box: kind === 'ask' ? { kind } : { kind, box: '' } }, 'box.kind')}
      />
      {data.box.kind === 'fixed' ? (
        <TextField
          path="box.box"
          label="Box (extension)"
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
        label="Wrong PINs allowed"
        value={data.maxPinAttempts}
        onChange={(maxPinAttempts) => onChange({ ...data, maxPinAttempts }, 'maxPinAttempts')}
      />
      <NumberField
        path="lockMinutes"
        label="Then lock the box for"
        unit="minutes"
        value={data.lockMinutes}
        onChange={(lockMinutes) => onChange({ ...data, lockMinutes }, 'lockMinutes')}
      />
    </>
  ),
});
