// `switchboard agents <command>`: agents' states, and logging in, out, pausing on someone's behalf (a supervisor at
// a terminal, scripts). The same rules as the web and the *45 / *46 feature codes (db/departments.ts): a pause asked
// for during a call starts when the call ends.
// Exit codes: 0 done, 1 refused (not a member, logged in nowhere...), 2 the command line is wrong.
import type { AgentOverview } from '#db/departments.ts';
import { PAUSE_REASONS } from '#runtime/queue/pause-reasons.ts';
import { parseOptions, UsageError, withDatabase } from '../command-kit.ts';
import { wantsHelp } from '../help.ts';
import { processIo, runGuarded, type CallCentreCommandIo } from './departments.ts';

const usage = `usage: switchboard agents <command> [options]
  list [--department DEPARTMENT]     every member of a department: state, since when, departments (* = logged in)
  login USERNAME [DEPARTMENT]        log in to one department, or to all of theirs when none is given
  logout USERNAME [DEPARTMENT]       log out of one department, or of all (then the agent is logged out)
  pause USERNAME [--reason R]        pause (reason: ${PAUSE_REASONS.map((reason) => reason.label).join(', ')}, or any
                                     text up to 60 characters; default "Pause"). During a call it starts after it.
  unpause USERNAME                   back to available (or cancels a pause waiting for the call to end)
Options: --db PATH (default: $SWITCHBOARD_DB or ./data/switchboard.db)`;

export async function runAgentsCommand(args: string[], io: CallCentreCommandIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'help' || wantsHelp(args)) {
    io.out(usage);
    return 0;
  }
  return runGuarded('agents', usage, io, async () => {
    switch (command) {
      case 'list':
        return list(rest, io);
      case 'login':
      case 'logout':
        return loginOrOut(command, rest, io);
      case 'pause':
        return pause(rest, io);
      case 'unpause':
        return unpause(rest, io);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    }
  });
}

const dbOption = { db: { type: 'string' } } as const;
const when = (ms: number) => (ms === 0 ? '-' : new Date(ms).toISOString().slice(0, 19).replace('T', ' '));

async function describe(agent: AgentOverview, names: (id: string) => string): Promise<string> {
  const { describeAgentState } = await import('#runtime/queue/agent-state-text.ts');
  const pending = agent.pendingPause === null ? '' : ` (pause "${agent.pendingPause}" after this call)`;
  return `${describeAgentState(agent.state, names)}${pending}`;
}

async function list(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, department: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('list takes no arguments (filter with --department)');
  const db = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, async (handle) => {
    let agents = db.listAgents(handle);
    if (values.department !== undefined) {
      const department = db.getDepartment(handle, values.department);
      if (!department) throw new db.DepartmentNotFoundError(values.department);
      agents = agents.filter((agent) => agent.departments.some((d) => d.id === department.id));
    }
    if (agents.length === 0) {
      io.out('No agents: add people to a department with "switchboard departments add-member DEPARTMENT USERNAME".');
      return 0;
    }
    const names = db.departmentNameLookup(handle);
    io.out(['username', 'name', 'extension', 'state', 'since', 'calls', 'departments'].join('\t'));
    for (const agent of agents) {
      io.out(
        [
          agent.username,
          agent.displayName,
          agent.extension,
          await describe(agent, names),
          when(agent.since),
          agent.callsTaken,
          agent.departments.map((d) => `${d.name}${d.loggedIn ? '*' : ''}`).join(', '),
        ].join('\t'),
      );
    }
    return 0;
  });
}

async function loginOrOut(command: 'login' | 'logout', args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length < 1 || positionals.length > 2) {
    throw new UsageError(`${command} needs USERNAME and optionally one DEPARTMENT`);
  }
  const db = await import('#db/departments.ts');
  const [username, department] = positionals as [string, string | undefined];
  return withDatabase(values.db, io.env, async (handle) => {
    const choice = department === undefined ? { kind: 'all' as const } : { kind: 'one' as const, department };
    const agent =
      command === 'login' ? db.loginAgent(handle, username, choice) : db.logoutAgent(handle, username, choice);
    const loggedIn = agent.departments.filter((d) => d.loggedIn).map((d) => d.name);
    io.out(
      `${agent.username}: ${await describe(agent, db.departmentNameLookup(handle))}; ` +
        (loggedIn.length === 0 ? 'logged in to no department.' : `logged in to ${loggedIn.join(', ')}.`),
    );
    return 0;
  });
}

async function pause(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, reason: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('pause needs one USERNAME (the reason goes in --reason "...")');
  const db = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, async (handle) => {
    const agent = db.pauseAgent(handle, positionals[0]!, values.reason ?? '');
    io.out(`${agent.username}: ${await describe(agent, db.departmentNameLookup(handle))}.`);
    return 0;
  });
}

async function unpause(args: string[], io: CallCentreCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length !== 1) throw new UsageError('unpause needs one USERNAME');
  const db = await import('#db/departments.ts');
  return withDatabase(values.db, io.env, async (handle) => {
    const before = db.getAgent(handle, positionals[0]!);
    const agent = db.unpauseAgent(handle, positionals[0]!);
    const note = db.isPausedOrPending(before) ? '' : ' (was not paused)';
    io.out(`${agent.username}: ${await describe(agent, db.departmentNameLookup(handle))}${note}.`);
    return 0;
  });
}
