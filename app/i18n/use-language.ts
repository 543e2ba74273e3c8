import { useRouteLoaderData } from 'react-router';
import { DEFAULT_UI_LANGUAGE, isUiLanguage, type UiLanguage } from '#i18n/languages.ts';

/**
 * The page's interface language, as the root loader chose it. Outside a loaded page (the error page of a failed
 * root loader) it is the default, French.
 */
export function usePageLanguage(): UiLanguage {
  const root = useRouteLoaderData('root') as { language?: unknown } | undefined;
  return isUiLanguage(root?.language) ? root.language : DEFAULT_UI_LANGUAGE;
}
