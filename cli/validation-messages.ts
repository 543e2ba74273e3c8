import type { z } from 'zod';
import { translateMessage } from '#app/i18n/translate-message.ts';
import { translatorFor } from '#i18n/translator.ts';
import { cliLanguage } from './language.ts';

/**
 * A refused input's reasons in the command line's language (--lang, else LC_ALL, LC_MESSAGES, LANG; else French).
 * The shared input rules (db/auth.ts) word their refusals as catalogue keys, which the web forms translate too.
 */
export function validationMessages(error: z.ZodError, env: Record<string, string | undefined>): string {
  const t = translatorFor(cliLanguage(env));
  return error.issues.map((issue) => translateMessage(t, issue.message)).join('; ');
}
