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
const departmentId = z.string().min(1, 'Which department? Reload the page and try again');
const actionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    name: text,
    strategy: text,
    agentRingSeconds: text,
    retrySeconds: text,
    wrapUpSeconds: text,
    widenPenaltyEverySeconds: text,
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

/** Applies one form of the page; returns what to tell the person. Throws only for the unexpected. */
export function changeDepartments(db: SwitchboardDb, viewer: Viewer, form: FormData): DepartmentsActionResult {
  const raw = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string')) as Record<
    string,
    string
  >;
  delete raw.csrf;
  const parsed = actionSchema.safeParse(raw);
  if (!parsed.success) {
    return failed('page', parsed.error.issues.map((issue) => issue.message).join('; '), raw);
  }
  const input = parsed.data;
  const where = formOf(input);
  if (!input.intent.startsWith('my-') && !isSupervisor(viewer.role)) {
    return failed(where, 'Managing departments needs the editor or admin role.', raw);
  }
  try {
    return { ok: true, form: where, done: apply(db, viewer, input) };
  } catch (error) {
    if (error instanceof InvalidDepartmentInputError) {
      const fieldErrors = Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message]));
      return failed(where, 'Nothing was saved: correct the fields in red.', raw, fieldErrors);
    }
    if (
      error instanceof DepartmentConflictError ||
      error instanceof DepartmentNotFoundError ||
      error instanceof AgentActionError ||
      error instanceof UserNotFoundError
    ) {
      const fieldErrors = error instanceof DepartmentConflictError ? { name: error.message } : {};
      return failed(where, `Nothing was saved: ${error.message}.`, raw, fieldErrors);
    }
    throw error;
  }
}

function settings(input: Extract<Input, { intent: 'create' | 'update' }>) {
  return {
    name: input.name,
    strategy: input.strategy as never,
    agentRingSeconds: input.agentRingSeconds,
    retrySeconds: input.retrySeconds,
    wrapUpSeconds: input.wrapUpSeconds,
    widenPenaltyEverySeconds: input.widenPenaltyEverySeconds,
  };
}

function apply(db: SwitchboardDb, viewer: Viewer, input: Input): string {
  switch (input.intent) {
    case 'create': {
      const created = createDepartment(db, settings(input));
      return `Created the department ${created.name}. Add its members below.`;
    }
    case 'update': {
      const saved = updateDepartment(db, input.departmentId, settings(input));
      return `Saved ${saved.name}.`;
    }
    case 'delete': {
      const deleted = deleteDepartment(db, input.departmentId);
      return `Deleted the department ${deleted.name}${deleted.members.length > 0 ? ' and its memberships' : ''}.`;
    }
    case 'add-member': {
      if (input.personId === '')
        throw new InvalidDepartmentInputError([{ field: 'personId', message: 'Choose a person' }]);
      const department = addMember(db, {
        department: input.departmentId,
        person: input.personId,
        penalty: input.penalty || 0,
      });
      const member = department.members.find((m) => m.personId === input.personId);
      return `${member?.displayName ?? 'The person'} is in ${department.name} with penalty ${member?.penalty ?? 0}.`;
    }
    case 'set-penalty': {
      const department = setMemberPenalty(db, { ...input, department: input.departmentId, person: input.personId });
      const member = department.members.find((m) => m.personId === input.personId);
      return `${member?.displayName ?? 'The member'} now has penalty ${member?.penalty} in ${department.name}.`;
    }
    case 'remove-member': {
      const department = removeMember(db, { department: input.departmentId, person: input.personId });
      return `Removed from ${department.name}.`;
    }
    default:
      return applyToMe(db, viewer, input);
  }
}

function applyToMe(db: SwitchboardDb, viewer: Viewer, input: Extract<Input, { intent: `my-${string}` }>): string {
  const person = linkedPersonOf(db, viewer.id);
  if (!person) {
    throw new AgentActionError(
      'your account is not linked to a person of the directory; an administrator links it on Voicemail access',
    );
  }
  const names = departmentNameLookup(db);
  const choice = (id: string) => (id === '' ? { kind: 'all' as const } : { kind: 'one' as const, department: id });
  switch (input.intent) {
    case 'my-login': {
      const agent = loginAgent(db, person.id, choice(input.departmentId));
      return input.departmentId === ''
        ? `Logged in to ${countOf(agent)}.`
        : `Logged in to ${names(input.departmentId)}.`;
    }
    case 'my-logout': {
      const agent = logoutAgent(db, person.id, choice(input.departmentId));
      const rest = countOf(agent);
      return input.departmentId === '' || rest === 'no department'
        ? agent.state.kind === 'logged-out'
          ? 'Logged out of every department.'
          : 'Logged out of every department: you stay on your call, no new call will ring you.'
        : `Logged out of ${names(input.departmentId)}; still logged in to ${rest}.`;
    }
    case 'my-pause': {
      const reason = input.reason === 'other' ? input.otherReason : input.reason;
      if (input.reason === 'other' && reason.trim() === '') {
        throw new InvalidDepartmentInputError([{ field: 'otherReason', message: 'Say why, or choose a reason' }]);
      }
      const agent = pauseAgent(db, person.id, reason);
      return agent.pendingPause !== null
        ? `Your pause (${agent.pendingPause}) starts when this call ends.`
        : `Paused: ${agent.state.kind === 'paused' ? agent.state.reason : ''}.`;
    }
    case 'my-unpause': {
      const agent = unpauseAgent(db, person.id);
      return agent.state.kind === 'available' ? 'Available: calls can ring you again.' : 'No pause to end.';
    }
  }
}

function countOf(agent: AgentOverview): string {
  const n = agent.departments.filter((d) => d.loggedIn).length;
  return n === 0 ? 'no department' : n === 1 ? '1 department' : `${n} departments`;
}
