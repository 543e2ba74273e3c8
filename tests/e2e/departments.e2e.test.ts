// /departments in a real browser (Debian's Chromium through playwright-core) against the production build: a
// supervisor creates a department (a bad ring time is refused, naming the field, and saves nothing), adds members with
// penalties; bob, whose staff account is linked to the directory person bob, logs in to it and pauses for lunch from
// his own page, and the supervisor's agents board follows live, without reloading, including a state written by
// another process (the runtime's on-call, written here straight into the database). A viewer without a link manages
// nothing. No Asterisk.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '#db/auth.ts';
import { createAgentDirectory } from '#db/agent-directory.ts';
import { getAgent, getDepartment } from '#db/departments.ts';
import { getUserByUsername } from '#db/users.ts';
import { linkStaffToPerson } from '#db/voicemail-inbox.ts';
import { VIEWPORT, ENGLISH_LOCALE, csrfTokenOf, eventually, launchChromium, signIn } from './browser/designer-page.ts';
import {
  REPO_ROOT,
  STAFF,
  startDesignerServer,
  type DesignerServer,
  type StaffLogin,
} from './browser/designer-server.ts';

const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join(REPO_ROOT, 'tests/e2e/screenshots');
const BOB: StaffLogin = { username: 'bobby', password: 'bob answers the phone', role: 'viewer' };

let server: DesignerServer;
let browser: Browser;
let supervisorContext: BrowserContext;
let agentContext: BrowserContext;

beforeAll(async () => {
  server = await startDesignerServer({ flows: [] });
  const account = await createStaffAccount(server.db, BOB);
  const bob = getUserByUsername(server.db, 'bob')!;
  linkStaffToPerson(server.db, { accountId: account.id, personId: bob.id, linkedBy: 'e2e setup' });
  browser = await launchChromium();
  supervisorContext = await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
  agentContext = await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
}, 240_000);

