import { useTranslation } from 'react-i18next';
import type { NodeDataMap } from '#flows/catalogue.ts';
import type { Translate } from '#i18n/translator.ts';
import { FieldGroup, ListMessages, SelectField, TextField } from '../forms/fields.tsx';
import { defineNodeEditor, truncate, type InspectorProps } from './node-editor.ts';

type LanguageData = NodeDataMap['language'];

function LanguageInspector({ data, onChange }: InspectorProps<'language'>) {
  const { t } = useTranslation(['flowLanguages']);
  return (
    <>
      <SelectField
        path="choice"
        label={t('inspector.choice')}
        value={data.choice}
        options={[
          { value: 'fixed', label: t('inspector.fixed') },
          { value: 'caller-number', label: t('inspector.byCallerNumber') },
        ]}
        onChange={(choice) => onChange(switchChoice(data, choice), 'choice')}
      />
      {data.choice === 'fixed' ? (
        <TextField
          path="language"
          label={t('inspector.languageTag')}
          hint={t('inspector.languageHint')}
          value={data.language}
          onChange={(language) => onChange({ ...data, language }, 'language')}
        />
      ) : (
        callerNumberRules(data, onChange, t as Translate)
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
          title={t('flowLanguages:inspector.rule', { number: index + 1 })}
          actions={
            <button
              type="button"
              className="link-button"
              disabled={rules.length <= 1}
              aria-label={t('flowLanguages:inspector.removeRule', { number: index + 1 })}
              onClick={() => onChange({ ...data, rules: rules.filter((_, at) => at !== index) }, 'rules')}
            >
              {t('flowLanguages:translations.remove')}
            </button>
          }
        >
          <TextField
            path={`rules.${index}.prefix`}
            label={t('flowLanguages:inspector.prefix')}
            hint={t('flowLanguages:inspector.prefixHint')}
            value={rule.prefix}
            onChange={(prefix) => update(index, { prefix }, `rules.${index}.prefix`)}
          />
          <TextField
            path={`rules.${index}.language`}
            label={t('flowLanguages:inspector.languageTag')}
            value={rule.language}
            onChange={(language) => update(index, { language }, `rules.${index}.language`)}
          />
        </FieldGroup>
      ))}
      <button
        type="button"
        onClick={() => onChange({ ...data, rules: [...rules, { prefix: '', language: '' }] }, 'rules')}
      >
        {t('flowLanguages:inspector.addRule')}
      </button>
      <TextField
        path="otherwise"
        label={t('flowLanguages:inspector.otherwise')}
        hint={t('flowLanguages:inspector.languageHint')}
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
