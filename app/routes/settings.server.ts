import type { SwitchboardDb } from '#db/client.ts';
import { setStaffLanguage } from '#db/auth.ts';
import { isUiLanguage } from '#i18n/languages.ts';

/** Saves the language a person chose; "" means "follow my browser". */
export function saveLanguageSetting(
  db: SwitchboardDb,
  accountId: string,
  value: FormDataEntryValue | null,
): { ok: true } | { ok: false; error: 'settings.invalidLanguage' } {
  if (value === '') {
    setStaffLanguage(db, accountId, null);
    return { ok: true };
  }
  if (!isUiLanguage(value)) return { ok: false, error: 'settings.invalidLanguage' };
  setStaffLanguage(db, accountId, value);
  return { ok: true };
}
