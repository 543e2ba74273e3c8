// The first administrator of an install. Closed for good once any staff account exists: checked here, and again
// inside the insert's transaction (createFirstAdmin), so two people racing to set up cannot both win.
import { data } from 'react-router';
import { z } from 'zod';
import type { SwitchboardDb } from '#db/client.ts';
import type { Translate } from '#i18n/translator.ts';
import {
  countStaffAccounts,
  createFirstAdmin,
  displayNameSchema,
  passwordSchema,
  SetupAlreadyDoneError,
  usernameSchema,
  type StaffAccount,
} from '#db/auth.ts';
import { staffFieldErrors } from '../staff-form-errors.ts';

const setupSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { path: ['confirm'], message: 'auth:setup.passwordsDiffer' });

/** True once any staff account exists: the setup page is closed then. */
export function isSetUp(db: SwitchboardDb): boolean {
  return countStaffAccounts(db) > 0;
}

function alreadySetUp(message: string): never {
  throw data(message, { status: 403, statusText: 'Forbidden' });
}

/**
 * Creates the first administrator from the setup form, or answers what is wrong with each field (catalogue keys).
 * Throws a 403, in the words of `t`, once Switchboard is set up.
 */
export async function createFirstAdministrator(
  db: SwitchboardDb,
  formData: FormData,
  t: Translate,
): Promise<{ account: StaffAccount } | { fieldErrors: Partial<Record<string, string[]>> }> {
  if (isSetUp(db)) alreadySetUp(t('auth:setup.alreadySetUp'));
  const parsed = setupSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: staffFieldErrors(parsed.error) };
  try {
    return { account: await createFirstAdmin(db, parsed.data) };
  } catch (error) {
    if (error instanceof SetupAlreadyDoneError) alreadySetUp(t('auth:setup.alreadySetUp'));
    throw error;
  }
}
