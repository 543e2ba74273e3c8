import { CheckboxField, NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { ListenButton } from '../forms/listen-button.tsx';
import { LanguageField, VoiceField, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const voicemailEditor = defineNodeEditor('voicemail', {
  summary: (data) =>
    `Box ${data.box}${data.greeting.kind === 'spoken' ? ` · “${truncate(data.greeting.text, 60)}”` : ' · owner’s greeting'}`,
  Inspector: ({ data, onChange }) => (
    <>
      <TextField
        path="box"
        label="Voicemail box (extension)"
        value={data.box}
        onChange={(box) => onChange({ ...data, box }, 'box')}
      />
      <SelectField
        path="greeting.kind"
        label="Greeting"
        value={data.greeting.kind}
        options={[
          { value: 'owner', label: 'The box owner’s recorded greeting' },
          { value: 'spoken', label: 'A sentence typed here' },
        ]}
        onChange={(kind) =>
          onChange(
            { ...data, greeting: kind === 'owner' ? { kind } : { kind, text: 'Laissez votre message après le bip.' } },
            'greeting.kind',
          )
        }
      />
      {data.greeting.kind === 'spoken' ? (
        <>
          <TextField
            path="greeting.text"
            label="Greeting sentence"
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
        label="Beep before recording"
        checked={data.beep}
        onChange={(beep) => onChange({ ...data, beep }, 'beep')}
      />
      <NumberField
        path="maxSeconds"
        label="Longest message"
        unit="seconds"
        value={data.maxSeconds}
        onChange={(maxSeconds) => onChange({ ...data, maxSeconds }, 'maxSeconds')}
      />
      <NumberField
        path="minSeconds"
        label="Shortest message kept"
        unit="seconds"
        hint="Shorter ones are dropped (a caller who hung up at the beep)."
        value={data.minSeconds}
        onChange={(minSeconds) => onChange({ ...data, minSeconds }, 'minSeconds')}
      />
      <NumberField
        path="silenceSeconds"
        label="Stop after a silence of"
        unit="seconds"
        value={data.silenceSeconds}
        onChange={(silenceSeconds) => onChange({ ...data, silenceSeconds }, 'silenceSeconds')}
      />
    </>
  ),
});
