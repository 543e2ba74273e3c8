import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase } from './client.ts';
import { createAgentDirectory, createAgentSelfService } from './agent-directory.ts';
import type { SwitchboardDb } from './client.ts';
import {
  addMember,
  AgentActionError,
  createDepartment,
  DepartmentConflictError,
  DepartmentNotFoundError,
  deleteDepartment,
  getAgent,
  getDepartment,
  InvalidDepartmentInputError,
  listAgents,
  listDepartments,
  loginAgent,
  logoutAgent,
  onDepartmentsChanged,
  pauseAgent,
  removeMember,
  setMemberPenalty,
  unpauseAgent,
  updateDepartment,
} from './departments.ts';
import { UserNotFoundError } from './errors.ts';
import { seedPeople } from './seed.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';
import { deleteUser, getUserByUsername } from './users.ts';

let temp: TempDatabase;
let db: SwitchboardDb;
beforeEach(async () => {
  temp = openTempDatabase();
  db = temp.db;
  await seedPeople(db);
});
afterEach(() => temp.dispose());

describe('departments', () => {
  it('creates a department with the default agent settings and finds it by id or by name in any case', () => {
    const sales = createDepartment(db, { name: 'Sales', now: 1000 });
    expect(sales).toMatchObject({
      name: 'Sales',
      strategy: 'ring-all',
      agentRingSeconds: 15,
      retrySeconds: 5,
      wrapUpSeconds: 10,
      widenPenaltyEverySeconds: 0,
      createdAt: 1000,
      members: [],
    });
    expect(sales.id).toMatch(/^dep_/);
    expect(getDepartment(db, sales.id)?.name).toBe('Sales');
    expect(getDepartment(db, 'sALES')?.id).toBe(sales.id);
    expect(getDepartment(db, 'Support')).toBeNull();
  });

  it('refuses a second department with the same name, whatever its case, and writes nothing', () => {
    createDepartment(db, { name: 'Sales' });
    expect(() => createDepartment(db, { name: ' sales ' })).toThrow(DepartmentConflictError);
    expect(listDepartments(db)).toHaveLength(1);
  });

  it('names every bad field and keeps the saved department as it was', () => {
    const sales = createDepartment(db, { name: 'Sales', agentRingSeconds: 20 });
    let error: unknown;
    try {
      updateDepartment(db, 'Sales', { strategy: 'loudest' as never, agentRingSeconds: 0, wrapUpSeconds: 2.5 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidDepartmentInputError);
    const fields = (error as InvalidDepartmentInputError).problems.map((p) => p.field).sort();
    expect(fields).toEqual(['agentRingSeconds', 'strategy', 'wrapUpSeconds']);
    expect((error as Error).message).toContain('Ring time must be at least 1 second');
    expect(getDepartment(db, sales.id)).toMatchObject({ strategy: 'ring-all', agentRingSeconds: 20 });
  });

  it('updates settings and renames, refusing a name another department has', () => {
    createDepartment(db, { name: 'Sales' });
    const support = createDepartment(db, { name: 'Support' });
    const changed = updateDepartment(db, support.id, {
      name: 'Help desk',
      strategy: 'longest-idle',
      widenPenaltyEverySeconds: 30,
    });
    expect(changed).toMatchObject({ name: 'Help desk', strategy: 'longest-idle', widenPenaltyEverySeconds: 30 });
    expect(() => updateDepartment(db, 'Help desk', { name: 'SALES' })).toThrow(DepartmentConflictError);
    expect(() => updateDepartment(db, 'Nowhere', { retrySeconds: 3 })).toThrow(DepartmentNotFoundError);
  });

  it('keeps members with their penalties, lowest first, and changes or removes them', () => {
    createDepartment(db, { name: 'Sales' });
    addMember(db, { department: 'Sales', person: 'alice', penalty: 5 });
    addMember(db, { department: 'Sales', person: 'bob' });
    expect(getDepartment(db, 'Sales')?.members.map((m) => [m.username, m.penalty, m.loggedIn])).toEqual([
      ['bob', 0, false],
      ['alice', 5, false],
    ]);
    setMemberPenalty(db, { department: 'Sales', person: 'bob', penalty: '9' });
    expect(getDepartment(db, 'Sales')?.members.map((m) => m.username)).toEqual(['alice', 'bob']);
    expect(() => setMemberPenalty(db, { department: 'Sales', person: 'bob', penalty: 100 })).toThrow(
      /penalty is a whole number from 0 to 99/,
    );
    expect(() => setMemberPenalty(db, { department: 'Sales', person: 'julien', penalty: 1 })).toThrow(
      'julien is not a member of Sales',
    );
    expect(() => addMember(db, { department: 'Sales', person: 'nobody' })).toThrow(UserNotFoundError);
    removeMember(db, { department: 'Sales', person: 'alice' });
    expect(getDepartment(db, 'Sales')?.members.map((m) => m.username)).toEqual(['bob']);
  });

  it('forgets the memberships and the agent state of a person removed from the directory', () => {
    createDepartment(db, { name: 'Sales' });
    addMember(db, { department: 'Sales', person: 'alice' });
    loginAgent(db, 'alice', { kind: 'all' });
    deleteUser(db, getUserByUsername(db, 'alice')!.id);
    expect(getDepartment(db, 'Sales')?.members).toEqual([]);
    expect(listAgents(db)).toEqual([]);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM agent_statuses').get()).toEqual({ n: 0 });
  });

  it('deleting a department logs out agents who were logged in nowhere else', () => {
    createDepartment(db, { name: 'Sales' });
    createDepartment(db, { name: 'Support' });
    addMember(db, { department: 'Sales', person: 'alice' });
    addMember(db, { department: 'Sales', person: 'bob' });
    addMember(db, { department: 'Support', person: 'bob' });
    loginAgent(db, 'alice', { kind: 'all' });
    loginAgent(db, 'bob', { kind: 'all' });
    deleteDepartment(db, 'Sales');
    expect(getAgent(db, 'alice').state).toEqual({ kind: 'logged-out' });
    expect(getAgent(db, 'bob').state).toEqual({ kind: 'available' });
  });
});

describe('agents', () => {
  beforeEach(() => {
    createDepartment(db, { name: 'Sales' });
    createDepartment(db, { name: 'Support' });
    addMember(db, { department: 'Sales', person: 'alice' });
    addMember(db, { department: 'Support', person: 'alice', penalty: 3 });
  });

  it('a logged-out agent who logs in to one department becomes available; out of the last one, logged out', () => {
    expect(getAgent(db, 'alice').state).toEqual({ kind: 'logged-out' });
    const in1 = loginAgent(db, 'alice', { kind: 'one', department: 'sales' }, 1000);
    expect(in1.state).toEqual({ kind: 'available' });
    expect(in1.since).toBe(1000);
    expect(in1.departments.map((d) => [d.name, d.loggedIn])).toEqual([
      ['Sales', true],
      ['Support', false],
    ]);
    loginAgent(db, 'alice', { kind: 'one', department: 'Support' }, 2000);
    expect(getAgent(db, 'alice').since).toBe(1000);
    expect(logoutAgent(db, 'alice', { kind: 'one', department: 'Sales' }, 3000).state).toEqual({ kind: 'available' });
    const out = logoutAgent(db, 'alice', { kind: 'one', department: 'Support' }, 4000);
    expect(out.state).toEqual({ kind: 'logged-out' });
    expect(out.since).toBe(4000);
  });

  it('refuses to log in to a department the person is not a member of, naming both', () => {
    createDepartment(db, { name: 'Billing' });
    expect(() => loginAgent(db, 'alice', { kind: 'one', department: 'Billing' })).toThrow(
      new AgentActionError('alice is not a member of Billing', 'not-a-member', {
        person: 'alice',
        department: 'Billing',
      }),
    );
    expect(() => loginAgent(db, 'bob', { kind: 'all' })).toThrow('bob is a member of no department');
  });

  it('pauses with a reason from the list (any case) or free text, and unpauses to available', () => {
    loginAgent(db, 'alice', { kind: 'all' });
    expect(pauseAgent(db, 'alice', 'lunch', 5000)).toMatchObject({ state: { kind: 'paused', reason: 'Lunch' } });
    expect(pauseAgent(db, 'alice', 'Doctor appointment', 6000)).toMatchObject({
      state: { kind: 'paused', reason: 'Doctor appointment' },
      since: 6000,
    });
    expect(pauseAgent(db, 'alice', '  ').state).toEqual({ kind: 'paused', reason: 'Pause' });
    expect(() => pauseAgent(db, 'alice', 'x'.repeat(61))).toThrow(/under 60 characters/);
    expect(unpauseAgent(db, 'alice', 7000)).toMatchObject({ state: { kind: 'available' }, since: 7000 });
  });

  it('refuses a pause to someone logged in nowhere', () => {
    expect(() => pauseAgent(db, 'alice', 'Break')).toThrow(
      'alice is logged in to no department: log in before pausing',
    );
  });

  it('a paused agent stays paused when logging in to another department, and is logged out by the last logout', () => {
    loginAgent(db, 'alice', { kind: 'one', department: 'Sales' });
    pauseAgent(db, 'alice', 'Break');
    expect(loginAgent(db, 'alice', { kind: 'one', department: 'Support' }).state.kind).toBe('paused');
    expect(logoutAgent(db, 'alice', { kind: 'all' }).state).toEqual({ kind: 'logged-out' });
    expect(unpauseAgent(db, 'alice').state).toEqual({ kind: 'logged-out' });
  });

  it('counts calls from the log-in: a new shift starts at zero', () => {
    const directory = createAgentDirectory(db);
    loginAgent(db, 'alice', { kind: 'all' });
    directory.saveAgentStatus({
      username: 'alice',
      state: { kind: 'available' },
      since: 10,
      lastCallEndedAt: 10,
      callsTaken: 4,
    });
    expect(getAgent(db, 'alice').callsTaken).toBe(4);
    logoutAgent(db, 'alice', { kind: 'all' });
    loginAgent(db, 'alice', { kind: 'all' });
    expect(getAgent(db, 'alice')).toMatchObject({ callsTaken: 0, lastCallEndedAt: 10 });
  });
});

describe('the person and the runtime share the agent state', () => {
  let directory: ReturnType<typeof createAgentDirectory>;
  let clock = 0;
  beforeEach(() => {
    clock = 100;
    directory = createAgentDirectory(db, { clock: () => clock });
    createDepartment(db, { name: 'Sales' });
    addMember(db, { department: 'Sales', person: 'alice' });
    loginAgent(db, 'alice', { kind: 'all' }, 100);
  });
  const save = (state: Parameters<typeof directory.saveAgentStatus>[0]['state'], callsTaken = 0) =>
    directory.saveAgentStatus({ username: 'alice', state, since: clock, lastCallEndedAt: null, callsTaken });

  it('pausing on a call takes effect when the call ends; the call is not clobbered', () => {
    const salesId = getDepartment(db, 'Sales')!.id;
    clock = 200;
    save({ kind: 'on-call', department: salesId });
    const during = pauseAgent(db, 'alice', 'Lunch', 250);
    expect(during).toMatchObject({ state: { kind: 'on-call', department: salesId }, pendingPause: 'Lunch' });
    expect(directory.agentStatus('alice').state).toEqual({ kind: 'on-call', department: salesId });
    clock = 300;
    save({ kind: 'wrap-up', until: 310 }, 1);
    expect(directory.agentStatus('alice')).toMatchObject({
      state: { kind: 'paused', reason: 'Lunch' },
      since: 300,
      callsTaken: 1,
    });
    expect(getAgent(db, 'alice').pendingPause).toBeNull();
  });

  it('unpausing during the call cancels the pending pause', () => {
    save({ kind: 'ringing', department: 'x' });
    pauseAgent(db, 'alice', 'Break');
    expect(unpauseAgent(db, 'alice').pendingPause).toBeNull();
    save({ kind: 'available' });
    expect(directory.agentStatus('alice').state).toEqual({ kind: 'available' });
  });

  it('logging out of the last department during a call stops new calls at once and logs out after the call', () => {
    save({ kind: 'on-call', department: null });
    const during = logoutAgent(db, 'alice', { kind: 'all' });
    expect(during.state.kind).toBe('on-call');
    expect(directory.department('Sales')?.members).toEqual([{ username: 'alice', penalty: 0, loggedIn: false }]);
    save({ kind: 'wrap-up', until: 500 });
    expect(directory.agentStatus('alice').state).toEqual({ kind: 'logged-out' });
  });

  it('a pause set just before the runtime rings the agent is kept as pending, not lost', () => {
    pauseAgent(db, 'alice', 'Meeting');
    save({ kind: 'ringing', department: 'x' });
    expect(getAgent(db, 'alice').pendingPause).toBe('Meeting');
    save({ kind: 'available' });
    expect(directory.agentStatus('alice').state).toEqual({ kind: 'paused', reason: 'Meeting' });
  });

  it('the end of a wrap-up does not undo a pause the person took during it', () => {
    save({ kind: 'wrap-up', until: 400 });
    expect(pauseAgent(db, 'alice', 'Break').state).toEqual({ kind: 'paused', reason: 'Break' });
    save({ kind: 'available' });
    expect(directory.agentStatus('alice').state).toEqual({ kind: 'paused', reason: 'Break' });
  });

  it('keeps the runtime states as the contract describes them, across a reopened database', () => {
    clock = 700;
    save({ kind: 'wrap-up', until: 710 });
    const reopened = createAgentDirectory(db);
    expect(reopened.agentStatus('alice')).toEqual({
      username: 'alice',
      state: { kind: 'wrap-up', until: 710 },
      since: 700,
      lastCallEndedAt: null,
      callsTaken: 0,
    });
    expect(reopened.agentStatus('julien').state).toEqual({ kind: 'logged-out' });
    expect(reopened.departments().map((d) => d.name)).toEqual(['Sales']);
  });

  it('tells subscribers about changes from the web, the CLI or a feature code, until they unsubscribe', () => {
    let heard = 0;
    const stop = directory.subscribe(() => (heard += 1));
    pauseAgent(db, 'alice', 'Break');
    unpauseAgent(db, 'alice');
    addMember(db, { department: 'Sales', person: 'bob' });
    expect(heard).toBe(3);
    stop();
    logoutAgent(db, 'alice', { kind: 'all' });
    expect(heard).toBe(3);
    const other = onDepartmentsChanged(db, () => (heard += 10));
    createDepartment(db, { name: 'Support' });
    other();
    expect(heard).toBe(13);
  });
});

describe('the feature codes’ port on the database', () => {
  it('logs in everywhere, pauses, unpauses and logs out as *45 / *46 ask', () => {
    createDepartment(db, { name: 'Sales' });
    createDepartment(db, { name: 'Support' });
    addMember(db, { department: 'Sales', person: 'alice' });
    addMember(db, { department: 'Support', person: 'alice' });
    const service = createAgentSelfService(db);
    expect(service.agent('alice')).toEqual({
      departments: 2,
      loggedIn: 0,
      memberships: [
        { id: getDepartment(db, 'Sales')!.id, name: 'Sales', loggedIn: false },
        { id: getDepartment(db, 'Support')!.id, name: 'Support', loggedIn: false },
      ],
      state: { kind: 'logged-out' },
      pendingPause: null,
    });
    expect(service.setLoggedInEverywhere('alice', true)).toMatchObject({ loggedIn: 2, state: { kind: 'available' } });
    expect(service.pause('alice', 'Lunch').state).toEqual({ kind: 'paused', reason: 'Lunch' });
    expect(service.unpause('alice').state).toEqual({ kind: 'available' });
    expect(service.setLoggedInEverywhere('alice', false)).toMatchObject({ loggedIn: 0, state: { kind: 'logged-out' } });
    expect(service.agent('bob')).toMatchObject({ departments: 0, loggedIn: 0 });
  });

  it('finds a department by its dial code and toggles that one alone', () => {
    const sales = createDepartment(db, { name: 'Sales', dialCode: '4' });
    createDepartment(db, { name: 'Support', dialCode: 5 });
    addMember(db, { department: 'Sales', person: 'alice' });
    addMember(db, { department: 'Support', person: 'alice' });
    const service = createAgentSelfService(db);
    expect(service.departmentByDialCode(4)).toEqual({ id: sales.id, name: 'Sales' });
    expect(service.departmentByDialCode(7)).toBeNull();
    expect(service.setLoggedIn('alice', sales.id, true)).toMatchObject({ loggedIn: 1, state: { kind: 'available' } });
    expect(service.setLoggedIn('alice', sales.id, false)).toMatchObject({ loggedIn: 0, state: { kind: 'logged-out' } });
  });
});

describe('dial codes', () => {
  it('are optional, 1 to 99, one per department, and can be removed', () => {
    expect(createDepartment(db, { name: 'Sales' }).dialCode).toBeNull();
    expect(updateDepartment(db, 'Sales', { dialCode: ' 12 ' }).dialCode).toBe(12);
    expect(() => createDepartment(db, { name: 'Support', dialCode: 12 })).toThrow(
      'dialCode: The dial code 12 is already that of Sales',
    );
    expect(() => createDepartment(db, { name: 'Support', dialCode: 100 })).toThrow(/from 1 to 99/);
    expect(() => createDepartment(db, { name: 'Support', dialCode: 'x' })).toThrow(/from 1 to 99/);
    expect(listDepartments(db).map((d) => d.name)).toEqual(['Sales']);
    expect(updateDepartment(db, 'Sales', { dialCode: 'none' }).dialCode).toBeNull();
    expect(createDepartment(db, { name: 'Support', dialCode: 12 }).dialCode).toBe(12);
  });
});

describe('changes made by another process', () => {
  it('are told to subscribers of a polling directory, which stops polling when the last one leaves', async () => {
    createDepartment(db, { name: 'Sales' });
    addMember(db, { department: 'Sales', person: 'alice' });
    const directory = createAgentDirectory(db, { pollMs: 20 });
    let heard = 0;
    const stop = directory.subscribe(() => (heard += 1));
    // Another process writes the file: its changes do not go through this process's db/departments.ts.
    const other = openDatabase(db.file);
    try {
      other.sqlite.prepare('UPDATE department_members SET logged_in = 1').run();
      await vi.waitFor(() => expect(heard).toBe(1), { timeout: 2000 });
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(heard).toBe(1); // nothing changed since: no more news
      stop();
      other.sqlite.prepare('UPDATE department_members SET penalty = 4').run();
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(heard).toBe(1);
    } finally {
      stop();
      closeDatabase(other);
    }
  });
});
