// The staff page's storage work: the accounts, and every change an administrator makes to them.
import { data } from 'react-router';
import { z } from 'zod';
import type { SwitchboardDb } from '#db/client.ts';
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
} from '#db/auth.ts';

export function loadStaffPage(db: SwitchboardDb, me: { id: string }) {
  return { accounts: listStaffAccounts(db), me: me.id, roles: STAFF_ROLES };
}

const accountId = z.string().min(1, 'Which account?');
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

export type StaffActionResult = {
  intent: string;
  accountId?: string;
  fieldErrors: Partial<Record<string, string[]>>;
  formError: string | null;
  done: string | null;
};

/** Creates an account, or changes one's role, password or whether it may sign in, for administrator `me`. */
export async function changeStaffAccounts(db: SwitchboardDb, me: { id: string }, formData: FormData) {
  const parsed = actionSchema.safeParse(Object.fromEntries(formData));
  const intent = String(formData.get('intent') ?? '');
  if (!parsed.success) {
    const result: StaffActionResult = {
      intent,
      accountId: String(formData.get('accountId') ?? ''),
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      formError: null,
      done: null,
    };
    return data(result, { status: 400 });
  }
  const input = parsed.data;
  const ok = (done: string): StaffActionResult => ({ intent, fieldErrors: {}, formError: null, done });
  const refuse = (status: number, result: Partial<StaffActionResult>) =>
    data<StaffActionResult>({ intent, fieldErrors: {}, formError: null, done: null, ...result }, { status });
  try {
    switch (input.intent) {
      case 'create': {
        const created = await createStaffAccount(db, input);
        return ok(`Created ${created.username} (${created.role}). Give them their password in person.`);
      }
      case 'set-role': {
        const changed = changeStaffRole(db, input.accountId, input.role);
        return ok(`${changed.username} is now ${changed.role}.`);
      }
      case 'disable':
        if (input.accountId === me.id) return refuse(400, { formError: 'You cannot disable your own account.' });
        return ok(`${disableStaffAccount(db, input.accountId).username} is disabled and signed out.`);
      case 'enable':
        return ok(`${enableStaffAccount(db, input.accountId).username} can sign in again.`);
      case 'set-password':
        await setStaffPassword(db, input.accountId, input.password);
        return ok('Password changed; that account was signed out everywhere.');
    }
  } catch (error) {
    if (error instanceof StaffUsernameTakenError) return refuse(409, { fieldErrors: { username: [error.message] } });
    if (error instanceof LastAdminError) return refuse(409, { formError: error.message });
    if (error instanceof StaffAccountNotFoundError) return refuse(404, { formError: error.message });
    throw error;
  }
}
