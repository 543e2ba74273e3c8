// The People page through real HTTP (createApp compiling the app with Vite, a real SQLite file): an administrator
// adds, edits and removes people; a fake SIP provisioner stands in for Asterisk's ARI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFlow } from '#db/flows.ts';
import { flowIdBoundToNumber } from '#db/number-owner.ts';
import { getUserByUsername, pinMatchesHash, sipMd5Cred } from '#db/users.ts';
import { users } from '#db/schema.ts';
import { eq } from 'drizzle-orm';
import { FakeSipProvisioner } from '#runtime/ari/testing/fake-sip-provisioner.ts';
import { signedIn } from './testing/signed-in.ts';
import { startTestApp, type TestApp } from './testing/test-app.ts';

let testApp: TestApp;
const asterisk = new FakeSipProvisioner();

beforeAll(async () => {
  testApp = await startTestApp('people-page', { sipProvisioner: asterisk });
}, 120_000);
afterAll(() => testApp?.close());

const dora = {
  intent: 'add',
  displayName: 'Dora Lefèvre',
  extension: '6030',
  username: 'dora',
  sipPassword: 'Lune-Rousse-58',
  voicemailPin: '7391',
  email: 'dora@example.org',
  language: 'fr-FR',
};

describe('/people', () => {
  it('is for administrators only', async () => {
    const editor = await signedIn(testApp, 'editor');
    expect((await editor.page('/people')).status).toBe(403);
    expect((await editor.post('/people', dora)).status).toBe(403);
    expect(getUserByUsername(testApp.temp.db, 'dora')).toBeNull();
  });

  it('adds a person: stored with hashed secrets, their flow published on the extension, their account pushed', async () => {
    const admin = await signedIn(testApp, 'admin');
    const { status, html } = await admin.post('/people', dora);

    expect(status).toBe(200);
    expect(html).toContain('Added Dora Lefèvre, extension 6030, user name dora.');
    expect(html).toContain('Their flow "Dora Lefèvre (6030)" is published (version 1)');
    expect(html).toContain('Asterisk has the SIP account now');
    const row = testApp.temp.db.orm.select().from(users).where(eq(users.username, 'dora')).get()!;
    expect(row.sipMd5Cred).toBe(sipMd5Cred('dora', 'Lune-Rousse-58'));
    expect(await pinMatchesHash('7391', row.voicemailPinHash)).toBe(true);
    expect(getFlow(testApp.temp.db, flowIdBoundToNumber(testApp.temp.db, '6030')!)!.name).toBe('Dora Lefèvre (6030)');
    expect(asterisk.accounts.get('dora')?.md5Cred).toBe(sipMd5Cred('dora', 'Lune-Rousse-58'));

    // never shown back: neither in the answer to the form nor in the list or the edit form
    const listing = await admin.page(`/people?edit=${row.id}`);
    for (const secret of ['Lune-Rousse-58', '7391', row.sipMd5Cred, row.voicemailPinHash]) {
      expect(html).not.toContain(secret);
      expect(listing.html).not.toContain(secret);
    }
    expect(listing.html).toContain('Edit Dora Lefèvre');
    expect(listing.html).toContain('Leave empty to keep the current one.');
  });

  it('puts each refusal next to its field and keeps what was typed, except the secrets', async () => {
    const admin = await signedIn(testApp, 'admin');
    const { status, html } = await admin.post('/people', {
      ...dora,
      username: 'dora2',
      extension: '6030',
      sipPassword: 'dora2pass',
      voicemailPin: '12',
    });
    expect(status).toBe(400);
    expect(html).toMatch(/data-field="extension"[^>]*>6030 is already the extension of Dora Lefèvre \(dora\)</);
    expect(html).toMatch(
      /data-field="sipPassword"[^>]*>The SIP password must not contain the user name or the extension</,
    );
    expect(html).toMatch(/data-field="voicemailPin"[^>]*>A voicemail PIN is 4 to 10 digits</);
    expect(html).toContain('value="dora2"');
    expect(html).not.toContain('dora2pass');
    expect(getUserByUsername(testApp.temp.db, 'dora2')).toBeNull();
  });

  it('edits a person, keeping the secrets left empty, and moves their flow to the new extension', async () => {
    const admin = await signedIn(testApp, 'admin');
    const before = testApp.temp.db.orm.select().from(users).where(eq(users.username, 'dora')).get()!;
    const { status, html } = await admin.post('/people', {
      intent: 'edit',
      personId: before.id,
      displayName: 'Dora L.',
      extension: '6031',
      username: 'dora',
      sipPassword: '',
      voicemailPin: '',
      email: '',
      language: 'en-US',
    });
    expect(status).toBe(200);
    expect(html).toContain('Saved Dora L. (6031).');
    const after = testApp.temp.db.orm.select().from(users).where(eq(users.id, before.id)).get()!;
    expect(after).toMatchObject({ extension: '6031', displayName: 'Dora L.', email: null, language: 'en-US' });
    expect(after.sipMd5Cred).toBe(before.sipMd5Cred);
    expect(after.voicemailPinHash).toBe(before.voicemailPinHash);
    expect(flowIdBoundToNumber(testApp.temp.db, '6030')).toBeNull();
    expect(getFlow(testApp.temp.db, flowIdBoundToNumber(testApp.temp.db, '6031')!)!.name).toBe('Dora L. (6031)');
  });

  it('asks before removing, then removes the person, their account and their flow from service', async () => {
    const admin = await signedIn(testApp, 'admin');
    const person = getUserByUsername(testApp.temp.db, 'dora')!;
    const confirm = await admin.page(`/people?remove=${person.id}`);
    expect(confirm.html).toContain('Remove Dora L. (6031)?');
    expect(getUserByUsername(testApp.temp.db, 'dora')).not.toBeNull();

    const { status, html } = await admin.post(`/people?remove=${person.id}`, { intent: 'remove', personId: person.id });
    expect(status).toBe(200);
    expect(html).toContain('Removed Dora L. (6031) and their voicemail messages.');
    expect(html).toContain('no longer answers and is archived');
    expect(html).toContain('Asterisk no longer has the SIP account');
    expect(getUserByUsername(testApp.temp.db, 'dora')).toBeNull();
    expect(flowIdBoundToNumber(testApp.temp.db, '6031')).toBeNull();
    expect(asterisk.accounts.has('dora')).toBe(false);
  });
});
