import type { AppLoadContext } from 'react-router';
import { chooseUiLanguage, type UiLanguage } from '#i18n/languages.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import { getStaffAuth } from '../auth.server.ts';

/**
 * The language of the page or answer for this request: the signed-in person's setting, else the browser's
 * Accept-Language, else French. Loaders and actions that write sentences (errors, CSV headers) use it, so what they
 * say matches the page around it.
 */
export function requestLanguage(request: Request, context: Pick<AppLoadContext, 'services'>): UiLanguage {
  const account = getStaffAuth(request, context)?.account ?? null;
  return chooseUiLanguage(account?.language, request.headers.get('accept-language'));
}

/** The translate function of the request's language (see requestLanguage). */
export function requestTranslator(request: Request, context: Pick<AppLoadContext, 'services'>): Translate {
  return translatorFor(requestLanguage(request, context));
}
