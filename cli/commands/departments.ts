// `switchboard departments <command>`: the call centre's departments and their members, as the /departments page
// manages them (db/departments.ts). Like `users`, it needs no sign-in: whoever can run it can read the database.
// Exit codes: 0 done, 1 refused (unknown department or person, name taken...), 2 the command line is wrong.
import type { DepartmentRecord, UpdateDepartmentInput } from '#db/departments.ts';
import { RING_STRATEGY_INFO } from '#runtime/queue/agent-state-text.ts';
import { RING_STRATEGIES } from '#runtime/queue/departments.ts';
import { parseOptions, UsageError, withDatabase } from '../command-kit.ts';
import { wantsHelp } from '../help.ts';

const strategies = RING_STRATEGIES.map(
  (strategy) =>
    `    ${strategy.padEnd(16)}${RING_STRATEGY_INFO[strategy].explanation} (app_queue ${RING_STRATEGY_INFO[strategy].appQueue})`,
).join('\n');

const usage = `usage: switchboard departments <command> [options]
  list                                     every department: strategy, settings, members logged in / total
  show DEPARTMENT                          its settings and members (penalty, logged in, agent state)
  create NAME [settings]                   a new department (defaults: ring-all, 15 s ring, 5 s retry, 10 s wrap-up)
  set DEPARTMENT [--name NEW] [settings]   change its name or settings
  delete DEPARTMENT [--yes]                delete it and its memberships (--yes needed when it has members)
  add-member DEPARTMENT USERNAME [--penalty 0..99]
  remove-member DEPARTMENT USERNAME
  set-penalty DEPARTMENT USERNAME PENALTY  0..99; agents with lower penalties are rung first
DEPARTMENT is a name (any case) or an id (dep_...); USERNAME a person of the phone directory ("switchboard users list").
Settings:
  --strategy S              how agents are picked:
${strategies}
  --ring-seconds N          how long one agent rings (app_queue timeout), 1..600
  --retry-seconds N         wait before ringing an agent who did not answer again (app_queue retry), 0..600
  --wrap-up-seconds N       rest after each call before the next one (app_queue wrapuptime), 0..3600
  --widen-every-seconds N   0: every penalty from the start; else a caller reaches penalty p after waiting p*N
                            seconds (like a queue rule raising QUEUE_MAX_PENALTY), 0..3600
Options: --db PATH (default: $SWITCHBOARD_DB or ./data/switchboard.db)`;

export interface CallCentreCommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

/** A refusal explained to the person; exit 1. */
export class Refused extends Error {}

export const processIo: CallCentreCommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

const dbOption = { db: { type: 'string' } } as const;
const settingOptions = {
  strategy: { type: 'string' },
  'ring-seconds': { type: 'string' },
  'retry-seconds': { type: 'string' },
  'wrap-up-seconds': { type: 'string' },
  'widen-every-seconds': { type: 'string' },
} as const;

/** The command-line option each field of db/departments.ts comes from, so an error names what the person typed. */
const OPTION_OF_FIELD: Record<string, string> = {
  name: 'NAME',
  strategy: '--strategy',
  agentRingSeconds: '--ring-seconds',
  retrySeconds: '--retry-seconds',
  wrapUpSeconds: '--wrap-up-seconds',
  widenPenaltyEverySeconds: '--widen-every-seconds',
  penalty: 'PENALTY',
  reason: '--reason',
};

