import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFlow, getFlow, listFlows, publishVersion, saveDraft } from '#db/flows.ts';
import { InvalidUserInputError } from '#db/errors.ts';
import { flowIdBoundToNumber } from '#db/number-owner.ts';
import { frenchFlow, openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { seedPeople } from '#db/seed.ts';
import { getUserByUsername, listUsers, sipMd5Cred, verifyVoicemailPin } from '#db/users.ts';
import { FakeSipProvisioner } from '#runtime/ari/testing/fake-sip-provisioner.ts';
import { createPromptStore } from '#runtime/tts/index.ts';
import { pinProblems, sipSecretProblems } from './secret-policy.ts';
import {
  addPerson,
  changePerson,
  removePerson,
  resetSecrets,
  syncPeopleToAsterisk,
  type PeopleServiceDeps,
} from './people-service.ts';

let temp: TempDatabase;
let asterisk: FakeSipProvisioner;
let deps: PeopleServiceDeps;

beforeEach(() => {
  temp = openTempDatabase();
  asterisk = new FakeSipProvisioner();
  deps = {
    db: temp.db,
    prompts: createPromptStore({ PROMPTS_DIR: join(temp.folder, 'prompts') }),
    provisioner: asterisk,
    author: 'ada',
  };
});
afterEach(() => temp.dispose());

const carol = {
  username: 'carol',
  extension: '6010',
  displayName: 'Carol',
  language: 'fr-FR',
  sipPassword: 'Vert-Pomme-42',
  voicemailPin: '4821',
};

function problemsOf(error: unknown): Record<string, string> {
  if (!(error instanceof InvalidUserInputError)) throw error;
  return Object.fromEntries(error.problems.map((problem) => [problem.field, problem.message]));
}

async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    return problemsOf(error);
  }
  throw new Error('expected a refusal');
}

describe('addPerson', () => {
  it('stores the person, publishes their personal flow on their extension and pushes their SIP account', async () => {
    const change = await addPerson(deps, carol);

    expect(change.person).toMatchObject({ username: 'carol', extension: '6010' });
    expect(change.flow).toMatchObject({ kind: 'published', name: 'Carol (6010)', versionNumber: 1 });
    const flowId = flowIdBoundToNumber(temp.db, '6010');
    expect(flowId).not.toBeNull();
    expect(getFlow(temp.db, flowId!)!.draft.nodes.map((node) => node.type)).toEqual([
      'start',
      'dial',
      'voicemail',
      'hangup',
    ]);
    expect(change.asterisk).toEqual({ kind: 'applied' });
    expect(asterisk.accounts.get('carol')).toEqual({
      username: 'carol',
      extension: '6010',
      displayName: 'Carol',
      md5Cred: sipMd5Cred('carol', 'Vert-Pomme-42'),
    });
  });

  it('says when no Asterisk is configured, and still saves the person and the flow', async () => {
    const change = await addPerson({ ...deps, provisioner: null }, carol);
    expect(change.asterisk).toEqual({ kind: 'not-configured' });
    expect(change.flow.kind).toBe('published');
  });

  it('refuses, field by field, what would make a bad or unsafe line', async () => {
    const problems = await refusal(
      addPerson(deps, {
        ...carol,
        username: 'Carol!',
        sipPassword: 'short',
        voicemailPin: '12a4',
        email: 'not-an-address',
      }),
    );
    expect(problems).toEqual({
      username: 'A user name is 2 to 32 lower-case letters, digits, ".", "_" or "-", starting with a letter',
      email: 'Enter an e-mail address such as name@example.org',
      sipPassword: 'A SIP password has at least 8 characters',
      voicemailPin: 'A voicemail PIN is 4 to 10 digits',
    });
    expect(await refusal(addPerson(deps, { ...carol, sipPassword: 'carol2024!' }))).toEqual({
      sipPassword: 'The SIP password must not contain the user name or the extension',
    });
    expect(await refusal(addPerson(deps, { ...carol, sipPassword: '7355608123' }))).toEqual({
      sipPassword: 'A SIP password of digits only is too easy to guess: add letters',
    });
    expect(await refusal(addPerson(deps, { ...carol, sipPassword: 'abcabc1' }))).toEqual({
      sipPassword: 'A SIP password has at least 8 characters',
    });
    expect(await refusal(addPerson(deps, { ...carol, voicemailPin: '6010' }))).toEqual({
      voicemailPin: 'The voicemail PIN must not be the extension',
    });
    expect(await refusal(addPerson(deps, { ...carol, voicemailPin: '0000' }))).toEqual({
      voicemailPin: 'A PIN of one repeated digit is too easy to guess',
    });
    expect(listUsers(temp.db)).toEqual([]);
    expect(asterisk.calls).toEqual([]);
  });

  it('refuses an extension that is the number of a flow, naming the flow', async () => {
    const { flowId } = createFlow(temp.db, { document: frenchFlow('Accueil', ['6003']), author: 'test' });
    publishVersion(temp.db, { flowId, document: getFlow(temp.db, flowId)!.draft, author: 'test' });
    expect(await refusal(addPerson(deps, { ...carol, extension: '6003' }))).toEqual({
      extension: '6003 is already the number of the flow "Accueil": choose another extension',
    });
  });

  it('refuses a taken extension or user name with the field it concerns', async () => {
    await addPerson(deps, carol);
    expect(await refusal(addPerson(deps, { ...carol, username: 'carole' }))).toEqual({
      extension: '6010 is already the extension of Carol (carol)',
    });
    expect(await refusal(addPerson(deps, { ...carol, extension: '6011' }))).toEqual({
      username: 'The user name "carol" is already used by Carol (6010)',
    });
  });
});

