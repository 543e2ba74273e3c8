// The /departments page's storage work: what each role sees, and every change its forms make. Supervisors (editors,
// administrators) manage departments and see every agent; anyone whose staff account is linked to a person of the
// directory (docs/decisions/007) logs in and out, pauses and unpauses as that person, and only as that person.
import type { StaffRole } from '#db/auth.ts';
import type { SwitchboardDb } from '#db/client.ts';
import {
  addMember,
  AgentActionError,
  createDepartment,
  DepartmentConflictError,
  DepartmentNotFoundError,
  deleteDepartment,
  departmentNameLookup,
  getAgent,
  InvalidDepartmentInputError,
  listAgents,
  listDepartments,
  loginAgent,
  logoutAgent,
  pauseAgent,
  removeMember,
  setMemberPenalty,
  unpauseAgent,
  updateDepartment,
  type AgentOverview,
} from '#db/departments.ts';
import { UserNotFoundError } from '#db/errors.ts';
import { listUsers } from '#db/users.ts';
import { linkedPersonOf } from '#db/voicemail-inbox.ts';
import { z } from 'zod';
import type { Translate } from '#i18n/translator.ts';
import { translateMessage } from '../i18n/translate-message.ts';
import { problemText, refusalText } from './department-errors.server.ts';
import { pauseReasonLabel } from './department-text.ts';

export type Viewer = { id: string; role: StaffRole };

export function isSupervisor(role: StaffRole): boolean {
  return role === 'editor' || role === 'admin';
}

/** What the live views show of agents: every agent for supervisors, one's own for the others. */
export interface AgentsSnapshot {
  agents: AgentOverview[];
  /** Department id -> name, for states that name a department. */
  departmentNames: Record<string, string>;
}

export function agentsSnapshot(db: SwitchboardDb, viewer: Viewer): AgentsSnapshot {
  const names = Object.fromEntries(listDepartments(db).map((department) => [department.id, department.name]));
  if (isSupervisor(viewer.role)) return { agents: listAgents(db), departmentNames: names };
  const person = linkedPersonOf(db, viewer.id);
  return { agents: person ? [getAgent(db, person.id)] : [], departmentNames: names };
}

export function loadDepartmentsPage(db: SwitchboardDb, viewer: Viewer) {
  const person = linkedPersonOf(db, viewer.id);
  const supervisor = isSupervisor(viewer.role);
  return {
    supervisor,
    /** The signed-in account's own agent, or why there is none. */
    me: person ? ({ kind: 'linked', agent: getAgent(db, person.id) } as const) : ({ kind: 'unlinked' } as const),
    departments: listDepartments(db),
    snapshot: agentsSnapshot(db, viewer),
    people: supervisor
      ? listUsers(db).map((p) => ({ id: p.id, username: p.username, label: `${p.extension} · ${p.displayName}` }))
      : [],
  };
}

export type DepartmentsActionResult =
  | { ok: true; form: string; done: string }
  | {
      ok: false;
      /** Which form the error belongs to: "create", "department:<id>", "members:<id>", "me". */
      form: string;
      message: string;
      fieldErrors: Record<string, string>;
      values: Record<string, string>;
    };

const text = z.string().default('');
const departmentId = z.string().min(1, 'departments:errors.whichDepartment');
const actionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    name: text,
    strategy: text,
    agentRingSeconds: text,
    retrySeconds: text,
    wrapUpSeconds: text,
    widenPenaltyEverySeconds: text,
    dialCode: text,
  }),
  z.object({
    intent: z.literal('update'),
    departmentId,
    name: text,
    strategy: text,
    agentRingSeconds: text,
    retrySeconds: text,
    wrapUpSeconds: text,
    widenPenaltyEverySeconds: text,
    dialCode: text,
  }),
  z.object({ intent: z.literal('delete'), departmentId, confirm: text }),
  z.object({ intent: z.literal('add-member'), departmentId, personId: text, penalty: text }),
  z.object({ intent: z.literal('set-penalty'), departmentId, personId: z.string().min(1), penalty: text }),
  z.object({ intent: z.literal('remove-member'), departmentId, personId: z.string().min(1) }),
  z.object({ intent: z.literal('my-login'), departmentId: z.string().default('') }),
  z.object({ intent: z.literal('my-logout'), departmentId: z.string().default('') }),
  z.object({ intent: z.literal('my-pause'), reason: text, otherReason: text }),
  z.object({ intent: z.literal('my-unpause') }),
]);

type Input = z.infer<typeof actionSchema>;

function formOf(input: Input): string {
  switch (input.intent) {
    case 'create':
      return 'create';
    case 'update':
    case 'delete':
      return `department:${input.departmentId}`;
    case 'add-member':
    case 'set-penalty':
    case 'remove-member':
      return `members:${input.departmentId}`;
    default:
      return 'me';
  }
}

function failed(form: string, message: string, values: Record<string, string>, fieldErrors = {}) {
  return { ok: false as const, form, message, fieldErrors, values };
}

/**
 * Applies one form of the page; returns what to tell the person, in the language of `t`. Throws only for the
 * unexpected.
 */
export function changeDepartments(
  db: SwitchboardDb,
  viewer: Viewer,
  form: FormData,
  t: Translate,
): DepartmentsActionResult {
  const raw = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string')) as Record<
    string,
    string
  >;
  delete raw.csrf;
  const parsed = actionSchema.safeParse(raw);
  if (!parsed.success) {
    return failed('page', parsed.error.issues.map((issue) => translateMessage(t, issue.message)).join('; '), raw);
  }
  const input = parsed.data;
  const where = formOf(input);
  if (!input.intent.startsWith('my-') && !isSupervisor(viewer.role)) {
    return failed(where, t('departments:errors.needsSupervisor'), raw);
  }
  try {
    return { ok: true, form: where, done: apply(db, viewer, input, t) };
  } catch (error) {
    if (error instanceof InvalidDepartmentInputError) {
      const fieldErrors = Object.fromEntries(error.problems.map((problem) => [problem.field, problemText(t, problem)]));
      return failed(where, t('departments:errors.correctFields'), raw, fieldErrors);
    }
    const why = refusalOf(t, error);
    if (why === null) throw error;
    const fieldErrors = error instanceof DepartmentConflictError ? { name: why } : {};
    return failed(where, t('departments:errors.nothingSaved', { why }), raw, fieldErrors);
  }
}

