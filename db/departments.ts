import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { RING_STRATEGIES, type AgentState, type RingStrategy } from '#runtime/queue/departments.ts';
import { DEFAULT_PAUSE_REASON, MAX_PAUSE_REASON_LENGTH, pauseReasonByLabel } from '#runtime/queue/pause-reasons.ts';
import { afterLoginChange, afterPause, afterUnpause, LOGGED_OUT, type StoredAgent } from './agent-state-rules.ts';
import type { SwitchboardDb, SwitchboardQueries } from './client.ts';
import { UserNotFoundError } from './errors.ts';
import { newId } from './ids.ts';
import { agentStatuses, departmentMembers, departments, users } from './schema.ts';

// Departments, their members and agents' states (docs/call-centre.md, docs/decisions/015-agent-state.md).
// Who changes what:
// - the person (web, CLI, feature codes) logs in and out of departments, pauses and unpauses: loginAgent, logoutAgent,
//   pauseAgent, unpauseAgent below;
// - the runtime (queue service) sets ringing, on-call and wrap-up through AgentDirectory.saveAgentStatus
//   (db/agent-directory.ts). The rules where the two meet are db/agent-state-rules.ts.
// A person's change never clobbers what the runtime holds: while an agent is ringing or on a call, a pause is kept
// as pending and starts when the runtime lets go of them; logging out of the last department stops new calls at once
// (memberships are logged out) and the state becomes logged-out when the call ends. During wrap-up (the agent's own
// rest time) a person's change takes effect at once.

// ---------------------------------------------------------------------------------------------------------------
// Errors

export class DepartmentNotFoundError extends Error {
  override readonly name = 'DepartmentNotFoundError';
  constructor(readonly key: string) {
    super(`No department with name or id "${key}"`);
  }
}

export class DepartmentConflictError extends Error {
  override readonly name = 'DepartmentConflictError';
  constructor(readonly departmentName: string) {
    super(`A department named "${departmentName}" already exists`);
  }
}

/**
 * One field's problem: an English message (the CLI prints it), and what the web needs to word it in the reader's
 * language: the kind of problem (zod's issue code, or our own such as "dial-code-taken") and the names it mentions.
 */
export interface DepartmentInputProblem {
  field: string;
  message: string;
  code?: string;
  values?: Record<string, string | number>;
}

