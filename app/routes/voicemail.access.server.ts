// The voicemail access page's storage work: every staff account with the person it hears, and linking or unlinking.
import type { SwitchboardDb } from '#db/client.ts';
import { listStaffAccounts } from '#db/auth.ts';
import { listUsers } from '#db/users.ts';
import {
  linkedPersonOf,
  linkStaffToPerson,
  listStaffPersonLinks,
  StaffPersonLinkError,
  unlinkStaff,
  type StaffPersonLinkProblem,
} from '#db/voicemail-inbox.ts';
import type { Translate } from '#i18n/translator.ts';

export function loadVoicemailAccessPage(db: SwitchboardDb) {
  const links = new Map(listStaffPersonLinks(db).map((link) => [link.accountId, link]));
  return {
    accounts: listStaffAccounts(db).map((account) => ({
      id: account.id,
      username: account.username,
      role: account.role,
      disabled: account.disabledAt !== null,
      link: links.get(account.id) ?? null,
    })),
    people: listUsers(db).map((person) => ({
      id: person.id,
      label: `${person.extension} · ${person.displayName} (${person.username})`,
    })),
  };
}

/** The person the account is linked to now, or null. */
export function linkedPersonOfAccount(db: SwitchboardDb, accountId: string): { id: string } | null {
  return linkedPersonOf(db, accountId);
}

export function unlinkStaffAccount(db: SwitchboardDb, accountId: string): void {
  unlinkStaff(db, accountId);
}

/**
 * Links the account to the person, or says why not (the person or account is gone, or already linked), in the
 * language of `t`.
 */
export function linkStaffAccountToPerson(
  db: SwitchboardDb,
  input: { accountId: string; personId: string; linkedBy: string },
  t: Translate,
): { ok: true } | { ok: false; message: string } {
  try {
    linkStaffToPerson(db, input);
    return { ok: true };
  } catch (error) {
    if (error instanceof StaffPersonLinkError) return { ok: false, message: describeLinkProblem(t, error.problem) };
    throw error;
  }
}

function describeLinkProblem(t: Translate, problem: StaffPersonLinkProblem): string {
  switch (problem.kind) {
    case 'no-account':
      return t('voicemail:access.errors.noAccount');
    case 'no-person':
      return t('voicemail:access.errors.noPerson');
    case 'already-linked':
      return t('voicemail:access.errors.alreadyLinked', { person: problem.person, account: problem.account });
  }
}
