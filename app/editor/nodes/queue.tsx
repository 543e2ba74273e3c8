import { useTranslation } from 'react-i18next';
import type { NodeDataMap } from '#flows/catalogue.ts';
import { DTMF_KEYS } from '#flows/nodes/shared.ts';
import type { Translate } from '#i18n/translator.ts';
import { CheckboxField, FieldGroup, NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { LanguageField, SpokenPromptFields, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

type QueueData = NodeDataMap['queue'];
type Key = NonNullable<QueueData['leaveKey']>;

function keyOptions(t: Translate): readonly { value: 'none' | Key; label: string }[] {
  return [
    { value: 'none', label: t('editor:forms.queue.noKey') },
    ...DTMF_KEYS.map((key) => ({ value: key, label: t('editor:forms.menu.keyOption', { digit: key }) })),
  ];
}

function describePriority(priority: QueueData['priority'], t: Translate): string {
  return priority.kind === 'fixed'
    ? t('editor:forms.queue.priorityFixed', { value: priority.value })
    : t('editor:forms.queue.priorityVariable', { name: priority.name, fallback: priority.fallback });
}

export const queueEditor = defineNodeEditor('queue', {
  summary: (data, t) => {
    const values = { department: data.department, priority: describePriority(data.priority, t) };
    return data.maxWaitSeconds > 0
      ? t('editor:forms.queue.summaryMaxWait', { ...values, minutes: Math.round(data.maxWaitSeconds / 60) })
      : t('editor:forms.queue.summary', values);
  },
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    const keys = keyOptions(t);
    const priority = data.priority;
    return (
      <>
        <TextField
          path="department"
          label={t('forms.queue.department')}
          placeholder={t('forms.queue.departmentExample')}
          value={data.department}
          onChange={(department) => onChange({ ...data, department }, 'department')}
        />
        <SelectField
          path="priority.kind"
          label={t('forms.queue.priority')}
          value={priority.kind}
          options={[
            { value: 'fixed', label: t('forms.queue.priorityFixedOption') },
            { value: 'variable', label: t('forms.queue.priorityVariableOption') },
          ]}
          onChange={(kind) =>
            onChange(
              {
                ...data,
                priority:
                  kind === 'fixed' ? { kind: 'fixed', value: 0 } : { kind: 'variable', name: 'priority', fallback: 0 },
              },
              'priority.kind',
            )
          }
        />
        {priority.kind === 'fixed' ? (
          <NumberField
            path="priority.value"
            label={t('forms.queue.priorityValue')}
            value={priority.value}
            onChange={(value) => onChange({ ...data, priority: { ...priority, value } }, 'priority.value')}
          />
        ) : (
          <>
            <TextField
              path="priority.name"
              label={t('forms.queue.priorityName')}
              value={priority.name}
              onChange={(name) => onChange({ ...data, priority: { ...priority, name } }, 'priority.name')}
            />
            <NumberField
              path="priority.fallback"
              label={t('forms.queue.priorityFallback')}
              value={priority.fallback}
              onChange={(fallback) => onChange({ ...data, priority: { ...priority, fallback } }, 'priority.fallback')}
            />
          </>
        )}
        <NumberField
          path="maxWaitSeconds"
          label={t('forms.queue.maxWaitSeconds')}
          unit={t('fields.units.seconds')}
          value={data.maxWaitSeconds}
          onChange={(maxWaitSeconds) => onChange({ ...data, maxWaitSeconds }, 'maxWaitSeconds')}
        />
        <NumberField
          path="maxWaiting"
          label={t('forms.queue.maxWaiting')}
          value={data.maxWaiting}
          onChange={(maxWaiting) => onChange({ ...data, maxWaiting }, 'maxWaiting')}
        />
        <CheckboxField
          path="joinWhenNoAgents"
          label={t('forms.queue.joinWhenNoAgents')}
          checked={data.joinWhenNoAgents}
          onChange={(joinWhenNoAgents) => onChange({ ...data, joinWhenNoAgents }, 'joinWhenNoAgents')}
        />
        <CheckboxField
          path="leaveWhenNoAgents"
          label={t('forms.queue.leaveWhenNoAgents')}
          checked={data.leaveWhenNoAgents}
          onChange={(leaveWhenNoAgents) => onChange({ ...data, leaveWhenNoAgents }, 'leaveWhenNoAgents')}
        />
        <TextField
          path="musicClass"
          label={t('forms.queue.musicClass')}
          value={data.musicClass}
          onChange={(musicClass) => onChange({ ...data, musicClass }, 'musicClass')}
        />
        <CheckboxField
          path="announcePosition"
          label={t('forms.queue.announcePosition')}
          checked={data.announcePosition}
          onChange={(announcePosition) => onChange({ ...data, announcePosition }, 'announcePosition')}
        />
        {data.announcePosition ? (
          <>
            <NumberField
              path="firstAnnounceAfterSeconds"
              label={t('forms.queue.firstAnnounce')}
              unit={t('fields.units.seconds')}
              value={data.firstAnnounceAfterSeconds}
              onChange={(firstAnnounceAfterSeconds) =>
                onChange({ ...data, firstAnnounceAfterSeconds }, 'firstAnnounceAfterSeconds')
              }
            />
            <NumberField
              path="announceEverySeconds"
              label={t('forms.queue.announceEvery')}
              unit={t('fields.units.seconds')}
              value={data.announceEverySeconds}
              onChange={(announceEverySeconds) => onChange({ ...data, announceEverySeconds }, 'announceEverySeconds')}
            />
          </>
        ) : null}
        <SelectField
          path="leaveKey"
          label={t('forms.queue.leaveKey')}
          value={data.leaveKey ?? 'none'}
          options={keys}
          onChange={(key) => onChange(withOptional(data, 'leaveKey', key === 'none' ? undefined : key), 'leaveKey')}
        />
        <SelectField
          path="callbackKey"
          label={t('forms.queue.callbackKey')}
          value={data.callbackKey ?? 'none'}
          options={keys}
          onChange={(key) =>
            onChange(withOptional(data, 'callbackKey', key === 'none' ? undefined : key), 'callbackKey')
          }
        />
        <CheckboxField
          path="periodicMessage"
          label={t('forms.queue.periodicMessage')}
          checked={data.periodicMessage !== undefined}
          onChange={(on) =>
            onChange(
              withOptional(
                data,
                'periodicMessage',
                on
                  ? {
                      prompt: { text: 'Merci de votre patience.', language: data.language },
                      everySeconds: 45,
                    }
                  : undefined,
              ),
              'periodicMessage',
            )
          }
        />
        {data.periodicMessage ? (
          <FieldGroup title={t('forms.queue.periodicTitle')}>
            <SpokenPromptFields
              path="periodicMessage.prompt"
              label={t('forms.queue.message')}
              prompt={data.periodicMessage.prompt}
              onChange={(prompt, field) =>
                onChange({ ...data, periodicMessage: { ...data.periodicMessage!, prompt } }, field)
              }
            />
            <NumberField
              path="periodicMessage.everySeconds"
              label={t('forms.queue.every')}
              unit={t('fields.units.seconds')}
              value={data.periodicMessage.everySeconds}
              onChange={(everySeconds) =>
                onChange(
                  { ...data, periodicMessage: { ...data.periodicMessage!, everySeconds } },
                  'periodicMessage.everySeconds',
                )
              }
            />
          </FieldGroup>
        ) : null}
        <LanguageField
          path="language"
          value={data.language}
          onChange={(language) => onChange({ ...data, language }, 'language')}
        />
      </>
    );
  },
});
