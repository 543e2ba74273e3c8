import type { SwitchboardDb } from '#db/client.ts';
import { setStaffLanguage } from '#db/auth.ts';
import { linkedPersonOf } from '#db/voicemail-inbox.ts';
import { isUiLanguage } from '#i18n/languages.ts';

/** The person of the directory whose phone this staff account uses (its web softphone), or null. */
export function personalPhone(db: SwitchboardDb, accountId: string): { name: string; extension: string } | null {
  const person = linkedPersonOf(db, accountId);
  return person ? { name: person.displayName || person.username, extension: person.extension } : null;
}

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
