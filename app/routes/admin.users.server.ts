// The staff page's storage work: the accounts, and every change an administrator makes to them.
import { data } from 'react-router';
import { z } from 'zod';
import type { SwitchboardDb } from '#db/client.ts';
import type { Translate } from '#i18n/translator.ts';
import {
  changeStaffRole,
  createStaffAccount,
  disableStaffAccount,
  displayNameSchema,
  enableStaffAccount,
  LastAdminError,
  listStaffAccounts,
  passwordSchema,
  setStaffPassword,
  STAFF_ROLES,
  StaffAccountNotFoundError,
  staffRoleSchema,
  StaffUsernameTakenError,
  usernameSchema,
  type StaffRole,
} from '#db/auth.ts';
import { translateFieldErrors } from '../i18n/translate-message.ts';
import { staffFieldErrors } from '../staff-form-errors.ts';

export function loadStaffPage(db: SwitchboardDb, me: { id: string }) {
  return { accounts: listStaffAccounts(db), me: me.id, roles: STAFF_ROLES };
}

const accountId = z.string().min(1, 'admin:users.errors.whichAccount');
const actionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    username: usernameSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
    role: staffRoleSchema,
  }),
  z.object({ intent: z.literal('set-role'), accountId, role: staffRoleSchema }),
  z.object({ intent: z.literal('disable'), accountId }),
  z.object({ intent: z.literal('enable'), accountId }),
  z.object({ intent: z.literal('set-password'), accountId, password: passwordSchema }),
]);

/** What the page shows after a change, already in the reader's language. */
export type StaffActionResult = {
  intent: string;
  accountId?: string;
  fieldErrors: Partial<Record<string, string>>;
  formError: string | null;
  done: string | null;
};

/**
 * Creates an account, or changes one's role, password or whether it may sign in, for administrator `me`; says what
 * happened with `t`.
 */
export async function changeStaffAccounts(db: SwitchboardDb, me: { id: string }, formData: FormData, t: Translate) {
  const parsed = actionSchema.safeParse(Object.fromEntries(formData));
  const intent = String(formData.get('intent') ?? '');
  if (!parsed.success) {
    const result: StaffActionResult = {
      intent,
      accountId: String(formData.get('accountId') ?? ''),
      fieldErrors: translateFieldErrors(t, staffFieldErrors(parsed.error)),
      formError: null,
      done: null,
    };
    return data(result, { status: 400 });
  }
  const input = parsed.data;
  const ok = (done: string): StaffActionResult => ({ intent, fieldErrors: {}, formError: null, done });
  const refuse = (status: number, result: Partial<StaffActionResult>) =>
    data<StaffActionResult>({ intent, fieldErrors: {}, formError: null, done: null, ...result }, { status });
  const roleName = (role: StaffRole) => t(`common:roles.${role}`).toLowerCase();
  try {
    switch (input.intent) {
      case 'create': {
        const created = await createStaffAccount(db, input);
        return ok(t('admin:users.done.created', { username: created.username, role: roleName(created.role) }));
      }
      case 'set-role': {
        const changed = changeStaffRole(db, input.accountId, input.role);
        return ok(t('admin:users.done.roleChanged', { username: changed.username, role: roleName(changed.role) }));
      }
      case 'disable':
        if (input.accountId === me.id) return refuse(400, { formError: t('admin:users.errors.disableYourself') });
        return ok(t('admin:users.done.disabled', { username: disableStaffAccount(db, input.accountId).username }));
      case 'enable':
        return ok(t('admin:users.done.enabled', { username: enableStaffAccount(db, input.accountId).username }));
      case 'set-password':
        await setStaffPassword(db, input.accountId, input.password);
        return ok(t('admin:users.done.passwordChanged'));
    }
  } catch (error) {
    if (error instanceof StaffUsernameTakenError) {
      return refuse(409, { fieldErrors: { username: t('auth:errors.usernameTaken', { username: error.username }) } });
    }
    if (error instanceof LastAdminError) {
      const key =
        input.intent === 'disable' ? 'admin:users.errors.lastAdminDisable' : 'admin:users.errors.lastAdminDemote';
      return refuse(409, { formError: t(key) });
    }
    if (error instanceof StaffAccountNotFoundError) return refuse(404, { formError: t('admin:users.errors.notFound') });
    throw error;
  }
}
