import type { Translate } from '#i18n/translator.ts';

/**
 * Messages that travel as data (a zod schema's error, a field error an action returns) are written as catalogue
 * keys ("auth:errors.passwordsDiffer") where they are defined, and turned into a sentence of the reader's language
 * where they are shown. Anything else (a message from a library, a name) is shown as it is.
 */
export function translateMessage(t: Translate, message: string): string {
  if (!/^[a-z][\w-]*:[\w.-]+$/.test(message)) return message;
  const translated: string = t(message as never);
  return translated === message ? message : translated;
}

/** The first message of each field, translated: what forms show under their fields. */
export function translateFieldErrors(
  t: Translate,
  fieldErrors: Partial<Record<string, string[]>>,
): Partial<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(fieldErrors).flatMap(([field, messages]) =>
      messages?.[0] ? [[field, translateMessage(t, messages[0])]] : [],
    ),
  );
}
