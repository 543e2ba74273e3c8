import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { createAgentDirectory, getAgent, getDepartment } from '#db/departments.ts';
import { seedPeople } from '#db/seed.ts';
import { runAgentsCommand } from './agents.ts';
import { runDepartmentsCommand, type CallCentreCommandIo } from './departments.ts';

let folder: string;
let dbFile: string;
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-departments-cli-'));
  dbFile = join(folder, 'switchboard.db');
  await withDb((db) => seedPeople(db));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function withDb<T>(use: (db: ReturnType<typeof openDatabase>) => Promise<T> | T): Promise<T> {
  const db = openDatabase(dbFile);
  try {
    return await use(db);
  } finally {
    closeDatabase(db);
  }
}

async function run(group: 'departments' | 'agents', args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CallCentreCommandIo = { out: (line) => out.push(line), err: (line) => err.push(line), env: {} };
  const command = group === 'departments' ? runDepartmentsCommand : runAgentsCommand;
  const code = await command([...args, '--db', dbFile], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('switchboard departments', () => {
  it('creates, sets, shows, lists and deletes a department with its members', async () => {
    // GIVEN a new department with a strategy and a ring time
    const created = await run('departments', ['create', 'Sales', '--strategy', 'longest-idle', '--ring-seconds', '20']);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(
      /Created department Sales \(dep_\w+\): longest-idle \(app_queue leastrecent\), ring 20 s/,
    );
    // WHEN members are added with penalties and settings change
    expect((await run('departments', ['add-member', 'sales', 'alice', '--penalty', '2'])).out).toBe(
      'alice is a member of Sales with penalty 2.',
    );
    expect((await run('departments', ['add-member', 'Sales', 'bob'])).code).toBe(0);
    expect((await run('departments', ['set-penalty', 'Sales', 'bob', '7'])).code).toBe(0);
    expect((await run('departments', ['set', 'Sales', '--wrap-up-seconds', '30', '--name', 'Ventes'])).code).toBe(0);
    // THEN show and list say so
    const shown = await run('departments', ['show', 'ventes']);
    expect(shown.out).toContain('wrap-up 30 s');
    expect(shown.out).toMatch(/alice\tAlice.*\t2\tno\tlogged out/);
    expect(shown.out).toMatch(/bob\t.*\t7\tno\tlogged out/);
    expect((await run('departments', ['list'])).out).toMatch(/Ventes\tlongest-idle\t20\t5\t30\t0\t0\/2/);
    // AND a department with members is deleted only with --yes
    const refused = await run('departments', ['delete', 'Ventes']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Ventes has 2 member(s) (alice, bob); add --yes');
    expect((await run('departments', ['delete', 'Ventes', '--yes'])).code).toBe(0);
    await withDb((db) => expect(getDepartment(db, 'Ventes')).toBeNull());
  });

  it('names the bad option and keeps the saved settings', async () => {
    await run('departments', ['create', 'Sales']);
    const bad = await run('departments', ['set', 'Sales', '--ring-seconds', 'ten', '--strategy', 'loudest']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--ring-seconds: Ring time must be a whole number of seconds');
    expect(bad.err).toContain('--strategy: Choose one of: ring-all, longest-idle');
    await withDb((db) =>
      expect(getDepartment(db, 'Sales')).toMatchObject({ agentRingSeconds: 15, strategy: 'ring-all' }),
    );
    expect((await run('departments', ['set-penalty', 'Sales', 'alice', '100'])).err).toContain(
      'PENALTY: A penalty is a whole number from 0 to 99',
    );
    expect((await run('departments', ['create', 'sales'])).err).toContain('A department named "sales" already exists');
    expect((await run('departments', ['show', 'Billing'])).err).toContain('No department with name or id "Billing"');
    expect((await run('departments', ['add-member', 'Sales', 'zoe'])).err).toContain(
      'No person with user name or id "zoe"',
    );
  });

  it('explains a wrong command line with the usage and exit 2', async () => {
    const missing = await run('departments', ['add-member', 'Sales']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/add-member needs DEPARTMENT and USERNAME\nusage: switchboard departments/);
    const unknown = await run('departments', ['create', 'X', '--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Unknown option '--colour'");
  });

  it.each([['list'], ['show'], ['create'], ['set'], ['delete'], ['add-member'], ['remove-member'], ['set-penalty']])(
    'departments %s --help prints the usage with each strategy and its app_queue name',
    async (command) => {
      const help = await run('departments', [command, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toMatch(/^usage: switchboard departments/);
      expect(help.out).toContain('weighted-random');
      expect(help.out).toContain('(app_queue wrandom)');
    },
  );
});

describe('switchboard agents', () => {
  beforeEach(async () => {
    await run('departments', ['create', 'Sales']);
    await run('departments', ['create', 'Support']);
    await run('departments', ['add-member', 'Sales', 'alice']);
    await run('departments', ['add-member', 'Support', 'alice']);
  });

  it('logs in and out of one or all departments, pauses with a reason and unpauses', async () => {
    const one = await run('agents', ['login', 'alice', 'Sales']);
    expect(one.out).toBe('alice: available; logged in to Sales.');
    expect((await run('agents', ['login', 'alice'])).out).toBe('alice: available; logged in to Sales, Support.');
    expect((await run('agents', ['pause', 'alice', '--reason', 'lunch'])).out).toBe('alice: paused: Lunch.');
    const listed = await run('agents', ['list', '--department', 'support']);
    expect(listed.out).toMatch(/alice\tAlice.*\tpaused: Lunch\t.*\t0\tSales\*, Support\*/);
    expect((await run('agents', ['unpause', 'alice'])).out).toBe('alice: available.');
    expect((await run('agents', ['unpause', 'alice'])).out).toBe('alice: available (was not paused).');
    expect((await run('agents', ['logout', 'alice'])).out).toBe('alice: logged out; logged in to no department.');
    await withDb((db) => expect(getAgent(db, 'alice').state).toEqual({ kind: 'logged-out' }));
  });

  it('a pause asked for during a call is announced for after the call', async () => {
    await run('agents', ['login', 'alice']);
    await withDb((db) =>
      createAgentDirectory(db).saveAgentStatus({
        username: 'alice',
        state: { kind: 'on-call', department: getDepartment(db, 'Sales')!.id },
        since: Date.now(),
        lastCallEndedAt: null,
        callsTaken: 0,
      }),
    );
    expect((await run('agents', ['pause', 'alice'])).out).toBe(
      'alice: on a call (Sales) (pause "Pause" after this call).',
    );
  });

  it('refuses what does not apply, saying why', async () => {
    expect((await run('agents', ['login', 'bob'])).err).toBe('switchboard agents: bob is a member of no department');
    expect((await run('agents', ['login', 'alice', 'Billing'])).err).toContain(
      'No department with name or id "Billing"',
    );
    const paused = await run('agents', ['pause', 'alice']);
    expect(paused.code).toBe(1);
    expect(paused.err).toContain('alice is logged in to no department: log in before pausing');
    await run('agents', ['login', 'alice']);
    expect((await run('agents', ['pause', 'alice', '--reason', 'x'.repeat(61)])).err).toContain(
      '--reason: Keep the pause reason under 60 characters',
    );
    expect((await run('agents', ['pause'])).code).toBe(2);
  });

  it.each([['list'], ['login'], ['logout'], ['pause'], ['unpause']])(
    'agents %s --help prints the usage with the pause reasons',
    async (command) => {
      const help = await run('agents', [command, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toMatch(/^usage: switchboard agents/);
      expect(help.out).toContain('Break, Lunch, Meeting');
    },
  );
});
