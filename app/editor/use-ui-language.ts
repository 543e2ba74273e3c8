import { useTranslation } from 'react-i18next';
import { DEFAULT_UI_LANGUAGE, uiLanguageOf, type UiLanguage } from '#i18n/languages.ts';

/**
 * The language the editor's words are in: the one of the i18next instance around it (the page's, from the root
 * loader; English in unit tests, which render without a page). Code outside components that words things (the node
 * views cached per data object) is handed this language.
 */
export function useUiLanguage(): UiLanguage {
  const { i18n } = useTranslation();
  return uiLanguageOf(i18n.language) ?? DEFAULT_UI_LANGUAGE;
}
