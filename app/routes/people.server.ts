// The people page's storage and provisioning work: the directory as the page lists it, and adding, editing or
// removing a person (provisioning/people/people-service.ts), each refusal sent back to the field it belongs to.
import { data } from 'react-router';
import type { SwitchboardDb } from '#db/client.ts';
import { InvalidUserInputError, UserConflictError, UserNotFoundError } from '#db/errors.ts';
import { getUserById, listUsers } from '#db/users.ts';
import { addPerson, changePerson, removePerson, type PeopleServiceDeps } from '#provisioning/people/people-service.ts';
import { describeAsteriskOutcome, describeFlowOutcome, type Tone } from '#provisioning/people/describe-outcome.ts';
import type { SwitchboardServices } from '#server/services.ts';

/** Everyone in the directory, without secrets; a PIN locked after wrong tries shows as such. */
export function loadPeoplePage(db: SwitchboardDb, now = Date.now()) {
  return listUsers(db).map((person) => ({
    id: person.id,
    username: person.username,
    extension: person.extension,
    displayName: person.displayName,
    email: person.email,
    language: person.language,
    pinLocked: person.pinLockedUntil !== null && person.pinLockedUntil > now,
  }));
}

/** Non-secret fields typed in the form, sent back after a refusal so nobody types them twice. */
export type FormValues = Partial<Record<'username' | 'extension' | 'displayName' | 'email' | 'language', string>>;

export type PeopleActionResult =
  | { intent: string; personId?: string; fieldErrors: Record<string, string>; formError?: string; values: FormValues }
  | { intent: string; done: string; notes: { text: string; tone: Tone }[]; flowId: string | null };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};
/** An empty secret field means "keep the current one" when editing. */
const optional = (value: string) => (value === '' ? undefined : value);

function valuesOf(form: FormData): FormValues {
  return {
    username: text(form, 'username'),
    extension: text(form, 'extension'),
    displayName: text(form, 'displayName'),
    email: text(form, 'email'),
    language: text(form, 'language'),
  };
}

/** Adds, edits or removes a person of the directory, for administrator `author`: what the page says next. */
export async function changePeople(
  services: Pick<SwitchboardServices, 'db' | 'prompts' | 'sipProvisioner'>,
  author: string,
  form: FormData,
) {
  const { db, prompts } = services;
  const intent = text(form, 'intent');
  const personId = text(form, 'personId');
  const deps: PeopleServiceDeps = {
    db,
    prompts,
    provisioner: services.sipProvisioner ?? null,
    author,
  };
  const refuse = (status: number, fieldErrors: Record<string, string>, formError?: string) =>
    data<PeopleActionResult>(
      { intent, personId, fieldErrors, ...(formError ? { formError } : {}), values: valuesOf(form) },
      { status },
    );

  try {
    switch (intent) {
      case 'add': {
        const change = await addPerson(deps, {
          username: text(form, 'username'),
          extension: text(form, 'extension'),
          displayName: text(form, 'displayName'),
          email: optional(text(form, 'email')) ?? null,
          language: optional(text(form, 'language')),
          sipPassword: String(form.get('sipPassword') ?? ''),
          voicemailPin: text(form, 'voicemailPin'),
        });
        return data<PeopleActionResult>({
          intent,
          done: `Added ${change.person.displayName}, extension ${change.person.extension}, user name ${change.person.username}.`,
          notes: notesOf(describeFlowOutcome(change.flow), describeAsteriskOutcome(change.asterisk, 'saved')),
          flowId: change.flow.kind === 'published' ? change.flow.flowId : null,
        });
      }
      case 'edit': {
        const sipPassword = optional(String(form.get('sipPassword') ?? ''));
        const voicemailPin = optional(text(form, 'voicemailPin'));
        const change = await changePerson(deps, personId, {
          username: text(form, 'username'),
          extension: text(form, 'extension'),
          displayName: text(form, 'displayName'),
          email: optional(text(form, 'email')) ?? null,
          language: text(form, 'language'),
          ...(sipPassword !== undefined ? { sipPassword } : {}),
          ...(voicemailPin !== undefined ? { voicemailPin } : {}),
        });
        return data<PeopleActionResult>({
          intent,
          done: `Saved ${change.person.displayName} (${change.person.extension}).`,
          notes: notesOf(describeFlowOutcome(change.flow), describeAsteriskOutcome(change.asterisk, 'saved')),
          flowId: change.flow.kind === 'published' ? change.flow.flowId : null,
        });
      }
      case 'remove': {
        const person = getUserById(db, personId);
        if (!person) throw new UserNotFoundError(personId);
        const removal = await removePerson(deps, personId);
        return data<PeopleActionResult>({
          intent,
          done: `Removed ${removal.person.displayName} (${removal.person.extension}) and their voicemail messages.`,
          notes: notesOf(describeFlowOutcome(removal.flow), describeAsteriskOutcome(removal.asterisk, 'removed')),
          flowId: null,
        });
      }
      default:
        return refuse(400, {}, `Unknown action "${intent}"`);
    }
  } catch (error) {
    if (error instanceof InvalidUserInputError) {
      return refuse(400, Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message])));
    }
    if (error instanceof UserConflictError) return refuse(409, { [error.field]: error.message });
    if (error instanceof UserNotFoundError)
      return refuse(404, {}, 'That person no longer exists: someone removed them meanwhile.');
    throw error;
  }
}

function notesOf(...notes: ({ text: string; tone: Tone } | null)[]) {
  return notes.filter((note): note is { text: string; tone: Tone } => note !== null);
}
