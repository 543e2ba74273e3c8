import { useTranslation } from 'react-i18next';
import { CheckboxField, NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { SpokenPromptFields, withOptional } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

export const collectEditor = defineNodeEditor('collect', {
  summary: (data, t) => {
    // The variable as later nodes write it: {{name}}.
    const values = { count: data.maxDigits, variable: `{{${data.variable}}}` };
    return data.prompt
      ? t('editor:forms.collect.summaryWithPrompt', { ...values, text: truncate(data.prompt.text, 60) })
      : t('editor:forms.collect.summary', values);
  },
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    return (
      <>
        <CheckboxField
          path="prompt"
          label={t('forms.collect.sayFirst')}
          checked={data.prompt !== undefined}
          onChange={(speak) =>
            onChange(
              withOptional(
                data,
                'prompt',
                speak ? { text: 'Tapez votre numéro, puis dièse.', language: 'fr-FR' } : undefined,
              ),
              'prompt',
            )
          }
        />
        {data.prompt ? (
          <SpokenPromptFields
            path="prompt"
            prompt={data.prompt}
            onChange={(prompt, field) => onChange({ ...data, prompt }, field)}
          />
        ) : null}
        <TextField
          path="variable"
          label={t('forms.collect.variable')}
          hint={t('forms.collect.variableHint', { example: '{{name}}' })}
          value={data.variable}
          onChange={(variable) => onChange({ ...data, variable }, 'variable')}
        />
        <NumberField
          path="maxDigits"
          label={t('forms.collect.maxDigits')}
          unit={t('fields.units.digits')}
          value={data.maxDigits}
          onChange={(maxDigits) => onChange({ ...data, maxDigits }, 'maxDigits')}
        />
        <SelectField
          path="terminator"
          label={t('forms.collect.terminator')}
          value={data.terminator}
          options={[
            { value: '#', label: t('forms.collect.hash') },
            { value: '*', label: t('forms.collect.star') },
            { value: 'none', label: t('forms.collect.noTerminator') },
          ]}
          onChange={(terminator) => onChange({ ...data, terminator }, 'terminator')}
        />
        <NumberField
          path="timeoutSeconds"
          label={t('forms.collect.timeout')}
          unit={t('fields.units.seconds')}
          value={data.timeoutSeconds}
          onChange={(timeoutSeconds) => onChange({ ...data, timeoutSeconds }, 'timeoutSeconds')}
        />
      </>
    );
  },
});
