import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount } from '#db/auth.ts';
import type { SwitchboardDb } from '#db/client.ts';
import { addMember, createDepartment, getAgent, getDepartment, loginAgent } from '#db/departments.ts';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { getUserByUsername } from '#db/users.ts';
import { linkStaffToPerson } from '#db/voicemail-inbox.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import {
  agentsSnapshot,
  changeDepartments as change,
  loadDepartmentsPage,
  type Viewer,
} from './departments-page.server.ts';

// The page's answers in English unless a test asks for French.
const changeDepartments = (db: SwitchboardDb, viewer: Viewer, data: FormData, t: Translate = translatorFor('en')) =>
  change(db, viewer, data, t);

let temp: TempDatabase;
let db: SwitchboardDb;
let editor: Viewer;
let bobViewer: Viewer;
let unlinked: Viewer;
beforeEach(async () => {
  temp = openTempDatabase();
  db = temp.db;
  await seedPeople(db);
  const edith = await createStaffAccount(db, { username: 'edith', password: 'edith edits a lot', role: 'editor' });
  const bobby = await createStaffAccount(db, { username: 'bobby', password: 'bob answers calls', role: 'viewer' });
  const victor = await createStaffAccount(db, { username: 'victor', password: 'victor only looks', role: 'viewer' });
  linkStaffToPerson(db, { accountId: bobby.id, personId: getUserByUsername(db, 'bob')!.id, linkedBy: 'test' });
  editor = { id: edith.id, role: 'editor' };
  bobViewer = { id: bobby.id, role: 'viewer' };
  unlinked = { id: victor.id, role: 'viewer' };
  createDepartment(db, { name: 'Sales' });
  addMember(db, { department: 'Sales', person: 'alice' });
  addMember(db, { department: 'Sales', person: 'bob' });
});
afterEach(() => temp.dispose());

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('the /departments page on the server', () => {
  it('supervisors see every agent; a linked viewer sees only themself; an unlinked one nobody', () => {
    loginAgent(db, 'alice', { kind: 'all' });
    expect(agentsSnapshot(db, editor).agents.map((a) => a.username)).toEqual(['alice', 'bob']);
    expect(agentsSnapshot(db, bobViewer).agents.map((a) => a.username)).toEqual(['bob']);
    expect(agentsSnapshot(db, unlinked).agents).toEqual([]);
    expect(loadDepartmentsPage(db, bobViewer)).toMatchObject({ supervisor: false, me: { kind: 'linked' }, people: [] });
    expect(loadDepartmentsPage(db, unlinked).me).toEqual({ kind: 'unlinked' });
  });

  it('refuses department changes to viewers, naming the roles needed, and saves nothing', () => {
    const result = changeDepartments(db, bobViewer, form({ intent: 'create', name: 'Hackers' }));
    expect(result).toMatchObject({ ok: false, message: 'Managing departments needs the editor or admin role.' });
    expect(getDepartment(db, 'Hackers')).toBeNull();
  });

  it('keeps the typed values and names the fields of a refused department', () => {
    const sales = getDepartment(db, 'Sales')!;
    const result = changeDepartments(
      db,
      editor,
      form({ intent: 'update', departmentId: sales.id, name: '', strategy: 'ring-all', agentRingSeconds: '700' }),
    );
    expect(result).toMatchObject({
      ok: false,
      form: `department:${sales.id}`,
      fieldErrors: { name: 'Give the department a name', agentRingSeconds: 'Ring time must be at most 600 seconds' },
      values: { agentRingSeconds: '700' },
    });
    expect(getDepartment(db, sales.id)).toMatchObject({ name: 'Sales', agentRingSeconds: 15 });
  });

  it('a linked viewer logs in, pauses with another reason and unpauses as their own person only', () => {
    const sales = getDepartment(db, 'Sales')!;
    expect(changeDepartments(db, bobViewer, form({ intent: 'my-login', departmentId: sales.id }))).toMatchObject({
      ok: true,
      done: 'Logged in to Sales.',
    });
    expect(getAgent(db, 'alice').state.kind).toBe('logged-out');
    expect(
      changeDepartments(db, bobViewer, form({ intent: 'my-pause', reason: 'other', otherReason: '' })),
    ).toMatchObject({
      ok: false,
      fieldErrors: { otherReason: 'Say why, or choose a reason' },
    });
    expect(
      changeDepartments(db, bobViewer, form({ intent: 'my-pause', reason: 'other', otherReason: 'Doctor' })),
    ).toMatchObject({ ok: true, done: 'Paused: Doctor.' });
    expect(getAgent(db, 'bob').state).toEqual({ kind: 'paused', reason: 'Doctor' });
    expect(changeDepartments(db, bobViewer, form({ intent: 'my-unpause' }))).toMatchObject({ ok: true });
    expect(changeDepartments(db, bobViewer, form({ intent: 'my-logout' }))).toMatchObject({
      done: 'Logged out of every department.',
    });
  });

  it('tells an unlinked account how to get a link', () => {
    expect(changeDepartments(db, unlinked, form({ intent: 'my-login' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('not linked to a person of the directory'),
    });
  });

  it('answers in the language of its translate function: field errors and what was done, in French', () => {
    const fr = translatorFor('fr');
    const sales = getDepartment(db, 'Sales')!;
    createDepartment(db, { name: 'Support', dialCode: 4 });
    // What the settings form always sends.
    const settings = {
      name: 'Sales',
      strategy: 'ring-all',
      agentRingSeconds: '15',
      retrySeconds: '5',
      wrapUpSeconds: '10',
      widenPenaltyEverySeconds: '0',
      dialCode: '',
    };
    expect(
      changeDepartments(
        db,
        editor,
        form({ ...settings, intent: 'update', departmentId: sales.id, agentRingSeconds: '0' }),
        fr,
      ),
    ).toMatchObject({
      ok: false,
      message: "Rien n'a été enregistré : corrigez les champs en rouge.",
      fieldErrors: { agentRingSeconds: "La durée de sonnerie doit être d'au moins 1 seconde" },
    });
    expect(
      changeDepartments(db, editor, form({ ...settings, intent: 'update', departmentId: sales.id, dialCode: '4' }), fr),
    ).toMatchObject({ ok: false, fieldErrors: { dialCode: 'Le code 4 est déjà celui de Support' } });
    expect(changeDepartments(db, editor, form({ ...settings, intent: 'create', name: 'support' }), fr)).toMatchObject({
      ok: false,
      fieldErrors: { name: 'Un service nommé « support » existe déjà' },
    });
    expect(changeDepartments(db, bobViewer, form({ intent: 'my-login', departmentId: sales.id }), fr)).toMatchObject({
      ok: true,
      done: 'Connecté à Sales.',
    });
    expect(changeDepartments(db, bobViewer, form({ intent: 'my-pause', reason: 'Lunch' }), fr)).toMatchObject({
      ok: true,
      done: 'En pause : Déjeuner.',
    });
  });
});
