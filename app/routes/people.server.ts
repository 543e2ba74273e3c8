// The people page's storage and provisioning work: the directory as the page lists it, and adding, editing or
// removing a person (provisioning/people/people-service.ts), each refusal sent back to the field it belongs to.
import { data } from 'react-router';
import type { SwitchboardDb } from '#db/client.ts';
import { InvalidUserInputError, UserConflictError, UserNotFoundError } from '#db/errors.ts';
import type { InputProblem } from '#db/input-problem.ts';
import { getUserById, listUsers } from '#db/users.ts';
import { addPerson, changePerson, removePerson, type PeopleServiceDeps } from '#provisioning/people/people-service.ts';
import { describeAsteriskOutcome, describeFlowOutcome, type Tone } from '#provisioning/people/describe-outcome.ts';
import type { SwitchboardServices } from '#server/services.ts';
import type { Translate } from '#i18n/translator.ts';

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

/** A refused field in the reader's language: by its catalogue key when it has one, else as it was written. */
function problemText(t: Translate, problem: InputProblem): string {
  return problem.key ? String(t(problem.key as never, problem.values ?? {})) : problem.message;
}

/**
 * Adds, edits or removes a person of the directory, for administrator `author`: what the page says next, in the
 * language of `t`.
 */
export async function changePeople(
  services: Pick<SwitchboardServices, 'db' | 'prompts' | 'sipProvisioner'>,
  author: string,
  form: FormData,
  t: Translate,
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
          done: t('people:done.added', {
            name: change.person.displayName,
            extension: change.person.extension,
            username: change.person.username,
          }),
          notes: notesOf(describeFlowOutcome(change.flow, t), describeAsteriskOutcome(change.asterisk, 'saved', t)),
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
          done: t('people:done.saved', { name: change.person.displayName, extension: change.person.extension }),
          notes: notesOf(describeFlowOutcome(change.flow, t), describeAsteriskOutcome(change.asterisk, 'saved', t)),
          flowId: change.flow.kind === 'published' ? change.flow.flowId : null,
        });
      }
      case 'remove': {
        const person = getUserById(db, personId);
        if (!person) throw new UserNotFoundError(personId);
        const removal = await removePerson(deps, personId);
        return data<PeopleActionResult>({
          intent,
          done: t('people:done.removed', { name: removal.person.displayName, extension: removal.person.extension }),
          notes: notesOf(describeFlowOutcome(removal.flow, t), describeAsteriskOutcome(removal.asterisk, 'removed', t)),
          flowId: null,
        });
      }
      default:
        return refuse(400, {}, t('people:errors.unknownAction', { intent }));
    }
  } catch (error) {
    if (error instanceof InvalidUserInputError) {
      return refuse(400, Object.fromEntries(error.problems.map((problem) => [problem.field, problemText(t, problem)])));
    }
    if (error instanceof UserConflictError) {
      const message =
        error.field === 'username'
          ? t('people:errors.usernameTaken', { value: error.value })
          : t('people:errors.extensionTaken', { value: error.value });
      return refuse(409, { [error.field]: message });
    }
    if (error instanceof UserNotFoundError) return refuse(404, {}, t('people:errors.gone'));
    throw error;
  }
}

function notesOf(...notes: ({ text: string; tone: Tone } | null)[]) {
  return notes.filter((note): note is { text: string; tone: Tone } => note !== null);
}
