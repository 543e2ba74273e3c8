import { useTranslation } from 'react-i18next';
import { usePageLanguage } from '#app/i18n/use-language.ts';
import { SelectField } from '../forms/fields.tsx';
import { LANGUAGE_TAGS } from './language-tags.ts';
import { languageName } from './language-name.ts';

/** The flow's own language: where every call starts (the `language` variable) and what its prompts are written in. */
export function FlowLanguageField({ value, onChange }: { value: string; onChange: (language: string) => void }) {
  const { t } = useTranslation(['flowLanguages']);
  const page = usePageLanguage();
  return (
    <SelectField
      path="language"
      label={t('settings.language')}
      hint={t('settings.languageHint')}
      value={value}
      options={LANGUAGE_TAGS.map((tag) => ({ value: tag, label: languageName(tag, page) }))}
      onChange={onChange}
    />
  );
}
