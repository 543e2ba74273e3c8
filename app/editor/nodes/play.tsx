import { SelectField, TextField } from '../forms/fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

export const playEditor = defineNodeEditor('play', {
  summary: (data) =>
    data.sound.kind === 'asterisk' ? `Sound “${data.sound.name}”` : `Uploaded file ${data.sound.fileId}`,
  Inspector: ({ data, onChange }) => (
    <>
      <SelectField
        path="sound.kind"
        label="Sound"
        value={data.sound.kind}
        options={[
          { value: 'asterisk', label: 'A sound shipped with Asterisk' },
          { value: 'upload', label: 'An uploaded audio file' },
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
          label="Sound name"
          hint="Without extension, e.g. hello-world or digits/1."
          value={data.sound.name}
          onChange={(name) => onChange({ ...data, sound: { kind: 'asterisk', name } }, 'sound.name')}
        />
      ) : (
        <TextField
          path="sound.fileId"
          label="Uploaded file id"
          value={data.sound.fileId}
          onChange={(fileId) => onChange({ ...data, sound: { kind: 'upload', fileId } }, 'sound.fileId')}
        />
      )}
    </>
  ),
});