describe('changePerson', () => {
  it('moves the personal flow with the extension and keeps it ringing the renamed person', async () => {
    const { person } = await addPerson(deps, carol);
    const flowId = flowIdBoundToNumber(temp.db, '6010')!;

    const change = await changePerson(deps, person.id, {
      extension: '6020',
      username: 'caro',
      sipPassword: 'Bleu-Ciel-77',
      displayName: 'Caro',
    });

    expect(change.flow).toMatchObject({ kind: 'published', flowId, name: 'Caro (6020)', versionNumber: 2 });
    expect(flowIdBoundToNumber(temp.db, '6010')).toBeNull();
    expect(flowIdBoundToNumber(temp.db, '6020')).toBe(flowId);
    const draft = getFlow(temp.db, flowId)!.draft;
    expect(draft.nodes.find((node) => node.type === 'dial')!.data).toMatchObject({
      target: { kind: 'user', username: 'caro' },
    });
    expect(draft.nodes.find((node) => node.type === 'voicemail')!.data).toMatchObject({ box: '6020' });
    // the accounts' ids come from the user name: the old phone and browser device are removed, the new ones pushed
    expect(asterisk.calls.slice(-4)).toEqual(['remove carol', 'remove carol~web', 'apply caro', 'apply caro~web']);
    expect([...asterisk.accounts.keys()]).toEqual(['caro', 'caro~web']);
  });

  it('renumbers a voicemail inbox that opens the person’s own box, and leaves other boxes alone', async () => {
    // GIVEN carol's flow redrawn: after a message, an inbox fixed on her box 6010, then one fixed on box 6099
    const { person } = await addPerson(deps, carol);
    const flowId = flowIdBoundToNumber(temp.db, '6010')!;
    const flow = getFlow(temp.db, flowId)!;
    const inbox = (id: string, box: string) => ({
      id,
      type: 'voicemail-inbox',
      position: { x: 900, y: 400 },
      data: { box: { kind: 'fixed', box } },
    });
    const vmEdge = flow.draft.edges.find((edge) => edge.source.startsWith('vm-'))!;
    saveDraft(temp.db, {
      flowId,
      author: 'ada',
      expectedRevision: flow.revision,
      document: {
        ...flow.draft,
        nodes: [...flow.draft.nodes, inbox('own-box', '6010'), inbox('other-box', '6099')],
        edges: [
          ...flow.draft.edges.filter((edge) => edge !== vmEdge),
          { ...vmEdge, target: 'own-box' },
          { id: 'own-next', source: 'own-box', sourceBranch: 'next', target: 'other-box' },
        ],
      },
    });

    // WHEN her extension moves to 6020
    const change = await changePerson(deps, person.id, { extension: '6020' });

    // THEN the inbox of her box follows it, the other does not, and the flow is republished that way
    expect(change.flow).toMatchObject({ kind: 'published', flowId });
    const boxes = Object.fromEntries(
      getFlow(temp.db, flowId)!
        .draft.nodes.filter((node) => node.type === 'voicemail-inbox')
        .map((node) => [node.id, node.data]),
    );
    expect(boxes).toEqual({
      'own-box': { box: { kind: 'fixed', box: '6020' } },
      'other-box': { box: { kind: 'fixed', box: '6099' } },
    });
  });

  it('pushes a new SIP password at once and leaves the flow alone', async () => {
    const { person } = await addPerson(deps, carol);
    const change = await changePerson(deps, person.id, { sipPassword: 'Rouge-Tomate-9' });
    expect(change.flow.kind).toBe('unchanged');
    expect(asterisk.accounts.get('carol')!.md5Cred).toBe(sipMd5Cred('carol', 'Rouge-Tomate-9'));
  });

  it('refuses an extension held by another flow', async () => {
    const { flowId } = createFlow(temp.db, { document: frenchFlow('Accueil', ['6003']), author: 'test' });
    publishVersion(temp.db, { flowId, document: getFlow(temp.db, flowId)!.draft, author: 'test' });
    const { person } = await addPerson(deps, carol);
    expect(await refusal(changePerson(deps, person.id, { extension: '6003' }))).toEqual({
      extension: '6003 is already the number of the flow "Accueil": choose another extension',
    });
  });

  it('reports an account that pjsip.conf defines differently (it cannot change over ARI)', async () => {
    const { person } = await addPerson(deps, carol);
    asterisk.fromPjsipConf.set('carol', { ...asterisk.accounts.get('carol')! });
    const change = await changePerson(deps, person.id, { sipPassword: 'Rouge-Tomate-9' });
    expect(change.asterisk).toEqual({ kind: 'in-pjsip-conf', upToDate: false });
  });
});

