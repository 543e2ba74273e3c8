import type { ParseKeys } from 'i18next';
import { DEFAULT_UI_LANGUAGE, isUiLanguage } from '#i18n/languages.ts';
import { translatorFor, type Namespace } from '#i18n/translator.ts';

type RootMatch = { id: string; data?: unknown } | undefined;

/**
 * A page's <title> in the page's language: `meta: ({ matches }) => [{ title: pageTitle(matches, 'calls:title') }]`.
 * meta runs outside React, so it reads the language from the root loader's data among the matches.
 */
export function pageTitle(
  matches: readonly RootMatch[],
  key: ParseKeys<Namespace[]>,
  values?: Record<string, string | number>,
): string {
  const language = (matches.find((match) => match?.id === 'root')?.data as { language?: unknown } | undefined)
    ?.language;
  const t = translatorFor(isUiLanguage(language) ? language : DEFAULT_UI_LANGUAGE);
  return `${String(t(key, values ?? {}))} · Switchboard`;
}
