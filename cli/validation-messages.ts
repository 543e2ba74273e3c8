import type { z } from 'zod';
import { translateMessage } from '#app/i18n/translate-message.ts';
import { DEFAULT_UI_LANGUAGE, uiLanguageOf } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';

/**
 * A refused input's reasons in the terminal's language (LC_ALL, LC_MESSAGES, LANG; else French). The shared input
 * rules (db/auth.ts) word their refusals as catalogue keys, which the web forms translate too.
 */
export function validationMessages(error: z.ZodError, env: Record<string, string | undefined>): string {
  const language = uiLanguageOf(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? DEFAULT_UI_LANGUAGE;
  const t = translatorFor(language);
  return error.issues.map((issue) => translateMessage(t, issue.message)).join('; ');
}
