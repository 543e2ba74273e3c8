import type { DialTarget } from '#flows/nodes/dial.ts';
import { NumberField, OptionalTextField, SelectField, TextField } from '../forms/fields.tsx';
import { withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

function describeTarget(target: DialTarget): string {
  switch (target.kind) {
    case 'user':
      return `person ${target.username}`;
    case 'extension':
      return `extension ${target.extension}`;
    case 'endpoint':
      return target.endpoint;
  }
}

const STARTING_TARGET: { [K in DialTarget['kind']]: Extract<DialTarget, { kind: K }> } = {
  user: { kind: 'user', username: '' },
  extension: { kind: 'extension', extension: '' },
  endpoint: { kind: 'endpoint', endpoint: 'PJSIP/' },
};

export const dialEditor = defineNodeEditor('dial', {
  summary: (data) => `Ring ${describeTarget(data.target)} for ${data.ringSeconds} s`,
  Inspector: ({ data, onChange }) => {
    const target = data.target;
    return (
      <>
        <SelectField
          path="target.kind"
          label="Who to ring"
          value={target.kind}
          options={[
            { value: 'extension', label: 'Whoever has an extension' },
            { value: 'user', label: 'A person of the directory' },
            { value: 'endpoint', label: 'A device or trunk (Asterisk dial string)' },
          ]}
          onChange={(kind) => onChange({ ...data, target: STARTING_TARGET[kind] }, 'target.kind')}
        />
        {target.kind === 'extension' ? (
          <TextField
            path="target.extension"
            label="Extension"
            placeholder="6001"
            value={target.extension}
            onChange={(extension) =>
              onChange({ ...data, target: { kind: 'extension', extension } }, 'target.extension')
            }
          />
        ) : target.kind === 'user' ? (
          <TextField
            path="target.username"
            label="User name"
            placeholder="alice"
            value={target.username}
            onChange={(username) => onChange({ ...data, target: { kind: 'user', username } }, 'target.username')}
          />
        ) : (
          <TextField
            path="target.endpoint"
            label="Dial string"
            placeholder="PJSIP/alice"
            value={target.endpoint}
            onChange={(endpoint) => onChange({ ...data, target: { kind: 'endpoint', endpoint } }, 'target.endpoint')}
          />
        )}
        <NumberField
          path="ringSeconds"
          label="Ring for"
          unit="seconds"
          value={data.ringSeconds}
          onChange={(ringSeconds) => onChange({ ...data, ringSeconds }, 'ringSeconds')}
        />
        <OptionalTextField
          path="callerId"
          label="Number shown to the person rung"
          hint="Leave empty to show the caller's own number."
          value={data.callerId}
          onChange={(callerId) => onChange(withOptional(data, 'callerId', callerId), 'callerId')}
        />
      </>
    );
  },
});