/** Input for a department or a membership that fails its checks; `problems` name the field each message belongs to. */
export class InvalidDepartmentInputError extends Error {
  override readonly name = 'InvalidDepartmentInputError';
  constructor(readonly problems: DepartmentInputProblem[]) {
    super(`Invalid department details: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

/** Why an agent action does not apply, for pages that word it in their own language. */
export type AgentActionRefusal = 'not-a-member' | 'in-no-department' | 'not-logged-in' | 'not-linked';

/** An agent action that does not apply (not a member, pausing while logged out...). Nothing was written. */
export class AgentActionError extends Error {
  override readonly name = 'AgentActionError';
  constructor(
    message: string,
    readonly refusal?: AgentActionRefusal,
    readonly values: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Change notification (in-process)

// Listeners by database file. Every change made through this module tells them, in this process only: a runtime
// running in another process (`npm run runtime`) does not hear the web's changes and must poll (re-read the
// directory every few seconds) to notice them. Changes are rare (people log in a few times a day), so polling is cheap.
const listenersByFile = new Map<string, Set<() => void>>();

export function onDepartmentsChanged(db: SwitchboardDb, listener: () => void): () => void {
  let listeners = listenersByFile.get(db.file);
  if (!listeners) {
    listeners = new Set();
    listenersByFile.set(db.file, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) listenersByFile.delete(db.file);
  };
}

/** Tells this process's listeners (onDepartmentsChanged) that something changed. */
export function notifyDepartmentsChanged(db: SwitchboardDb): void {
  for (const listener of [...(listenersByFile.get(db.file) ?? [])]) {
    try {
      listener();
    } catch {
      // A listener's failure is its own business; the change is saved.
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Departments

export const DEPARTMENT_LIMITS = {
  agentRingSeconds: { min: 1, max: 600 },
  retrySeconds: { min: 0, max: 600 },
  wrapUpSeconds: { min: 0, max: 3600 },
  widenPenaltyEverySeconds: { min: 0, max: 3600 },
  penalty: { min: 0, max: 99 },
} as const;

function seconds(field: keyof typeof DEPARTMENT_LIMITS, what: string) {
  const { min, max } = DEPARTMENT_LIMITS[field];
  return z.coerce
    .number({ error: `${what} must be a whole number of seconds` })
    .int(`${what} must be a whole number of seconds`)
    .min(min, `${what} must be at least ${min} second${min === 1 ? '' : 's'}`)
    .max(max, `${what} must be at most ${max} seconds`);
}

const departmentFields = {
  name: z
    .string()
    .trim()
    .min(1, 'Give the department a name')
    .max(60, 'Keep the name under 60 characters')
    .refine((name) => !/^dep_/.test(name), 'A name cannot start with "dep_" (that is how ids start)'),
  strategy: z.enum(RING_STRATEGIES, { error: `Choose one of: ${RING_STRATEGIES.join(', ')}` }),
  agentRingSeconds: seconds('agentRingSeconds', 'Ring time'),
  retrySeconds: seconds('retrySeconds', 'Retry time'),
  wrapUpSeconds: seconds('wrapUpSeconds', 'Wrap-up time'),
  widenPenaltyEverySeconds: seconds('widenPenaltyEverySeconds', 'Widening interval'),
  /** Empty or "none" means no code. */
  dialCode: z.preprocess(
    (value) =>
      value === '' || value === null || value === undefined || value === 'none' ? null : Number(String(value).trim()),
    z
      .number({ error: 'A dial code is a whole number from 1 to 99 (or empty for none)' })
      .int('A dial code is a whole number from 1 to 99 (or empty for none)')
      .min(1, 'A dial code is a whole number from 1 to 99 (or empty for none)')
      .max(99, 'A dial code is a whole number from 1 to 99 (or empty for none)')
      .nullable(),
  ),
};
const createDepartmentSchema = z.object({
  ...departmentFields,
  strategy: departmentFields.strategy.default('ring-all'),
  agentRingSeconds: departmentFields.agentRingSeconds.default(15),
  retrySeconds: departmentFields.retrySeconds.default(5),
  wrapUpSeconds: departmentFields.wrapUpSeconds.default(10),
  widenPenaltyEverySeconds: departmentFields.widenPenaltyEverySeconds.default(0),
  dialCode: departmentFields.dialCode.default(null),
});
const updateDepartmentSchema = z.object(departmentFields).partial();
export type CreateDepartmentInput = z.input<typeof createDepartmentSchema>;
export type UpdateDepartmentInput = z.input<typeof updateDepartmentSchema>;

export const penaltySchema = z.coerce
  .number({ error: 'A penalty is a whole number from 0 to 99' })
  .int('A penalty is a whole number from 0 to 99')
  .min(0, 'A penalty is a whole number from 0 to 99')
  .max(99, 'A penalty is a whole number from 0 to 99');

function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidDepartmentInputError(
    result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(input)',
      message: issue.message,
      code: issue.code,
    })),
  );
}

/** A member as the web and the CLI show them. */
export interface DepartmentMemberRecord {
  personId: string;
  username: string;
  displayName: string;
  extension: string;
  penalty: number;
  loggedIn: boolean;
}

export interface DepartmentRecord {
  id: string;
  name: string;
  strategy: RingStrategy;
  agentRingSeconds: number;
  retrySeconds: number;
  wrapUpSeconds: number;
  widenPenaltyEverySeconds: number;
  /** *45 followed by it logs in to or out of this department alone; null when it has none. */
  dialCode: number | null;
  createdAt: number;
  updatedAt: number;
  /** By penalty, then user name. */
  members: DepartmentMemberRecord[];
}

type DepartmentRow = typeof departments.$inferSelect;

function membersOf(q: SwitchboardQueries, departmentIds: string[]): Map<string, DepartmentMemberRecord[]> {
  const byDepartment = new Map<string, DepartmentMemberRecord[]>(departmentIds.map((id) => [id, []]));
  if (departmentIds.length === 0) return byDepartment;
  const rows = q
    .select({
      departmentId: departmentMembers.departmentId,
      personId: users.id,
      username: users.username,
      displayName: users.displayName,
      extension: users.extension,
      penalty: departmentMembers.penalty,
      loggedIn: departmentMembers.loggedIn,
    })
    .from(departmentMembers)
    .innerJoin(users, eq(users.id, departmentMembers.personId))
    .orderBy(asc(departmentMembers.penalty), asc(users.username))
    .all();
  for (const { departmentId, ...member } of rows) byDepartment.get(departmentId)?.push(member);
  return byDepartment;
}

function findDepartmentRow(q: SwitchboardQueries, idOrName: string): DepartmentRow | undefined {
  const key = idOrName.trim();
  return (
    q.select().from(departments).where(eq(departments.id, key)).get() ??
    q
      .select()
      .from(departments)
      .where(sql`lower(${departments.name}) = lower(${key})`)
      .get()
  );
}

function requireDepartmentRow(q: SwitchboardQueries, idOrName: string): DepartmentRow {
  const row = findDepartmentRow(q, idOrName);
  if (!row) throw new DepartmentNotFoundError(idOrName);
  return row;
}

export function listDepartments(db: SwitchboardDb): DepartmentRecord[] {
  const rows = db.orm
    .select()
    .from(departments)
    .orderBy(asc(sql`lower(${departments.name})`))
    .all();
  const members = membersOf(
    db.orm,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, members: members.get(row.id) ?? [] }));
}

/** Department id -> name (the id itself when unknown), for states that name a department. */
export function departmentNameLookup(db: SwitchboardDb): (id: string) => string {
  const rows = db.orm.select({ id: departments.id, name: departments.name }).from(departments).all();
  const byId = new Map(rows.map((row) => [row.id, row.name]));
  return (id) => byId.get(id) ?? id;
}

/** A department by id or by name (case-insensitive), or null. */
export function getDepartment(db: SwitchboardDb, idOrName: string): DepartmentRecord | null {
  const row = findDepartmentRow(db.orm, idOrName);
  if (!row) return null;
  return { ...row, members: membersOf(db.orm, [row.id]).get(row.id) ?? [] };
}

/** Refuses a dial code another department has, naming it (nothing is written). */
function checkDialCode(q: SwitchboardQueries, dialCode: number | null | undefined, exceptId?: string): void {
  if (dialCode === null || dialCode === undefined) return;
  const other = q
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.dialCode, dialCode))
    .get();
  if (other && other.id !== exceptId) {
    throw new InvalidDepartmentInputError([
      {
        field: 'dialCode',
        message: `The dial code ${dialCode} is already that of ${other.name}`,
        code: 'dial-code-taken',
        values: { code: dialCode, department: other.name },
      },
    ]);
  }
}

function nameTaken(q: SwitchboardQueries, name: string, exceptId?: string): boolean {
  const other = q
    .select({ id: departments.id })
    .from(departments)
    .where(sql`lower(${departments.name}) = lower(${name})`)
    .get();
  return other !== undefined && other.id !== exceptId;
}

/**
 * Runs one change of a department and returns it as stored afterwards. The transaction is IMMEDIATE: it reads before it
 * writes while the runtime (maybe another process) writes agents' states, and SQLite refuses at once, whatever
 * busy_timeout says, to upgrade a deferred one then ("database is locked"). Listeners hear of the change after commit.
 */
function changeDepartment(db: SwitchboardDb, change: (tx: SwitchboardQueries) => string): DepartmentRecord {
  const id = db.orm.transaction(change, { behavior: 'immediate' });
  notifyDepartmentsChanged(db);
  return getDepartment(db, id)!;
}

export function createDepartment(db: SwitchboardDb, input: CreateDepartmentInput & { now?: number }): DepartmentRecord {
  const values = parseInput(createDepartmentSchema, input);
  const now = input.now ?? Date.now();
  const id = newId('dep');
  return changeDepartment(db, (tx) => {
    if (nameTaken(tx, values.name)) throw new DepartmentConflictError(values.name);
    checkDialCode(tx, values.dialCode);
    tx.insert(departments)
      .values({ id, ...values, createdAt: now, updatedAt: now })
      .run();
    return id;
  });
}

export function updateDepartment(
  db: SwitchboardDb,
  idOrName: string,
  patch: UpdateDepartmentInput & { now?: number },
): DepartmentRecord {
  const { now, ...fields } = patch;
  const values = parseInput(updateDepartmentSchema, fields);
  return changeDepartment(db, (tx) => {
    const row = requireDepartmentRow(tx, idOrName);
    if (values.name !== undefined && nameTaken(tx, values.name, row.id)) {
      throw new DepartmentConflictError(values.name);
    }
    checkDialCode(tx, values.dialCode, row.id);
    tx.update(departments)
      .set({ ...values, updatedAt: now ?? Date.now() })
      .where(eq(departments.id, row.id))
      .run();
    return row.id;
  });
}

/** Deletes a department and its memberships; agents logged in nowhere else become logged out. */
export function deleteDepartment(db: SwitchboardDb, idOrName: string, now = Date.now()): DepartmentRecord {
  const record = getDepartment(db, idOrName);
  if (!record) throw new DepartmentNotFoundError(idOrName);
  db.orm.transaction(
    (tx) => {
      tx.delete(departments).where(eq(departments.id, record.id)).run();
      for (const member of record.members) settleAfterLogout(tx, member.personId, now);
    },
    { behavior: 'immediate' },
  );
  notifyDepartmentsChanged(db);
  return record;
}

export function requirePerson(q: SwitchboardQueries, usernameOrId: string): { id: string; username: string } {
  const key = usernameOrId.trim();
  const person =
    q.select({ id: users.id, username: users.username }).from(users).where(eq(users.username, key)).get() ??
    q.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, key)).get();
  if (!person) throw new UserNotFoundError(usernameOrId);
  return person;
}

/** Adds a person to a department (logged out there), or changes their penalty if they are in it already. */
export function addMember(
  db: SwitchboardDb,
  input: { department: string; person: string; penalty?: number | string; now?: number },
): DepartmentRecord {
  const penalty = parseInput(z.object({ penalty: penaltySchema.default(0) }), { penalty: input.penalty }).penalty;
  return changeDepartment(db, (tx) => {
    const department = requireDepartmentRow(tx, input.department);
    const person = requirePerson(tx, input.person);
    tx.insert(departmentMembers)
      .values({ departmentId: department.id, personId: person.id, penalty, addedAt: input.now ?? Date.now() })
      .onConflictDoUpdate({
        target: [departmentMembers.departmentId, departmentMembers.personId],
        set: { penalty },
      })
      .run();
    return department.id;
  });
}

export function setMemberPenalty(
  db: SwitchboardDb,
  input: { department: string; person: string; penalty: number | string },
): DepartmentRecord {
  const penalty = parseInput(z.object({ penalty: penaltySchema }), { penalty: input.penalty }).penalty;
  return changeDepartment(db, (tx) => {
    const department = requireDepartmentRow(tx, input.department);
    const person = requirePerson(tx, input.person);
    const changed = tx
      .update(departmentMembers)
      .set({ penalty })
      .where(and(eq(departmentMembers.departmentId, department.id), eq(departmentMembers.personId, person.id)))
      .run().changes;
    if (changed === 0)
      throw new AgentActionError(`${person.username} is not a member of ${department.name}`, 'not-a-member', {
        person: person.username,
        department: department.name,
      });
    return department.id;
  });
}

/** Removes a person from a department; if it was the last one they were logged in to, they become logged out. */
export function removeMember(
  db: SwitchboardDb,
  input: { department: string; person: string; now?: number },
): DepartmentRecord {
  return changeDepartment(db, (tx) => {
    const department = requireDepartmentRow(tx, input.department);
    const person = requirePerson(tx, input.person);
    const changed = tx
      .delete(departmentMembers)
      .where(and(eq(departmentMembers.departmentId, department.id), eq(departmentMembers.personId, person.id)))
      .run().changes;
    if (changed === 0)
      throw new AgentActionError(`${person.username} is not a member of ${department.name}`, 'not-a-member', {
        person: person.username,
        department: department.name,
      });
    settleAfterLogout(tx, person.id, input.now ?? Date.now());
    return department.id;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Agent states

type AgentRow = typeof agentStatuses.$inferSelect;

function stateOfRow(row: AgentRow): AgentState {
  switch (row.state) {
    case 'logged-out':
      return { kind: 'logged-out' };
    case 'available':
      return { kind: 'available' };
    case 'ringing':
      return { kind: 'ringing', department: row.departmentId ?? '' };
    case 'on-call':
      return { kind: 'on-call', department: row.departmentId };
    case 'wrap-up':
      return { kind: 'wrap-up', until: row.until ?? row.since };
    case 'paused':
      return { kind: 'paused', reason: row.reason ?? DEFAULT_PAUSE_REASON };
  }
}

function columnsOfState(state: AgentState): Pick<AgentRow, 'state' | 'departmentId' | 'reason' | 'until'> {
  const none = { departmentId: null, reason: null, until: null };
  switch (state.kind) {
    case 'logged-out':
    case 'available':
      return { ...none, state: state.kind };
    case 'ringing':
      return { ...none, state: state.kind, departmentId: state.department };
    case 'on-call':
      return { ...none, state: state.kind, departmentId: state.department };
    case 'wrap-up':
      return { ...none, state: state.kind, until: state.until };
    case 'paused':
      return { ...none, state: state.kind, reason: state.reason };
  }
}

export function readAgent(q: SwitchboardQueries, personId: string): StoredAgent {
  const row = q.select().from(agentStatuses).where(eq(agentStatuses.personId, personId)).get();
  if (!row) return LOGGED_OUT;
  return {
    state: stateOfRow(row),
    pendingPause: row.pendingPauseReason,
    since: row.since,
    lastCallEndedAt: row.lastCallEndedAt,
    callsTaken: row.callsTaken,
  };
}

export function writeAgent(q: SwitchboardQueries, personId: string, agent: StoredAgent, now: number): void {
  const values = {
    ...columnsOfState(agent.state),
    pendingPauseReason: agent.pendingPause,
    since: agent.since,
    lastCallEndedAt: agent.lastCallEndedAt,
    callsTaken: agent.callsTaken,
    updatedAt: now,
  };
  q.insert(agentStatuses)
    .values({ personId, ...values })
    .onConflictDoUpdate({ target: agentStatuses.personId, set: values })
    .run();
}

export function loggedInCount(q: SwitchboardQueries, personId: string): number {
  return (
    q
      .select({ count: sql<number>`count(*)` })
      .from(departmentMembers)
      .where(and(eq(departmentMembers.personId, personId), eq(departmentMembers.loggedIn, true)))
      .get()?.count ?? 0
  );
}

/** After memberships changed without the person asking (removed, department deleted): same rule as a logout. */
function settleAfterLogout(q: SwitchboardQueries, personId: string, now: number): void {
  const agent = readAgent(q, personId);
  const next = afterLoginChange(agent, loggedInCount(q, personId), now);
  if (next !== agent) writeAgent(q, personId, next, now);
}

/** One agent as the web and the CLI show them. */
export interface AgentOverview {
  personId: string;
  username: string;
  displayName: string;
  extension: string;
  state: AgentState;
  since: number;
  /** A pause asked for while on a call; it starts when the call ends. */
  pendingPause: string | null;
  lastCallEndedAt: number | null;
  callsTaken: number;
  departments: { id: string; name: string; dialCode: number | null; penalty: number; loggedIn: boolean }[];
}

/** Every person who is a member of at least one department, by user name. */
export function listAgents(db: SwitchboardDb): AgentOverview[] {
  const rows = db.orm
    .select({
      personId: users.id,
      username: users.username,
      displayName: users.displayName,
      extension: users.extension,
      departmentId: departments.id,
      departmentName: departments.name,
      dialCode: departments.dialCode,
      penalty: departmentMembers.penalty,
      loggedIn: departmentMembers.loggedIn,
    })
    .from(departmentMembers)
    .innerJoin(users, eq(users.id, departmentMembers.personId))
    .innerJoin(departments, eq(departments.id, departmentMembers.departmentId))
    .orderBy(asc(users.username), asc(sql`lower(${departments.name})`))
    .all();
  const statuses = new Map(
    db.orm
      .select()
      .from(agentStatuses)
      .all()
      .map((row) => [row.personId, row]),
  );
  const agents = new Map<string, AgentOverview>();
  for (const row of rows) {
    let agent = agents.get(row.personId);
    if (!agent) {
      const status = statuses.get(row.personId);
      const stored = status ? readAgentFromRow(status) : LOGGED_OUT;
      agent = {
        personId: row.personId,
        username: row.username,
        displayName: row.displayName,
        extension: row.extension,
        state: stored.state,
        since: stored.since,
        pendingPause: stored.pendingPause,
        lastCallEndedAt: stored.lastCallEndedAt,
        callsTaken: stored.callsTaken,
        departments: [],
      };
      agents.set(row.personId, agent);
    }
    agent.departments.push({
      id: row.departmentId,
      name: row.departmentName,
      dialCode: row.dialCode,
      penalty: row.penalty,
      loggedIn: row.loggedIn,
    });
  }
  return [...agents.values()];
}

export function readAgentFromRow(row: AgentRow): StoredAgent {
  return {
    state: stateOfRow(row),
    pendingPause: row.pendingPauseReason,
    since: row.since,
    lastCallEndedAt: row.lastCallEndedAt,
    callsTaken: row.callsTaken,
  };
}

/** One person's agent view (also for people in no department: their list is empty). */
export function getAgent(db: SwitchboardDb, usernameOrId: string): AgentOverview {
  const person = requirePerson(db.orm, usernameOrId);
  const listed = listAgents(db).find((agent) => agent.personId === person.id);
  if (listed) return listed;
  const full = db.orm.select().from(users).where(eq(users.id, person.id)).get()!;
  const stored = readAgent(db.orm, person.id);
  return {
    personId: person.id,
    username: full.username,
    displayName: full.displayName,
    extension: full.extension,
    state: stored.state,
    since: stored.since,
    pendingPause: stored.pendingPause,
    lastCallEndedAt: stored.lastCallEndedAt,
    callsTaken: stored.callsTaken,
    departments: [],
  };
}

/** Which departments an action is about: one (by id or name) or every department the person belongs to. */
export type DepartmentChoice = { kind: 'one'; department: string } | { kind: 'all' };

function setLoggedIn(
  db: SwitchboardDb,
  person: string,
  choice: DepartmentChoice,
  loggedIn: boolean,
  now: number,
): AgentOverview {
  const personId = db.orm.transaction(
    (tx) => {
      const found = requirePerson(tx, person);
      const memberships = tx
        .select({ departmentId: departmentMembers.departmentId })
        .from(departmentMembers)
        .where(eq(departmentMembers.personId, found.id))
        .all();
      let targets: string[];
      if (choice.kind === 'one') {
        const department = requireDepartmentRow(tx, choice.department);
        if (!memberships.some((m) => m.departmentId === department.id)) {
          throw new AgentActionError(`${found.username} is not a member of ${department.name}`, 'not-a-member', {
            person: found.username,
            department: department.name,
          });
        }
        targets = [department.id];
      } else {
        if (memberships.length === 0) {
          throw new AgentActionError(`${found.username} is a member of no department`, 'in-no-department', {
            person: found.username,
          });
        }
        targets = memberships.map((m) => m.departmentId);
      }
      for (const departmentId of targets) {
        tx.update(departmentMembers)
          .set({ loggedIn })
          .where(and(eq(departmentMembers.departmentId, departmentId), eq(departmentMembers.personId, found.id)))
          .run();
      }
      const agent = readAgent(tx, found.id);
      const next = afterLoginChange(agent, loggedInCount(tx, found.id), now);
      if (next !== agent) writeAgent(tx, found.id, next, now);
      return found.id;
    },
    { behavior: 'immediate' },
  );
  notifyDepartmentsChanged(db);
  return getAgent(db, personId);
}

/** Logs a person in to one department or all of theirs; a logged-out agent becomes available. */
export function loginAgent(db: SwitchboardDb, person: string, choice: DepartmentChoice, now = Date.now()) {
  return setLoggedIn(db, person, choice, true, now);
}

/** Logs a person out of one department or all; out of the last one, they become logged out (after any call). */
export function logoutAgent(db: SwitchboardDb, person: string, choice: DepartmentChoice, now = Date.now()) {
  return setLoggedIn(db, person, choice, false, now);
}

export const pauseReasonSchema = z
  .string()
  .trim()
  .max(MAX_PAUSE_REASON_LENGTH, `Keep the pause reason under ${MAX_PAUSE_REASON_LENGTH} characters`)
  .transform((reason) => (reason === '' ? DEFAULT_PAUSE_REASON : (pauseReasonByLabel(reason)?.label ?? reason)));

/**
 * Pauses an agent with a reason (a label of PAUSE_REASONS or free text; empty: "Pause"). An agent who is ringing
 * or on a call is paused when that call ends. Refused for an agent logged in to no department.
 */
export function pauseAgent(db: SwitchboardDb, person: string, reason = '', now = Date.now()): AgentOverview {
  const parsed = pauseReasonSchema.safeParse(reason);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidDepartmentInputError([{ field: 'reason', message: issue.message, code: issue.code }]);
  }
  const personId = db.orm.transaction(
    (tx) => {
      const found = requirePerson(tx, person);
      if (loggedInCount(tx, found.id) === 0) {
        throw new AgentActionError(
          `${found.username} is logged in to no department: log in before pausing`,
          'not-logged-in',
          { person: found.username },
        );
      }
      const agent = readAgent(tx, found.id);
      writeAgent(tx, found.id, afterPause(agent, parsed.data, now), now);
      return found.id;
    },
    { behavior: 'immediate' },
  );
  notifyDepartmentsChanged(db);
  return getAgent(db, personId);
}

/** Ends a pause (or cancels a pending one). An agent who is not paused is left as they are. */
export function unpauseAgent(db: SwitchboardDb, person: string, now = Date.now()): AgentOverview {
  const personId = db.orm.transaction(
    (tx) => {
      const found = requirePerson(tx, person);
      const agent = readAgent(tx, found.id);
      const next = afterUnpause(agent, loggedInCount(tx, found.id), now);
      if (next !== agent) writeAgent(tx, found.id, next, now);
      return found.id;
    },
    { behavior: 'immediate' },
  );
  notifyDepartmentsChanged(db);
  return getAgent(db, personId);
}

/** Whether the agent counts as paused for a toggle (*46): paused now, or a pause waiting for the call to end. */
export function isPausedOrPending(agent: Pick<AgentOverview, 'state' | 'pendingPause'>): boolean {
  return agent.state.kind === 'paused' || agent.pendingPause !== null;
}
