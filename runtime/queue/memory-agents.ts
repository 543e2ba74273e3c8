import type { AgentDirectory, AgentStatus, Department, DepartmentMember, RingStrategy } from './departments.ts';

// An AgentDirectory in memory: unit tests, and the simulator, whose agents are the tester answering or letting ring
// (they never touch the real agents' saved states).

export interface MemoryDepartmentInput {
  name: string;
  strategy?: RingStrategy;
  agentRingSeconds?: number;
  retrySeconds?: number;
  wrapUpSeconds?: number;
  widenPenaltyEverySeconds?: number;
  members: (Pick<DepartmentMember, 'username'> & Partial<DepartmentMember>)[];
}

export class MemoryAgentDirectory implements AgentDirectory {
  private readonly byName = new Map<string, Department>();
  private readonly statuses = new Map<string, AgentStatus>();
  private readonly listeners = new Set<() => void>();

  constructor(departments: MemoryDepartmentInput[] = [], options: { everyoneAvailable?: boolean } = {}) {
    for (const input of departments) this.put(input);
    if (options.everyoneAvailable) {
      for (const department of this.byName.values())
        for (const member of department.members)
          if (member.loggedIn) this.statuses.set(member.username, this.fresh(member.username, 'available'));
    }
  }

  /** Adds or replaces a department; members default to logged in with penalty 0. */
  put(input: MemoryDepartmentInput): Department {
    const department: Department = {
      id: `dep_${input.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      name: input.name,
      strategy: input.strategy ?? 'ring-all',
      agentRingSeconds: input.agentRingSeconds ?? 15,
      retrySeconds: input.retrySeconds ?? 5,
      wrapUpSeconds: input.wrapUpSeconds ?? 0,
      widenPenaltyEverySeconds: input.widenPenaltyEverySeconds ?? 0,
      members: input.members.map((member) => ({ penalty: 0, loggedIn: true, ...member })),
    };
    this.byName.set(input.name.toLowerCase(), department);
    this.notify();
    return department;
  }

  department(idOrName: string): Department | null {
    const wanted = idOrName.trim().toLowerCase();
    for (const department of this.byName.values())
      if (department.id === idOrName || department.name.toLowerCase() === wanted) return department;
    return null;
  }

  departments(): Department[] {
    return [...this.byName.values()];
  }

  agentStatus(username: string): AgentStatus {
    return this.statuses.get(username) ?? this.fresh(username, 'logged-out');
  }

  saveAgentStatus(status: AgentStatus): void {
    this.statuses.set(status.username, status);
  }

  /** What a person does from the web or a feature code: available, paused or logged out. */
  setPresence(
    username: string,
    state: Extract<AgentStatus['state'], { kind: 'available' | 'paused' | 'logged-out' }>,
  ): void {
    this.statuses.set(username, { ...this.agentStatus(username), state, since: Date.now() });
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fresh(username: string, kind: 'available' | 'logged-out'): AgentStatus {
    return { username, state: { kind }, since: Date.now(), lastCallEndedAt: null, callsTaken: 0 };
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * The simulator's agents: the departments and members of the real directory, every member logged in and available,
 * their states kept in memory. A test call never rings a real phone nor changes a real agent's state: the tester
 * answers or lets ring each agent the queue picks.
 */
export function simulatedAgents(real: Pick<AgentDirectory, 'department' | 'departments'>): AgentDirectory {
  const statuses = new Map<string, AgentStatus>();
  const everyoneIn = (department: Department): Department => ({
    ...department,
    members: department.members.map((member) => ({ ...member, loggedIn: true })),
  });
  return {
    department: (idOrName) => {
      const department = real.department(idOrName);
      return department ? everyoneIn(department) : null;
    },
    departments: () => real.departments().map(everyoneIn),
    agentStatus: (username) =>
      statuses.get(username) ?? {
        username,
        state: { kind: 'available' },
        since: Date.now(),
        lastCallEndedAt: null,
        callsTaken: 0,
      },
    saveAgentStatus: (status) => void statuses.set(status.username, status),
    subscribe: () => () => undefined,
  };
}
