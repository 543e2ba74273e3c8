import type { NodeDataMap } from '#flows/catalogue.ts';
import { DTMF_KEYS } from '#flows/nodes/shared.ts';
import { CheckboxField, FieldGroup, NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { LanguageField, SpokenPromptFields, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

type QueueData = NodeDataMap['queue'];
type Key = NonNullable<QueueData['leaveKey']>;

const KEY_OPTIONS = [
  { value: 'none', label: 'No key' },
  ...DTMF_KEYS.map((key) => ({ value: key, label: `Key ${key}` })),
] as const satisfies readonly { value: 'none' | Key; label: string }[];

function describePriority(priority: QueueData['priority']): string {
  return priority.kind === 'fixed'
    ? `priority ${priority.value}`
    : `priority from ${priority.name} (else ${priority.fallback})`;
}

export const queueEditor = defineNodeEditor('queue', {
  summary: (data) =>
    `Queue "${data.department}" · ${describePriority(data.priority)}` +
    (data.maxWaitSeconds > 0 ? ` · at most ${Math.round(data.maxWaitSeconds / 60)} min` : ''),
  Inspector: ({ data, onChange }) => {
    const priority = data.priority;
    return (
      <>
        <TextField
          path="department"
          label="Department"
          placeholder="Support technique"
          value={data.department}
          onChange={(department) => onChange({ ...data, department }, 'department')}
        />
        <SelectField
          path="priority.kind"
          label="Priority"
          value={priority.kind}
          options={[
            { value: 'fixed', label: 'The same for every caller' },
            { value: 'variable', label: 'Taken from a variable (set earlier in the flow)' },
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
            label="Priority (higher is answered first)"
            value={priority.value}
            onChange={(value) => onChange({ ...data, priority: { ...priority, value } }, 'priority.value')}
          />
        ) : (
          <>
            <TextField
              path="priority.name"
              label="Variable holding the priority"
              value={priority.name}
              onChange={(name) => onChange({ ...data, priority: { ...priority, name } }, 'priority.name')}
            />
            <NumberField
              path="priority.fallback"
              label="Priority when the variable is not a number"
              value={priority.fallback}
              onChange={(fallback) => onChange({ ...data, priority: { ...priority, fallback } }, 'priority.fallback')}
            />
          </>
        )}
        <NumberField
          path="maxWaitSeconds"
          label="Longest wait (0 for no limit)"
          unit="seconds"
          value={data.maxWaitSeconds}
          onChange={(maxWaitSeconds) => onChange({ ...data, maxWaitSeconds }, 'maxWaitSeconds')}
        />
        <NumberField
          path="maxWaiting"
          label="Most callers waiting (0 for no limit)"
          value={data.maxWaiting}
          onChange={(maxWaiting) => onChange({ ...data, maxWaiting }, 'maxWaiting')}
        />
        <CheckboxField
          path="joinWhenNoAgents"
          label="Let callers in when no agent is logged in"
          checked={data.joinWhenNoAgents}
          onChange={(joinWhenNoAgents) => onChange({ ...data, joinWhenNoAgents }, 'joinWhenNoAgents')}
        />
        <CheckboxField
          path="leaveWhenNoAgents"
          label="Send waiting callers on when the last agent logs out"
          checked={data.leaveWhenNoAgents}
          onChange={(leaveWhenNoAgents) => onChange({ ...data, leaveWhenNoAgents }, 'leaveWhenNoAgents')}
        />
        <TextField
          path="musicClass"
          label="Music on hold (Asterisk class)"
          value={data.musicClass}
          onChange={(musicClass) => onChange({ ...data, musicClass }, 'musicClass')}
        />
        <CheckboxField
          path="announcePosition"
          label="Announce position and estimated wait"
          checked={data.announcePosition}
          onChange={(announcePosition) => onChange({ ...data, announcePosition }, 'announcePosition')}
        />
        {data.announcePosition ? (
          <>
            <NumberField
              path="firstAnnounceAfterSeconds"
              label="First announcement after"
              unit="seconds"
              value={data.firstAnnounceAfterSeconds}
              onChange={(firstAnnounceAfterSeconds) =>
                onChange({ ...data, firstAnnounceAfterSeconds }, 'firstAnnounceAfterSeconds')
              }
            />
            <NumberField
              path="announceEverySeconds"
              label="Then every"
              unit="seconds"
              value={data.announceEverySeconds}
              onChange={(announceEverySeconds) => onChange({ ...data, announceEverySeconds }, 'announceEverySeconds')}
            />
          </>
        ) : null}
        <SelectField
          path="leaveKey"
          label="Key to leave the queue"
          value={data.leaveKey ?? 'none'}
          options={KEY_OPTIONS}
          onChange={(key) => onChange(withOptional(data, 'leaveKey', key === 'none' ? undefined : key), 'leaveKey')}
        />
        <SelectField
          path="callbackKey"
          label="Key to be called back (keeps the caller's place)"
          value={data.callbackKey ?? 'none'}
          options={KEY_OPTIONS}
          onChange={(key) =>
            onChange(withOptional(data, 'callbackKey', key === 'none' ? undefined : key), 'callbackKey')
          }
        />
        <CheckboxField
          path="periodicMessage"
          label="Repeat a message while callers wait"
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
          <FieldGroup title="Periodic message">
            <SpokenPromptFields
              path="periodicMessage.prompt"
              label="Message"
              prompt={data.periodicMessage.prompt}
              onChange={(prompt, field) =>
                onChange({ ...data, periodicMessage: { ...data.periodicMessage!, prompt } }, field)
              }
            />
            <NumberField
              path="periodicMessage.everySeconds"
              label="Every"
              unit="seconds"
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
