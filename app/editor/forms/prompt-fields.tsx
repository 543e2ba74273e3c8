import { useTranslation } from 'react-i18next';
import { PromptTranslationsFields, type PromptTranslations } from '../languages/prompt-translations.tsx';
import { LANGUAGE_TAGS } from '../languages/language-tags.ts';
import { ListenButton } from './listen-button.tsx';
import { OptionalTextField, SelectField, TextField, type SelectOption } from './fields.tsx';

export interface SpokenPromptValue {
  text: string;
  language: string;
  voice?: string | undefined;
  translations?: PromptTranslations | undefined;
}

const join = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

export function LanguageField({
  path,
  value,
  onChange,
}: {
  path: string;
  value: string | undefined;
  onChange: (language: string) => void;
}) {
  const { t } = useTranslation('editor');
  const options: SelectOption<string>[] = LANGUAGE_TAGS.map((tag) => ({
    value: tag,
    label: t(`prompt.languages.${tag}`),
  }));
  return <SelectField path={path} label={t('prompt.language')} value={value} options={options} onChange={onChange} />;
}

export function VoiceField({
  path,
  value,
  onChange,
}: {
  path: string;
  value: string | undefined;
  onChange: (voice: string | undefined) => void;
}) {
  const { t } = useTranslation('editor');
  return (
    <OptionalTextField
      path={path}
      label={t('prompt.voice')}
      hint={t('prompt.voiceHint')}
      value={value}
      onChange={onChange}
    />
  );
}

/** The sentence, its language and voice, and a Listen button: used by Say, Menu and Collect digits. */
export function SpokenPromptFields({
  path,
  label,
  prompt,
  onChange,
}: {
  /** Where the prompt sits in the node data: "" for Say (the data is the prompt), "prompt" for Menu. */
  path: string;
  /** The text box's label; "What the caller hears" when not given. */
  label?: string;
  prompt: SpokenPromptValue;
  onChange: (next: SpokenPromptValue, field: string) => void;
}) {
  const { t } = useTranslation('editor');
  return (
    <>
      <TextField
        path={join(path, 'text')}
        label={label ?? t('prompt.text')}
        multiline
        maxLength={2000}
        value={prompt.text}
        onChange={(text) => onChange({ ...prompt, text }, join(path, 'text'))}
      />
      <ListenButton prompt={prompt} />
      <LanguageField
        path={join(path, 'language')}
        value={prompt.language}
        onChange={(language) => onChange({ ...prompt, language }, join(path, 'language'))}
      />
      <VoiceField
        path={join(path, 'voice')}
        value={prompt.voice}
        onChange={(voice) => onChange(withOptional(prompt, 'voice', voice), join(path, 'voice'))}
      />
      <PromptTranslationsFields
        path={path}
        ownLanguage={prompt.language}
        translations={prompt.translations}
        onChange={(translations, field) => onChange(withOptional(prompt, 'translations', translations), field)}
      />
    </>
  );
}

/** Sets or removes an optional field, so a cleared field leaves no `"voice": ""` behind. */
export function withOptional<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined): T {
  const copy = { ...object };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}
