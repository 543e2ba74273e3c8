import { asc, eq } from 'drizzle-orm';
import type { AgentSelfService, AgentSelfView } from '#runtime/feature-codes/agent-codes.ts';
import type { AgentDirectory, Department } from '#runtime/queue/departments.ts';
import { afterRuntimeStatus, LOGGED_OUT } from './agent-state-rules.ts';
import type { SwitchboardDb } from './client.ts';
import {
  getAgent,
  getDepartment,
  listDepartments,
  loggedInCount,
  loginAgent,
  logoutAgent,
  notifyDepartmentsChanged,
  onDepartmentsChanged,
  pauseAgent,
  readAgent,
  requirePerson,
  unpauseAgent,
  writeAgent,
  type AgentOverview,
  type DepartmentRecord,
} from './departments.ts';
import { agentStatuses, departmentMembers, departments, users } from './schema.ts';

// The ports the runtime uses, on the database: AgentDirectory (runtime/queue/departments.ts, for the queue service)
// and AgentSelfService (runtime/feature-codes/agent-codes.ts, for *45 / *46).

function toDepartment(record: DepartmentRecord): Department {
  return {
    id: record.id,
    name: record.name,
    strategy: record.strategy,
    agentRingSeconds: record.agentRingSeconds,
    retrySeconds: record.retrySeconds,
    wrapUpSeconds: record.wrapUpSeconds,
    widenPenaltyEverySeconds: record.widenPenaltyEverySeconds,
    members: record.members.map((m) => ({ username: m.username, penalty: m.penalty, loggedIn: m.loggedIn })),
  };
}

/**
 * What departments, memberships and agent states look like now, as one string: two equal fingerprints mean nothing
 * changed. Read by the polling of createAgentDirectory (changes written by another process).
 */
export function departmentsFingerprint(db: SwitchboardDb): string {
  return JSON.stringify([
    db.orm
      .select({ id: departments.id, at: departments.updatedAt })
      .from(departments)
      .orderBy(asc(departments.id))
      .all(),
    db.orm
      .select({
        d: departmentMembers.departmentId,
        p: departmentMembers.personId,
        penalty: departmentMembers.penalty,
        in: departmentMembers.loggedIn,
      })
      .from(departmentMembers)
      .orderBy(asc(departmentMembers.departmentId), asc(departmentMembers.personId))
      .all(),
    db.orm
      .select({ p: agentStatuses.personId, at: agentStatuses.updatedAt, state: agentStatuses.state })
      .from(agentStatuses)
      .orderBy(asc(agentStatuses.personId))
      .all(),
  ]);
}

export interface AgentDirectoryOptions {
  clock?: () => number;
  /**
   * Also re-read the database every this many milliseconds while someone is subscribed, and tell subscribers when it
   * changed: how a runtime in its own process (`npm run runtime`) hears the web's and the CLI's changes. 0 (default):
   * only changes made through this module in this process are heard. A change may then be told twice.
   */
  pollMs?: number;
}

/**
 * AgentDirectory on the database. `department` of a ringing / on-call state is the department's id. subscribe()
 * hears changes made through this module in this process at once; with `pollMs`, also those of other processes.
 */
export function createAgentDirectory(db: SwitchboardDb, options: AgentDirectoryOptions = {}): AgentDirectory {
  const clock = options.clock ?? Date.now;
  const pollMs = options.pollMs ?? 0;
  const polled = new Set<() => void>();
  let poller: ReturnType<typeof setInterval> | null = null;
  let last = '';
  const poll = () => {
    let now: string;
    try {
      now = departmentsFingerprint(db);
    } catch {
      return; // the database is closing or busy: the next round tells
    }
    if (now === last) return;
    last = now;
    for (const listener of [...polled]) {
      try {
        listener();
      } catch {
        // A listener's failure is its own business.
      }
    }
  };
  return {
    department(idOrName) {
      const record = getDepartment(db, idOrName);
      return record ? toDepartment(record) : null;
    },
    departments() {
      return listDepartments(db).map(toDepartment);
    },
    agentStatus(username) {
      const person = db.orm.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
      const stored = person ? readAgent(db.orm, person.id) : LOGGED_OUT;
      return {
        username,
        state: stored.state,
        since: stored.since,
        lastCallEndedAt: stored.lastCallEndedAt,
        callsTaken: stored.callsTaken,
      };
    },
    saveAgentStatus(status) {
      const now = clock();
      db.orm.transaction(
        (tx) => {
          const person = requirePerson(tx, status.username);
          const agent = readAgent(tx, person.id);
          writeAgent(tx, person.id, afterRuntimeStatus(agent, status, loggedInCount(tx, person.id), now), now);
        },
        { behavior: 'immediate' },
      );
      notifyDepartmentsChanged(db);
    },
    subscribe(listener) {
      const stop = onDepartmentsChanged(db, listener);
      if (pollMs <= 0) return stop;
      polled.add(listener);
      if (!poller) {
        last = departmentsFingerprint(db);
        poller = setInterval(poll, pollMs);
        poller.unref?.();
      }
      return () => {
        stop();
        polled.delete(listener);
        if (polled.size === 0 && poller) {
          clearInterval(poller);
          poller = null;
        }
      };
    },
  };
}

/** The agent feature codes' port (*45, *46: runtime/feature-codes/agent-codes.ts) on the database. */
export function createAgentSelfService(db: SwitchboardDb): AgentSelfService {
  const view = (agent: AgentOverview): AgentSelfView => ({
    departments: agent.departments.length,
    loggedIn: agent.departments.filter((d) => d.loggedIn).length,
    memberships: agent.departments.map((d) => ({ id: d.id, name: d.name, loggedIn: d.loggedIn })),
    state: agent.state,
    pendingPause: agent.pendingPause,
  });
  return {
    agent: (username) => view(getAgent(db, username)),
    departmentByDialCode: (dialCode) =>
      db.orm
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(eq(departments.dialCode, dialCode))
        .get() ?? null,
    setLoggedIn: (username, departmentId, loggedIn) =>
      view(
        loggedIn
          ? loginAgent(db, username, { kind: 'one', department: departmentId })
          : logoutAgent(db, username, { kind: 'one', department: departmentId }),
      ),
    setLoggedInEverywhere: (username, loggedIn) =>
      view(loggedIn ? loginAgent(db, username, { kind: 'all' }) : logoutAgent(db, username, { kind: 'all' })),
    pause: (username, reason) => view(pauseAgent(db, username, reason)),
    unpause: (username) => view(unpauseAgent(db, username)),
  };
}
