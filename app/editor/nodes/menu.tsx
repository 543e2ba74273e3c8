import { useTranslation } from 'react-i18next';
import { DTMF_KEYS } from '#flows/nodes/shared.ts';
import { CheckboxField, FieldGroup, ListMessages, NumberField, SelectField, TextField } from '../forms/fields.tsx';
import { SpokenPromptFields } from '../forms/prompt-fields.tsx';
import { defineNodeEditor, truncate } from './node-editor.ts';

const MAX_OPTIONS = 12;

export const menuEditor = defineNodeEditor('menu', {
  summary: (data, t) => t('editor:forms.quoted', { text: truncate(data.prompt.text) }),
  Inspector: ({ data, onChange }) => {
    const { t } = useTranslation('editor');
    const keyOptions = DTMF_KEYS.map((key) => ({ value: key, label: t('forms.menu.keyOption', { digit: key }) }));
    const options = data.options;
    const unusedKey = DTMF_KEYS.find((key) => !options.some((option) => option.digit === key));
    return (
      <>
        <SpokenPromptFields
          path="prompt"
          prompt={data.prompt}
          onChange={(prompt, field) => onChange({ ...data, prompt }, field)}
        />
        <h4>{t('forms.menu.keys')}</h4>
        <ListMessages path="options" />
        {options.map((option, index) => (
          <FieldGroup
            key={index}
            title={t('forms.menu.option', { position: index + 1 })}
            actions={
              <button
                type="button"
                className="link-button"
                disabled={options.length <= 1}
                aria-label={t('forms.menu.removeOption', { position: index + 1 })}
                onClick={() => onChange({ ...data, options: options.filter((_, at) => at !== index) }, 'options')}
              >
                {t('fields.remove')}
              </button>
            }
          >
            <div className="field-row">
              <SelectField
                path={`options.${index}.digit`}
                label={t('forms.menu.key')}
                value={option.digit}
                options={keyOptions}
                onChange={(digit) =>
                  onChange(
                    { ...data, options: options.map((o, at) => (at === index ? { ...o, digit } : o)) },
                    `options.${index}.digit`,
                  )
                }
              />
              <TextField
                path={`options.${index}.label`}
                label={t('forms.menu.leadsTo')}
                placeholder={t('forms.menu.leadsToExample')}
                maxLength={60}
                value={option.label}
                onChange={(label) =>
                  onChange(
                    { ...data, options: options.map((o, at) => (at === index ? { ...o, label } : o)) },
                    `options.${index}.label`,
                  )
                }
              />
            </div>
          </FieldGroup>
        ))}
        <button
          type="button"
          data-testid="menu-add-option"
          disabled={options.length >= MAX_OPTIONS || unusedKey === undefined}
          onClick={() =>
            unusedKey && onChange({ ...data, options: [...options, { digit: unusedKey, label: '' }] }, 'options')
          }
        >
          {t('forms.menu.addKey')}
        </button>
        <h4>{t('forms.menu.noChoice')}</h4>
        <NumberField
          path="timeoutSeconds"
          label={t('forms.menu.timeout')}
          unit={t('fields.units.seconds')}
          value={data.timeoutSeconds}
          onChange={(timeoutSeconds) => onChange({ ...data, timeoutSeconds }, 'timeoutSeconds')}
        />
        <NumberField
          path="retries"
          label={t('forms.menu.retries')}
          hint={t('forms.menu.retriesHint')}
          value={data.retries}
          onChange={(retries) => onChange({ ...data, retries }, 'retries')}
        />
        <CheckboxField
          path="bargeIn"
          label={t('forms.menu.bargeIn')}
          checked={data.bargeIn}
          onChange={(bargeIn) => onChange({ ...data, bargeIn }, 'bargeIn')}
        />
      </>
    );
  },
});
