// The translate function of the page's language that knows every namespace ("softphone:call.idle"), so the
// softphone's helpers (failureMessage, partyName) take the same function as its components.
import { useTranslation } from 'react-i18next';
import { DEFAULT_UI_LANGUAGE, uiLanguageOf } from '#i18n/languages.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';

export function useTranslate(): Translate {
  const { i18n } = useTranslation();
  return translatorFor(uiLanguageOf(i18n.language) ?? DEFAULT_UI_LANGUAGE);
}