describe("a person's two SIP accounts", () => {
  it('are pushed together: the phone, then the browser device with a credential nobody knows yet', async () => {
    const added = await addPerson(deps, carol);
    expect(added.asterisk).toEqual({ kind: 'applied' });
    expect(asterisk.calls).toEqual(['apply carol', 'apply carol~web']);
    const browser = asterisk.accounts.get('carol~web')!;
    expect(browser).toMatchObject({ device: 'browser', extension: '6010', displayName: 'Carol' });
    expect(browser.md5Cred).toMatch(/^[0-9a-f]{32}$/);
    expect(browser.md5Cred).not.toBe(sipMd5Cred('carol~web', carol.sipPassword));
    // the same random credential on every later push (stored, not drawn again)
    await changePerson(deps, added.person.id, { displayName: 'Carole' });
    expect(asterisk.accounts.get('carol~web')!.md5Cred).toBe(browser.md5Cred);
    expect(asterisk.accounts.get('carol~web')!.displayName).toBe('Carole');
  });

  it('report the worse outcome of the two', async () => {
    asterisk.fromPjsipConf.set('carol~web', {
      username: 'carol~web',
      extension: '6010',
      displayName: 'Carol',
      md5Cred: '0'.repeat(32),
      device: 'browser',
    });
    expect((await addPerson(deps, carol)).asterisk).toEqual({ kind: 'in-pjsip-conf', upToDate: false });
  });
});