afterAll(async () => {
  await supervisorContext?.close().catch(() => {});
  await agentContext?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

function stateBadge(page: Page, username: string) {
  return page.getByTestId(`agent-${username}`).getByTestId(`state-${username}`);
}

describe('departments and agents in Chromium', () => {
  it('a supervisor sets up a department; bob logs in and pauses from his page; the board follows live', async () => {
    const supervisor = await supervisorContext.newPage();
    await signIn(supervisor, server.baseUrl, STAFF.admin);
    // GIVEN the supervisor opens Departments from the top bar
    await supervisor.locator('.topbar nav').getByRole('link', { name: 'Departments' }).click();
    await supervisor.waitForURL((url) => url.pathname === '/departments');
    const create = supervisor.getByRole('form', { name: 'New department' });
    await expect(supervisor.getByTestId('new-dep-strategy-help').innerText()).resolves.toContain(
      'Longest idle (leastrecent): Rings the agent whose last call ended longest ago.',
    );

    // WHEN a ring time of 0 is submitted, THEN the field says why and nothing is saved, the typed name is kept
    await create.locator('#new-dep-name').fill('Ventes');
    await create.locator('#new-dep-strategy').selectOption('longest-idle');
    await create.locator('#new-dep-agentRingSeconds').fill('0');
    await create.getByRole('button', { name: 'Create department' }).click();
    await eventually(async () =>
      expect(await create.locator('[data-field="new-dep-agentRingSeconds"]').innerText()).toBe(
        'Ring time must be at least 1 second',
      ),
    );
    expect(getDepartment(server.db, 'Ventes')).toBeNull();
    await expect(create.locator('#new-dep-name').inputValue()).resolves.toBe('Ventes');

    // WHEN corrected: the department exists with those settings
    await create.locator('#new-dep-agentRingSeconds').fill('20');
    await create.locator('#new-dep-dialCode').fill('7');
    await create.getByRole('button', { name: 'Create department' }).click();
    const section = supervisor.getByTestId('department-Ventes');
    await section.waitFor();
    expect(getDepartment(server.db, 'Ventes')).toMatchObject({
      strategy: 'longest-idle',
      agentRingSeconds: 20,
      dialCode: 7,
    });

    // AND members are added with penalties: alice (2) then bob (0)
    const addForm = section.getByRole('form', { name: 'Add a member to Ventes' });
    await addForm.getByLabel('Person to add to Ventes').selectOption({ label: '6001 · Alice (alice)' });
    await addForm.getByLabel('Penalty for the new member of Ventes').fill('2');
    await addForm.getByRole('button', { name: 'Add member' }).click();
    await section.getByTestId('member-Ventes-alice').waitFor();
    await addForm.getByLabel('Person to add to Ventes').selectOption({ label: '6002 · Bob (bob)' });
    await addForm.getByLabel('Penalty for the new member of Ventes').fill('0');
    await addForm.getByRole('button', { name: 'Add member' }).click();
    await section.getByTestId('member-Ventes-bob').waitFor();
    expect(getDepartment(server.db, 'Ventes')!.members.map((m) => [m.username, m.penalty])).toEqual([
      ['bob', 0],
      ['alice', 2],
    ]);
    // The board lists both, logged out, and is live
    await eventually(async () => expect(await supervisor.getByTestId('agents-live').innerText()).toBe('live'));
    await expect(stateBadge(supervisor, 'bob').innerText()).resolves.toBe('logged out');

    // WHEN bob signs in to his own page and logs in to Ventes
    const agent = await agentContext.newPage();
    await signIn(agent, server.baseUrl, BOB, `/sign-in?redirectTo=${encodeURIComponent('/departments')}`);
    await agent.waitForURL((url) => url.pathname === '/departments');
    const mine = agent.getByTestId('my-agent');
    await expect(mine.getByTestId('my-department-Ventes').innerText()).resolves.toContain('(phone: *457)');
    await mine.getByRole('button', { name: 'Log in to Ventes' }).click();
    await eventually(async () =>
      expect(await agent.getByTestId('message-me').innerText()).toBe('Logged in to Ventes.'),
    );
    // THEN his state is available, in the database and on the supervisor's board without a reload
    expect(getAgent(server.db, 'bob').state).toEqual({ kind: 'available' });
    await eventually(async () => expect(await stateBadge(supervisor, 'bob').innerText()).toBe('available'));
    // bob sees no department management
    expect(await agent.getByRole('form', { name: 'New department' }).count()).toBe(0);

    // WHEN bob pauses for lunch
    await mine.getByLabel('Pause reason', { exact: true }).selectOption('Lunch');
    await mine.getByRole('button', { name: 'Pause', exact: true }).click();
    await eventually(async () => expect(await mine.getByTestId('state-bob').innerText()).toBe('paused: Lunch'));
    expect(getAgent(server.db, 'bob').state).toEqual({ kind: 'paused', reason: 'Lunch' });
    await eventually(async () => expect(await stateBadge(supervisor, 'bob').innerText()).toBe('paused: Lunch'));

    // AND ends it
    await mine.getByRole('button', { name: 'End pause' }).click();
    await eventually(async () => expect(await stateBadge(supervisor, 'bob').innerText()).toBe('available'));

    // WHEN another process (the runtime) puts bob on a call, both pages show it within the poll interval
    const ventes = getDepartment(server.db, 'Ventes')!;
    createAgentDirectory(server.db).saveAgentStatus({
      username: 'bob',
      state: { kind: 'on-call', department: ventes.id },
      since: Date.now(),
      lastCallEndedAt: null,
      callsTaken: 0,
    });
    await eventually(
      async () => expect(await stateBadge(supervisor, 'bob').innerText()).toBe('on a call (Ventes)'),
      8000,
    );
    await eventually(
      async () => expect(await mine.getByTestId('state-bob').innerText()).toBe('on a call (Ventes)'),
      8000,
    );
    // AND a pause asked for during the call waits for its end
    await mine.getByLabel('Pause reason', { exact: true }).selectOption('other');
    await mine.getByLabel('Other pause reason').fill('Doctor');
    await mine.getByRole('button', { name: 'Pause', exact: true }).click();
    await eventually(async () =>
      expect(await agent.getByTestId('message-me').innerText()).toBe('Your pause (Doctor) starts when this call ends.'),
    );
    expect(getAgent(server.db, 'bob')).toMatchObject({ state: { kind: 'on-call' }, pendingPause: 'Doctor' });
    await eventually(async () =>
      expect(await supervisor.getByTestId('agent-bob').innerText()).toContain('pause “Doctor” after this call'),
    );

    // WHEN the call ends (the runtime saves bob's wrap-up), THEN his pause starts, on both pages
    createAgentDirectory(server.db).saveAgentStatus({
      username: 'bob',
      state: { kind: 'wrap-up', until: Date.now() + 10_000 },
      since: Date.now(),
      lastCallEndedAt: Date.now(),
      callsTaken: 1,
    });
    await eventually(async () => expect(await stateBadge(supervisor, 'bob').innerText()).toBe('paused: Doctor'), 8000);
    await eventually(async () => expect(await mine.getByTestId('state-bob').innerText()).toBe('paused: Doctor'), 8000);
    expect(getAgent(server.db, 'bob')).toMatchObject({ pendingPause: null, callsTaken: 1 });

    // AND the supervisor changes alice's penalty
    await section.getByLabel('Penalty of alice in Ventes').fill('7');
    await section.getByTestId('member-Ventes-alice').getByRole('button', { name: 'Set' }).click();
    await eventually(() =>
      expect(getDepartment(server.db, 'Ventes')!.members.find((m) => m.username === 'alice')?.penalty).toBe(7),
    );
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await supervisor.screenshot({ path: path.join(SCREENSHOT_DIR, 'departments.png'), fullPage: true });
    await agent.screenshot({ path: path.join(SCREENSHOT_DIR, 'departments-agent.png') });
  });

  it('a viewer without a link is nobody’s agent and cannot manage departments, even by posting the form', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: ENGLISH_LOCALE });
    try {
      const page = await context.newPage();
      await signIn(page, server.baseUrl, STAFF.viewer, `/sign-in?redirectTo=${encodeURIComponent('/departments')}`);
      await page.waitForURL((url) => url.pathname === '/departments');
      await expect(page.getByTestId('my-agent-unlinked').innerText()).resolves.toContain('not linked to a person');
      expect(await page.getByRole('form', { name: 'New department' }).count()).toBe(0);
      const csrf = await csrfTokenOf(page);
      const html = await page.evaluate(async (token) => {
        const body = new FormData();
        body.set('csrf', token);
        body.set('intent', 'create');
        body.set('name', 'Intruders');
        return (await fetch('/departments', { method: 'POST', body })).text();
      }, csrf);
      expect(html).toContain('Managing departments needs the editor or admin role.');
      expect(getDepartment(server.db, 'Intruders')).toBeNull();
    } finally {
      await context.close();
    }
  });
});
