import { useTranslation } from 'react-i18next';
import type { DialTarget } from '#flows/nodes/dial.ts';
import type { Translate } from '#i18n/translator.ts';
import { NumberField, OptionalTextField, SelectField, TextField } from '../forms/fields.tsx';
import { withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor } from './node-editor.ts';

function describeTarget(target: DialTarget, t: Translate): string {
  switch (target.kind) {
    case 'user':
      return t('editor:forms.dial.user', { username: target.username });
    case 'extension':
      return t('editor:forms.dial.extension', { extension: target.extension });
    case 'endpoint':
      return target.endpoint;
  }
}

// Examples of what to type: a user name and an Asterisk dial string read the same in every language.
const EXAMPLES = { extension: '6001', username: 'alice', endpoint: 'PJSIP/alice' };

const STARTING_TARGET: { [K in DialTarget['kind']]: Extract<DialTarget, { kind: K }> } = {
  user: { kind: 'user', username: '' },
  extension: { kind: 'extension', extension: '' },
  endpoint: { kind: 'endpoint', endpoint: 'PJSIP/' },
};

export const dialEditor = defineNodeEditor('dial', {
  summary: (data, t) =>
    t('editor:forms.dial.summary', { target: describeTarget(data.target, t), seconds: data.ringSeconds }),
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    const target = data.target;
    return (
      <>
        <SelectField
          path="target.kind"
          label={t('forms.dial.who')}
          value={target.kind}
          options={[
            { value: 'extension', label: t('forms.dial.whoExtension') },
            { value: 'user', label: t('forms.dial.whoUser') },
            { value: 'endpoint', label: t('forms.dial.whoEndpoint') },
          ]}
          onChange={(kind) => onChange({ ...data, target: STARTING_TARGET[kind] }, 'target.kind')}
        />
        {target.kind === 'extension' ? (
          <TextField
            path="target.extension"
            label={t('forms.dial.extensionLabel')}
            placeholder={EXAMPLES.extension}
            value={target.extension}
            onChange={(extension) =>
              onChange({ ...data, target: { kind: 'extension', extension } }, 'target.extension')
            }
          />
        ) : target.kind === 'user' ? (
          <TextField
            path="target.username"
            label={t('forms.dial.username')}
            placeholder={EXAMPLES.username}
            value={target.username}
            onChange={(username) => onChange({ ...data, target: { kind: 'user', username } }, 'target.username')}
          />
        ) : (
          <TextField
            path="target.endpoint"
            label={t('forms.dial.endpoint')}
            placeholder={EXAMPLES.endpoint}
            value={target.endpoint}
            onChange={(endpoint) => onChange({ ...data, target: { kind: 'endpoint', endpoint } }, 'target.endpoint')}
          />
        )}
        <NumberField
          path="ringSeconds"
          label={t('forms.dial.ringFor')}
          unit={t('fields.units.seconds')}
          value={data.ringSeconds}
          onChange={(ringSeconds) => onChange({ ...data, ringSeconds }, 'ringSeconds')}
        />
        <OptionalTextField
          path="callerId"
          label={t('forms.dial.callerId')}
          hint={t('forms.dial.callerIdHint')}
          value={data.callerId}
          onChange={(callerId) => onChange(withOptional(data, 'callerId', callerId), 'callerId')}
        />
      </>
    );
  },
});