describe('removePerson', () => {
  it('removes the person and their SIP account, and archives their flow out of service', async () => {
    const { person } = await addPerson(deps, carol);
    const flowId = flowIdBoundToNumber(temp.db, '6010')!;

    const removal = await removePerson(deps, person.id);

    expect(removal.flow).toEqual({ kind: 'archived', flowId, name: 'Carol (6010)' });
    expect(removal.asterisk).toEqual({ kind: 'applied' });
    expect(getUserByUsername(temp.db, 'carol')).toBeNull();
    expect(flowIdBoundToNumber(temp.db, '6010')).toBeNull();
    expect(getFlow(temp.db, flowId)!.archivedAt).not.toBeNull();
    expect(listFlows(temp.db).map((flow) => flow.id)).not.toContain(flowId);
    expect(asterisk.calls.slice(-2)).toEqual(['remove carol', 'remove carol~web']);
    expect(asterisk.accounts.size).toBe(0);
  });

  it('refuses while the flow on their extension also answers other numbers', async () => {
    const { person } = await addPerson(deps, carol);
    const flowId = flowIdBoundToNumber(temp.db, '6010')!;
    const flow = getFlow(temp.db, flowId)!;
    publishVersion(temp.db, { flowId, document: { ...flow.draft, numbers: ['6010', '6011'] }, author: 'test' });

    expect(await refusal(removePerson(deps, person.id))).toEqual({
      extension:
        'The flow "Carol (6010)" answers 6010 and also 6011: take 6010 out of it in the designer before moving the extension',
    });
    expect(getUserByUsername(temp.db, 'carol')).not.toBeNull();
  });
});

describe('syncPeopleToAsterisk', () => {
  it('pushes everyone, removes accounts of people who are gone, and lists pjsip.conf accounts that are stale', async () => {
    await addPerson({ ...deps, provisioner: null }, carol);
    await addPerson({ ...deps, provisioner: null }, { ...carol, username: 'dan', extension: '6011' });
    const ghost = { username: 'ghost', extension: '6099', displayName: 'Ghost', md5Cred: '0'.repeat(32) };
    asterisk.accounts.set('ghost', ghost);
    asterisk.accounts.set('ghost~web', { ...ghost, username: 'ghost~web', device: 'browser' });
    asterisk.fromPjsipConf.set('dan', {
      username: 'dan',
      extension: '6011',
      displayName: 'Dan',
      md5Cred: '1'.repeat(32),
    });

    const report = await syncPeopleToAsterisk(temp.db, asterisk);

    // both accounts of each person: the phone and the browser device
    expect(report).toEqual({
      applied: ['carol', 'carol~web', 'dan~web'],
      removed: ['ghost', 'ghost~web'],
      staleInPjsipConf: ['dan'],
      failed: [],
    });
    expect([...asterisk.accounts.keys()].sort()).toEqual(['carol', 'carol~web', 'dan~web']);
    expect(asterisk.accounts.get('carol~web')).toMatchObject({ device: 'browser', extension: '6010' });
  });
});

describe('resetSecrets', () => {
  it('gives a seed person new random secrets the policy accepts, and pushes the account live', async () => {
    // GIVEN the seed people, with the secrets printed at first start
    const [alice] = await seedPeople(temp.db);
    const before = getUserByUsername(temp.db, 'alice')!;
    // WHEN an administrator resets alice's secrets
    const reset = await resetSecrets(deps, before.id);
    // THEN she has new ones, accepted by the rules, that the database now holds, and Asterisk has them at once
    expect(reset.sipPassword).not.toBe(alice!.sipPassword);
    expect(sipSecretProblems(reset.sipPassword, 'alice', '6001')).toEqual([]);
    expect(pinProblems(reset.voicemailPin, '6001')).toEqual([]);
    expect(asterisk.accounts.get('alice')?.md5Cred).toBe(sipMd5Cred('alice', reset.sipPassword));
    expect(await verifyVoicemailPin(temp.db, '6001', reset.voicemailPin)).toMatchObject({ ok: true });
    expect(reset.asterisk).toEqual({ kind: 'applied' });
    // AND the demo values only when asked for
    const demo = await resetSecrets(deps, before.id, { demo: true });
    expect([demo.sipPassword, demo.voicemailPin]).toEqual(['bonjour', '1234']);
    expect(asterisk.accounts.get('alice')?.md5Cred).toBe(sipMd5Cred('alice', 'bonjour'));
  });

  it('without a provisioner, saves them and says Asterisk gets them at the next connection', async () => {
    await seedPeople(temp.db);
    const reset = await resetSecrets({ ...deps, provisioner: null }, getUserByUsername(temp.db, 'bob')!.id);
    expect(reset.asterisk).toEqual({ kind: 'not-configured' });
  });
});
