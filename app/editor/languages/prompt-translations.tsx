import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromptTranslation } from '#flows/nodes/shared.ts';
import { usePageLanguage } from '#app/i18n/use-language.ts';
import { TextField } from '../forms/fields.tsx';
import { LANGUAGE_TAGS } from './language-tags.ts';
import { ListenButton } from '../forms/listen-button.tsx';
import { languageName } from './language-name.ts';

export type PromptTranslations = Readonly<Record<string, PromptTranslation>>;

const join = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);

/**
 * The prompt's texts in other languages, each with its own Listen button (which plays that language), and a way to
 * add one. What the caller hears is chosen during the call by their language (docs/decisions/018).
 */
export function PromptTranslationsFields({
  path,
  ownLanguage,
  translations,
  onChange,
}: {
  path: string;
  ownLanguage: string;
  translations: PromptTranslations | undefined;
  onChange: (next: PromptTranslations | undefined, field: string) => void;
}) {
  const { t } = useTranslation(['flowLanguages']);
  const page = usePageLanguage();
  const [adding, setAdding] = useState('');
  const entries = Object.entries(translations ?? {});
  // The languages the prompt's own language list offers; a prompt may hold any other tag a document brings.
  const addable = LANGUAGE_TAGS.filter((tag) => tag !== ownLanguage && !(translations && tag in translations));

  function set(tag: string, translation: PromptTranslation | null) {
    const next: Record<string, PromptTranslation> = { ...translations };
    if (translation) next[tag] = translation;
    else delete next[tag];
    onChange(Object.keys(next).length > 0 ? next : undefined, join(path, `translations.${tag}`));
  }

  return (
    <div className="prompt-translations" data-testid="prompt-translations">
      {entries.length > 0 ? <h4>{t('translations.heading')}</h4> : null}
      {entries.map(([tag, translation]) => (
        <div key={tag} className="prompt-translation" data-language={tag}>
          <TextField
            path={join(path, `translations.${tag}.text`)}
            label={t('translations.textLabel', { language: languageName(tag, page) })}
            multiline
            maxLength={2000}
            value={translation.text}
            onChange={(text) => set(tag, { ...translation, text })}
          />
          <ListenButton prompt={{ text: translation.text, language: tag, voice: translation.voice }} />
          <button
            type="button"
            className="link-button"
            title={t('translations.removeTitle', { language: languageName(tag, page) })}
            onClick={() => set(tag, null)}
          >
            {t('translations.remove')}
          </button>
        </div>
      ))}
      {addable.length > 0 ? (
        <div className="prompt-translation-add">
          <select
            aria-label={t('translations.add')}
            data-testid="translation-add"
            value={adding}
            onChange={(event) => {
              const tag = event.target.value;
              setAdding('');
              if (tag) set(tag, { text: '' });
            }}
          >
            <option value="">{t('translations.addIn')}</option>
            {addable.map((tag) => (
              <option key={tag} value={tag}>
                {languageName(tag, page)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