/** The sentence for an expected refusal, or null for an error nobody expected. */
function refusalOf(t: Translate, error: unknown): string | null {
  if (error instanceof DepartmentConflictError)
    return t('departments:errors.nameTaken', { name: error.departmentName });
  if (error instanceof DepartmentNotFoundError) return t('departments:errors.departmentNotFound');
  if (error instanceof UserNotFoundError) return t('departments:errors.personNotFound');
  if (error instanceof AgentActionError) return refusalText(t, error);
  return null;
}

function settings(input: Extract<Input, { intent: 'create' | 'update' }>) {
  return {
    name: input.name,
    strategy: input.strategy as never,
    agentRingSeconds: input.agentRingSeconds,
    retrySeconds: input.retrySeconds,
    wrapUpSeconds: input.wrapUpSeconds,
    widenPenaltyEverySeconds: input.widenPenaltyEverySeconds,
    dialCode: input.dialCode,
  };
}

function apply(db: SwitchboardDb, viewer: Viewer, input: Input, t: Translate): string {
  switch (input.intent) {
    case 'create': {
      const created = createDepartment(db, settings(input));
      return t('departments:done.created', { name: created.name });
    }
    case 'update': {
      const saved = updateDepartment(db, input.departmentId, settings(input));
      return t('departments:done.saved', { name: saved.name });
    }
    case 'delete': {
      const deleted = deleteDepartment(db, input.departmentId);
      return deleted.members.length > 0
        ? t('departments:done.deletedWithMembers', { name: deleted.name })
        : t('departments:done.deleted', { name: deleted.name });
    }
    case 'add-member': {
      if (input.personId === '')
        throw new InvalidDepartmentInputError([{ field: 'personId', message: 'departments:errors.choosePerson' }]);
      const department = addMember(db, {
        department: input.departmentId,
        person: input.personId,
        penalty: input.penalty || 0,
      });
      const member = department.members.find((m) => m.personId === input.personId);
      return t('departments:done.memberAdded', {
        person: member?.displayName ?? t('departments:done.thePerson'),
        department: department.name,
        penalty: member?.penalty ?? 0,
      });
    }
    case 'set-penalty': {
      const department = setMemberPenalty(db, { ...input, department: input.departmentId, person: input.personId });
      const member = department.members.find((m) => m.personId === input.personId);
      return t('departments:done.penaltySet', {
        person: member?.displayName ?? t('departments:done.theMember'),
        department: department.name,
        penalty: member?.penalty ?? 0,
      });
    }
    case 'remove-member': {
      const department = removeMember(db, { department: input.departmentId, person: input.personId });
      return t('departments:done.removed', { department: department.name });
    }
    default:
      return applyToMe(db, viewer, input, t);
  }
}

function applyToMe(
  db: SwitchboardDb,
  viewer: Viewer,
  input: Extract<Input, { intent: `my-${string}` }>,
  t: Translate,
): string {
  const person = linkedPersonOf(db, viewer.id);
  if (!person) {
    throw new AgentActionError(
      'your account is not linked to a person of the directory; an administrator links it on Voicemail access',
      'not-linked',
    );
  }
  const names = departmentNameLookup(db);
  const choice = (id: string) => (id === '' ? { kind: 'all' as const } : { kind: 'one' as const, department: id });
  switch (input.intent) {
    case 'my-login': {
      const agent = loginAgent(db, person.id, choice(input.departmentId));
      return input.departmentId === ''
        ? t('departments:done.loggedInToCount', { count: loggedInCount(agent) })
        : t('departments:done.loggedInTo', { department: names(input.departmentId) });
    }
    case 'my-logout': {
      const agent = logoutAgent(db, person.id, choice(input.departmentId));
      const rest = loggedInCount(agent);
      if (input.departmentId !== '' && rest > 0)
        return t('departments:done.loggedOutOf', { department: names(input.departmentId), count: rest });
      return agent.state.kind === 'logged-out'
        ? t('departments:done.loggedOutOfAll')
        : t('departments:done.loggedOutOfAllOnCall');
    }
    case 'my-pause': {
      const reason = input.reason === 'other' ? input.otherReason : input.reason;
      if (input.reason === 'other' && reason.trim() === '') {
        throw new InvalidDepartmentInputError([{ field: 'otherReason', message: 'departments:errors.sayWhy' }]);
      }
      const agent = pauseAgent(db, person.id, reason);
      return agent.pendingPause !== null
        ? t('departments:done.pausePending', { reason: pauseReasonLabel(t, agent.pendingPause) })
        : t('departments:done.paused', {
            reason: agent.state.kind === 'paused' ? pauseReasonLabel(t, agent.state.reason) : '',
          });
    }
    case 'my-unpause': {
      const before = getAgent(db, person.id);
      const agent = unpauseAgent(db, person.id);
      if (before.pendingPause !== null) return t('departments:done.pauseCancelled');
      return agent.state.kind === 'available' ? t('departments:done.available') : t('departments:done.noPause');
    }
  }
}

function loggedInCount(agent: AgentOverview): number {
  return agent.departments.filter((d) => d.loggedIn).length;
}