/** Runs a command, turning the expected failures into a message and an exit code. */
export async function runGuarded(
  group: string,
  usageText: string,
  io: CallCentreCommandIo,
  work: () => Promise<number>,
): Promise<number> {
  const db = await import('#db/departments.ts');
  const errors = await import('#db/errors.ts');
  try {
    return await work();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`switchboard ${group}: ${error.message}\n${usageText}`);
      return 2;
    }
    if (error instanceof db.InvalidDepartmentInputError) {
      for (const problem of error.problems) {
        io.err(`switchboard ${group}: ${OPTION_OF_FIELD[problem.field] ?? problem.field}: ${problem.message}`);
      }
      return 1;
    }
    if (
      error instanceof Refused ||
      error instanceof db.DepartmentNotFoundError ||
      error instanceof db.DepartmentConflictError ||
      error instanceof db.AgentActionError ||
      error instanceof errors.UserNotFoundError
    ) {
      io.err(`switchboard ${group}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

export async function runDepartmentsCommand(args: string[], io: CallCentreCommandIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'help' || wantsHelp(args)) {
    io.out(usage);
    return 0;
  }
  return runGuarded('departments', usage, io, async () => {
    switch (command) {
      case 'list':
        return list(rest, io);
      case 'show':
        return show(rest, io);
      case 'create':
        return create(rest, io);
      case 'set':
        return set(rest, io);
      case 'delete':
        return remove(rest, io);
      case 'add-member':
        return addMember(rest, io);
      case 'remove-member':
        return removeMember(rest, io);
      case 'set-penalty':
        return setPenalty(rest, io);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    }
  });
}

function settingsFrom(values: Partial<Record<keyof typeof settingOptions, string>>): UpdateDepartmentInput {
  const settings: Record<string, string> = {};
  if (values.strategy !== undefined) settings.strategy = values.strategy;
  if (values['ring-seconds'] !== undefined) settings.agentRingSeconds = values['ring-seconds'];
  if (values['retry-seconds'] !== undefined) settings.retrySeconds = values['retry-seconds'];
  if (values['wrap-up-seconds'] !== undefined) settings.wrapUpSeconds = values['wrap-up-seconds'];
  if (values['widen-every-seconds'] !== undefined) settings.widenPenaltyEverySeconds = values['widen-every-seconds'];
  // The database module checks and converts every value (zod coerces the numbers) and names the bad ones.
  return settings as UpdateDepartmentInput;
}

function settingsLine(department: DepartmentRecord): string {
  return (
    `${department.strategy} (app_queue ${RING_STRATEGY_INFO[department.strategy].appQueue}), ` +
    `ring ${department.agentRingSeconds} s, retry ${department.retrySeconds} s, wrap-up ${department.wrapUpSeconds} s, ` +
    (department.widenPenaltyEverySeconds === 0
      ? 'every penalty from the start'
      : `penalty widens every ${department.widenPenaltyEverySeconds} s`)
  );
}

async function list(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length > 0) throw new UsageError('list takes no arguments');
  const { listDepartments } = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, (db) => {
    const all = listDepartments(db);
    if (all.length === 0) {
      io.out('No departments yet: create one with "switchboard departments create NAME".');
      return 0;
    }
    io.out(['id', 'name', 'strategy', 'ring s', 'retry s', 'wrap-up s', 'widen every s', 'logged in'].join('\t'));
    for (const department of all) {
      const loggedIn = department.members.filter((member) => member.loggedIn).length;
      io.out(
        [
          department.id,
          department.name,
          department.strategy,
          department.agentRingSeconds,
          department.retrySeconds,
          department.wrapUpSeconds,
          department.widenPenaltyEverySeconds,
          `${loggedIn}/${department.members.length}`,
        ].join('\t'),
      );
    }
    return 0;
  });
}

async function show(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length !== 1) throw new UsageError('show needs one DEPARTMENT (name or id)');
  const { getDepartment, listAgents, DepartmentNotFoundError, departmentNameLookup } =
    await import('#db/departments.ts');
  const { describeAgentState } = await import('#runtime/queue/agent-state-text.ts');
  return withDatabase(values.db, io.env, (db) => {
    const department = getDepartment(db, positionals[0]!);
    if (!department) throw new DepartmentNotFoundError(positionals[0]!);
    io.out(`${department.name} (${department.id})`);
    io.out(`  ${settingsLine(department)}`);
    if (department.members.length === 0) {
      io.out('  No members: add one with "switchboard departments add-member DEPARTMENT USERNAME".');
      return 0;
    }
    const agents = new Map(listAgents(db).map((agent) => [agent.personId, agent]));
    const names = departmentNameLookup(db);
    io.out(['username', 'name', 'extension', 'penalty', 'logged in', 'agent state'].join('\t'));
    for (const member of department.members) {
      const agent = agents.get(member.personId);
      io.out(
        [
          member.username,
          member.displayName,
          member.extension,
          member.penalty,
          member.loggedIn ? 'yes' : 'no',
          agent ? describeAgentState(agent.state, names) : 'logged out',
        ].join('\t'),
      );
    }
    return 0;
  });
}

async function create(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, ...settingOptions });
  if (positionals.length !== 1) throw new UsageError('create needs one NAME (in quotes if it has spaces)');
  const { createDepartment } = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, (db) => {
    const department = createDepartment(db, { name: positionals[0]!, ...settingsFrom(values) });
    io.out(`Created department ${department.name} (${department.id}): ${settingsLine(department)}.`);
    return 0;
  });
}

async function set(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, ...settingOptions, name: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('set needs one DEPARTMENT (name or id)');
  const patch = { ...settingsFrom(values), ...(values.name !== undefined ? { name: values.name } : {}) };
  if (Object.keys(patch).length === 0) {
    throw new UsageError(
      'set needs at least one of --name, --strategy, --ring-seconds, --retry-seconds, ' +
        '--wrap-up-seconds, --widen-every-seconds',
    );
  }
  const { updateDepartment } = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, (db) => {
    const department = updateDepartment(db, positionals[0]!, patch);
    io.out(`Saved department ${department.name} (${department.id}): ${settingsLine(department)}.`);
    return 0;
  });
}

async function remove(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, yes: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('delete needs one DEPARTMENT (name or id)');
  const { getDepartment, deleteDepartment, DepartmentNotFoundError } = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, (db) => {
    const department = getDepartment(db, positionals[0]!);
    if (!department) throw new DepartmentNotFoundError(positionals[0]!);
    if (department.members.length > 0 && !values.yes) {
      throw new Refused(
        `${department.name} has ${department.members.length} member(s) (${department.members
          .map((member) => member.username)
          .join(', ')}); add --yes to delete it with its memberships`,
      );
    }
    deleteDepartment(db, department.id);
    io.out(`Deleted department ${department.name} (${department.id}).`);
    return 0;
  });
}

async function addMember(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, penalty: { type: 'string' } });
  if (positionals.length !== 2) throw new UsageError('add-member needs DEPARTMENT and USERNAME');
  const db = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, (handle) => {
    const department = db.addMember(handle, {
      department: positionals[0]!,
      person: positionals[1]!,
      ...(values.penalty !== undefined ? { penalty: values.penalty } : {}),
    });
    const member = department.members.find((m) => m.username === positionals[1]!.trim())!;
    io.out(`${member.username} is a member of ${department.name} with penalty ${member.penalty}.`);
    return 0;
  });
}

async function removeMember(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length !== 2) throw new UsageError('remove-member needs DEPARTMENT and USERNAME');
  const db = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, (handle) => {
    const department = db.removeMember(handle, { department: positionals[0]!, person: positionals[1]! });
    io.out(`${positionals[1]!.trim()} is no longer a member of ${department.name}.`);
    return 0;
  });
}

async function setPenalty(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length !== 3) throw new UsageError('set-penalty needs DEPARTMENT, USERNAME and PENALTY (0..99)');
  const db = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, (handle) => {
    const department = db.setMemberPenalty(handle, {
      department: positionals[0]!,
      person: positionals[1]!,
      penalty: positionals[2]!,
    });
    io.out(`${positionals[1]!.trim()} now has penalty ${positionals[2]!.trim()} in ${department.name}.`);
    return 0;
  });
}
