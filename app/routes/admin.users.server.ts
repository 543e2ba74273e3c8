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
import { listUsers } from '#db/users.ts';
import {
  linkedPersonOf,
  linkStaffToPerson,
  listStaffPersonLinks,
  StaffPersonLinkError,
  unlinkStaff,
} from '#db/voicemail-inbox.ts';
import { translateFieldErrors } from '../i18n/translate-message.ts';
import { revokeAfterLinkChange, type SoftphoneDeps } from '../softphone/credentials.server.ts';
import { staffFieldErrors } from '../staff-form-errors.ts';

/**
 * The accounts, each with the person of the directory it is linked to (staff_person_links: whose phone its softphone
 * registers as, and whose voicemail it hears), and the people it may be linked to.
 */
export function loadStaffPage(db: SwitchboardDb, me: { id: string }) {
  const links = new Map(listStaffPersonLinks(db).map((link) => [link.accountId, link.personId]));
  return {
    accounts: listStaffAccounts(db).map((account) => ({ ...account, personId: links.get(account.id) ?? null })),
    me: me.id,
    roles: STAFF_ROLES,
    people: listUsers(db).map((person) => ({
      id: person.id,
      name: person.displayName || person.username,
      extension: person.extension,
    })),
  };
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
  // "" = linked to nobody
  z.object({ intent: z.literal('set-person'), accountId, personId: z.string() }),
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
 * Creates an account, or changes one's role, password, person or whether it may sign in, for administrator `me`;
 * says what happened with `t`. `softphone` revokes the softphone password of the person an account stops being.
 */
export async function changeStaffAccounts(
  db: SwitchboardDb,
  me: { id: string; username: string },
  formData: FormData,
  t: Translate,
  softphone: SoftphoneDeps = { db, provisioner: null, iceServers: [] },
) {
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
      case 'disable': {
        if (input.accountId === me.id) return refuse(400, { formError: t('admin:users.errors.disableYourself') });
        const disabled = disableStaffAccount(db, input.accountId);
        const person = linkedPersonOf(db, disabled.id);
        await revokeAfterLinkChange(softphone, person, null, `staff "${disabled.username}" disabled`);
        return ok(t('admin:users.done.disabled', { username: disabled.username }));
      }
      case 'enable':
        return ok(t('admin:users.done.enabled', { username: enableStaffAccount(db, input.accountId).username }));
      case 'set-password':
        await setStaffPassword(db, input.accountId, input.password);
        return ok(t('admin:users.done.passwordChanged'));
      case 'set-person':
        return await setStaffPerson(db, me, input, t, softphone, ok, refuse);
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

/** Links the account to a person of the directory ("" = to nobody), refusing a person another account holds. */
async function setStaffPerson(
  db: SwitchboardDb,
  me: { username: string },
  input: { accountId: string; personId: string },
  t: Translate,
  softphone: SoftphoneDeps,
  ok: (done: string) => StaffActionResult,
  refuse: (status: number, result: Partial<StaffActionResult>) => ReturnType<typeof data<StaffActionResult>>,
) {
  const account = listStaffAccounts(db).find((candidate) => candidate.id === input.accountId);
  if (!account) return refuse(404, { formError: t('admin:users.errors.notFound') });
  const before = linkedPersonOf(db, account.id);
  if (input.personId === '') {
    unlinkStaff(db, account.id);
    await revokeAfterLinkChange(softphone, before, null, `staff "${account.username}" unlinked`);
    return ok(t('staffPhone:done.unlinked', { username: account.username }));
  }
  try {
    linkStaffToPerson(db, { accountId: account.id, personId: input.personId, linkedBy: me.username });
  } catch (error) {
    if (!(error instanceof StaffPersonLinkError)) throw error;
    const problem = error.problem;
    if (problem.kind === 'already-linked') {
      const person = listUsers(db).find((candidate) => candidate.id === input.personId);
      const name = person ? t('staffPhone:person', { name: person.displayName, extension: person.extension }) : '';
      return refuse(409, {
        accountId: account.id,
        formError: t('staffPhone:errors.alreadyLinked', { person: name || problem.person, account: problem.account }),
      });
    }
    if (problem.kind === 'no-person') return refuse(404, { formError: t('staffPhone:errors.noPerson') });
    return refuse(404, { formError: t('admin:users.errors.notFound') });
  }
  await revokeAfterLinkChange(
    softphone,
    before,
    input.personId,
    `staff "${account.username}" linked to another person`,
  );
  const person = linkedPersonOf(db, account.id)!;
  return ok(
    t('staffPhone:done.linked', {
      username: account.username,
      person: t('staffPhone:person', { name: person.displayName, extension: person.extension }),
    }),
  );
}
