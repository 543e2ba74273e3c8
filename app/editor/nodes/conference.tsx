import type { NodeDataMap } from '#flows/catalogue.ts';
import { CheckboxField, NumberField, OptionalTextField, SelectField, TextField } from '../forms/fields.tsx';
import { LanguageField, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

type ConferenceData = NodeDataMap['conference'];
type Switch = { [K in keyof ConferenceData]-?: ConferenceData[K] extends boolean ? K : never }[keyof ConferenceData];

const SWITCHES: readonly { field: Switch; label: string }[] = [
  { field: 'muteOnJoin', label: 'Callers join muted' },
  { field: 'announceCount', label: 'Tell each caller how many are in the room' },
  { field: 'musicWhenAlone', label: 'Music while alone in the room' },
  { field: 'waitForModerator', label: 'Wait for a moderator before starting' },
  { field: 'endWhenLastModeratorLeaves', label: 'End when the last moderator leaves' },
  { field: 'record', label: 'Record the conference' },
  { field: 'talkDetection', label: 'Show who is talking' },
];

export const conferenceEditor = defineNodeEditor('conference', {
  summary: (data) => `Room ${data.room} · ${data.name}${data.participantPin ? ' · PIN' : ''}`,
  Inspector: ({ data, onChange }) => (
    <>
      <TextField
        path="room"
        label="Room number"
        value={data.room}
        onChange={(room) => onChange({ ...data, room }, 'room')}
      />
      <TextField
        path="name"
        label="Room name"
        value={data.name}
        onChange={(name) => onChange({ ...data, name }, 'name')}
      />
      <OptionalTextField
        path="participantPin"
        label="PIN for participants"
        hint="Leave empty for an open room."
        value={data.participantPin}
        onChange={(pin) => onChange(withOptional(data, 'participantPin', pin), 'participantPin')}
      />
      <OptionalTextField
        path="moderatorPin"
        label="PIN for moderators"
        value={data.moderatorPin}
        onChange={(pin) => onChange(withOptional(data, 'moderatorPin', pin), 'moderatorPin')}
      />
      <NumberField
        path="maxMembers"
        label="Most people in the room"
        value={data.maxMembers}
        onChange={(maxMembers) => onChange({ ...data, maxMembers }, 'maxMembers')}
      />
      <SelectField
        path="announceJoinLeave"
        label="Announce arrivals and departures"
        value={data.announceJoinLeave}
        options={[
          { value: 'off', label: 'No' },
          { value: 'generic', label: 'With a tone' },
          { value: 'recorded-name', label: 'With the name each caller records' },
        ]}
        onChange={(announceJoinLeave) => onChange({ ...data, announceJoinLeave }, 'announceJoinLeave')}
      />
      {SWITCHES.map(({ field, label }) => (
        <CheckboxField
          key={field}
          path={field}
          label={label}
          checked={data[field]}
          onChange={(on) => onChange({ ...data, [field]: on }, field)}
        />
      ))}
      <LanguageField
        path="language"
        value={data.language}
        onChange={(language) => onChange({ ...data, language }, 'language')}
      />
    </>
  ),
});
