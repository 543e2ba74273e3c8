import { PromptTranslationsFields, type PromptTranslations } from '../languages/prompt-translations.tsx';
import { ListenButton } from './listen-button.tsx';
import { OptionalTextField, SelectField, TextField, type SelectOption } from './fields.tsx';

export interface SpokenPromptValue {
  text: string;
  language: string;
  voice?: string | undefined;
  translations?: PromptTranslations | undefined;
}

/** Languages offered in the list; any other tag already in a document stays selectable (SelectField keeps it). */
export const LANGUAGE_OPTIONS: readonly SelectOption<string>[] = [
  { value: 'fr-FR', label: 'French (France)' },
  { value: 'en-US', label: 'English (US)' },
  { value: 'en-GB', label: 'English (UK)' },
  { value: 'de-DE', label: 'German' },
  { value: 'es-ES', label: 'Spanish' },
  { value: 'it-IT', label: 'Italian' },
  { value: 'nl-NL', label: 'Dutch' },
  { value: 'pt-PT', label: 'Portuguese' },
];

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
  return <SelectField path={path} label="Language" value={value} options={LANGUAGE_OPTIONS} onChange={onChange} />;
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
  return (
    <OptionalTextField
      path={path}
      label="Voice"
      hint="Leave empty for the usual voice of the language."
      value={value}
      onChange={onChange}
    />
  );
}

/** The sentence, its language and voice, and a Listen button: used by Say, Menu and Collect digits. */
export function SpokenPromptFields({
  path,
  label = 'What the caller hears',
  prompt,
  onChange,
}: {
  /** Where the prompt sits in the node data: "" for Say (the data is the prompt), "prompt" for Menu. */
  path: string;
  label?: string;
  prompt: SpokenPromptValue;
  onChange: (next: SpokenPromptValue, field: string) => void;
}) {
  return (
    <>
      <TextField
        path={join(path, 'text')}
        label={label}
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
