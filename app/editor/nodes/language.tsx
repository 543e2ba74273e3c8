import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { NodeDataMap } from '#flows/catalogue.ts';
import { FieldGroup, ListMessages, SelectField, TextField } from '../forms/fields.tsx';
import { defineNodeEditor, truncate, type InspectorProps } from './node-editor.ts';

type LanguageData = NodeDataMap['language'];

type Translate = TFunction<'languageNode'>;

function LanguageInspector({ data, onChange }: InspectorProps<'language'>) {
  const { t } = useTranslation('languageNode');
  return (
    <>
      <SelectField
        path="choice"
        label={t('choice.label')}
        value={data.choice}
        options={[
          { value: 'fixed', label: t('choice.fixed') },
          { value: 'caller-number', label: t('choice.callerNumber') },
        ]}
        onChange={(choice) => onChange(switchChoice(data, choice), 'choice')}
      />
      {data.choice === 'fixed' ? (
        <TextField
          path="language"
          label={t('languageTag')}
          hint={t('languageHint')}
          value={data.language}
          onChange={(language) => onChange({ ...data, language }, 'language')}
        />
      ) : (
        callerNumberRules(data, onChange, t)
      )}
    </>
  );
}

// A plain function, not a component: the rules are part of the one inspector form (and of its probe in tests).
function callerNumberRules(
  data: Extract<LanguageData, { choice: 'caller-number' }>,
  onChange: InspectorProps<'language'>['onChange'],
  t: Translate,
) {
  const rules = data.rules;
  const update = (index: number, patch: Partial<(typeof rules)[number]>, field: string) =>
    onChange({ ...data, rules: rules.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)) }, field);
  return (
    <>
      <ListMessages path="rules" />
      {rules.map((rule, index) => (
        <FieldGroup
          key={index}
          title={t('rule.title', { number: index + 1 })}
          actions={
            <button
              type="button"
              className="link-button"
              disabled={rules.length <= 1}
              aria-label={t('rule.removeLabel', { number: index + 1 })}
              onClick={() => onChange({ ...data, rules: rules.filter((_, at) => at !== index) }, 'rules')}
            >
              {t('rule.remove')}
            </button>
          }
        >
          <TextField
            path={`rules.${index}.prefix`}
            label={t('rule.prefix')}
            hint={t('rule.prefixHint')}
            value={rule.prefix}
            onChange={(prefix) => update(index, { prefix }, `rules.${index}.prefix`)}
          />
          <TextField
            path={`rules.${index}.language`}
            label={t('languageTag')}
            value={rule.language}
            onChange={(language) => update(index, { language }, `rules.${index}.language`)}
          />
        </FieldGroup>
      ))}
      <button
        type="button"
        onClick={() => onChange({ ...data, rules: [...rules, { prefix: '', language: '' }] }, 'rules')}
      >
        {t('rule.add')}
      </button>
      <TextField
        path="otherwise"
        label={t('otherwise')}
        hint={t('languageHint')}
        value={data.otherwise}
        onChange={(otherwise) => onChange({ ...data, otherwise }, 'otherwise')}
      />
    </>
  );
}

/** Switching between the two ways keeps the languages already typed, so a change of mind loses nothing. */
function switchChoice(data: LanguageData, choice: LanguageData['choice']): LanguageData {
  if (choice === data.choice) return data;
  if (data.choice === 'fixed') {
    return { choice: 'caller-number', rules: [{ prefix: '+44', language: data.language }], otherwise: 'fr-FR' };
  }
  return { choice: 'fixed', language: data.otherwise };
}

export const languageEditor = defineNodeEditor('language', {
  summary: (data) =>
    data.choice === 'fixed'
      ? `Speak ${data.language}`
      : truncate(
          [...data.rules.map((rule) => `${rule.prefix}… → ${rule.language}`), `others → ${data.otherwise}`].join(', '),
        ),
  Inspector: LanguageInspector,
});
