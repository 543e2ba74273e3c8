import { useTranslation } from 'react-i18next';
import type { NodeDataMap } from '#flows/catalogue.ts';
import { CheckboxField, NumberField, OptionalTextField, SelectField, TextField } from '../forms/fields.tsx';
import { LanguageField, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

type ConferenceData = NodeDataMap['conference'];
type Switch = { [K in keyof ConferenceData]-?: ConferenceData[K] extends boolean ? K : never }[keyof ConferenceData];

// Each switch's label is editor:forms.conference.switches.<field>.
const SWITCHES: readonly Switch[] = [
  'muteOnJoin',
  'announceCount',
  'musicWhenAlone',
  'waitForModerator',
  'endWhenLastModeratorLeaves',
  'record',
  'talkDetection',
];

export const conferenceEditor = defineNodeEditor('conference', {
  summary: (data, t) =>
    t(data.participantPin ? 'editor:forms.conference.summaryWithPin' : 'editor:forms.conference.summary', {
      room: data.room,
      name: data.name,
    }),
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    return (
      <>
        <TextField
          path="room"
          label={t('forms.conference.room')}
          value={data.room}
          onChange={(room) => onChange({ ...data, room }, 'room')}
        />
        <TextField
          path="name"
          label={t('forms.conference.name')}
          value={data.name}
          onChange={(name) => onChange({ ...data, name }, 'name')}
        />
        <OptionalTextField
          path="participantPin"
          label={t('forms.conference.participantPin')}
          hint={t('forms.conference.participantPinHint')}
          value={data.participantPin}
          onChange={(pin) => onChange(withOptional(data, 'participantPin', pin), 'participantPin')}
        />
        <OptionalTextField
          path="moderatorPin"
          label={t('forms.conference.moderatorPin')}
          value={data.moderatorPin}
          onChange={(pin) => onChange(withOptional(data, 'moderatorPin', pin), 'moderatorPin')}
        />
        <NumberField
          path="maxMembers"
          label={t('forms.conference.maxMembers')}
          value={data.maxMembers}
          onChange={(maxMembers) => onChange({ ...data, maxMembers }, 'maxMembers')}
        />
        <SelectField
          path="announceJoinLeave"
          label={t('forms.conference.announceJoinLeave')}
          value={data.announceJoinLeave}
          options={[
            { value: 'off', label: t('forms.conference.announceOff') },
            { value: 'generic', label: t('forms.conference.announceGeneric') },
            { value: 'recorded-name', label: t('forms.conference.announceName') },
          ]}
          onChange={(announceJoinLeave) => onChange({ ...data, announceJoinLeave }, 'announceJoinLeave')}
        />
        {SWITCHES.map((field) => (
          <CheckboxField
            key={field}
            path={field}
            label={t(`forms.conference.switches.${field}`)}
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
    );
  },
});
