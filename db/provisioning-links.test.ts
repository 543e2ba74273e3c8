import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffAccount } from './auth.ts';
import { closeDatabase, openDatabase } from './client.ts';
import {
  consumeProvisioningLink,
  createProvisioningLink,
  ENDED_LINKS_KEPT_MS,
  listOutstandingProvisioningLinks,
  provisioningTokenHash,
  revokeProvisioningLink,
} from './provisioning-links.ts';
import { provisioningLinks } from './schema.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';
import { createUser, deleteUser, sipMd5Cred, type UserRecord } from './users.ts';

let temp: TempDatabase;
let bob: UserRecord;
let alice: UserRecord;
let adminId: string;
const HALF_HOUR = 30 * 60_000;
const T0 = Date.UTC(2026, 11, 6, 10, 0);

beforeEach(async () => {
  temp = openTempDatabase();
  bob = await createUser(temp.db, {
    username: 'bob',
    extension: '6002',
    displayName: 'Bob Martin',
    sipPassword: 'Ciel-Gris-93',
    voicemailPin: '5172',
  });
  alice = await createUser(temp.db, {
    username: 'alice',
    extension: '6001',
    displayName: 'Alice',
    sipPassword: 'Vert-Pomme-42',
    voicemailPin: '4821',
  });
  adminId = (await createStaffAccount(temp.db, { username: 'ada', password: 'ada administers all', role: 'admin' })).id;
});
afterEach(() => temp.dispose());

const make = (personId = bob.id, now = T0) =>
  createProvisioningLink(temp.db, { personId, createdBy: adminId, lifetimeMs: HALF_HOUR, now });

describe('provisioning links', () => {
  it('are made with a fresh 32-byte token of which only the SHA-256 is stored', () => {
    const { link, token } = make();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(link).toMatchObject({
      personId: bob.id,
      createdBy: adminId,
      createdByUsername: 'ada',
      createdAt: T0,
      expiresAt: T0 + HALF_HOUR,
      usedAt: null,
      revokedAt: null,
    });
    expect(link.id).toMatch(/^pvl_/);
    const row = temp.db.orm.select().from(provisioningLinks).where(eq(provisioningLinks.id, link.id)).get()!;
    expect(row.tokenHash).toBe(provisioningTokenHash(token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const everything = JSON.stringify(temp.db.sqlite.prepare('SELECT * FROM provisioning_links').all());
    expect(everything).not.toContain(token);
    expect(make().token).not.toBe(token);
  });

  it('refuse a lifetime that is not positive', () => {
    expect(() =>
      createProvisioningLink(temp.db, { personId: bob.id, createdBy: adminId, lifetimeMs: 0, now: T0 }),
    ).toThrow(RangeError);
  });

  it('hand out the person’s account once, then say the link was used', () => {
    const { link, token } = make();
    const first = consumeProvisioningLink(temp.db, token, T0 + 60_000);
    expect(first).toEqual({
      kind: 'valid',
      link: expect.objectContaining({ id: link.id, usedAt: T0 + 60_000 }),
      person: {
        id: bob.id,
        username: 'bob',
        displayName: 'Bob Martin',
        sipMd5Cred: sipMd5Cred('bob', 'Ciel-Gris-93'),
      },
    });
    expect(consumeProvisioningLink(temp.db, token, T0 + 61_000)).toEqual({ kind: 'ended', reason: 'used' });
    expect(listOutstandingProvisioningLinks(temp.db, bob.id, T0 + 61_000)).toEqual([]);
  });

  it('are used once even when a second connection (another process) asks for the same token', () => {
    const { token } = make();
    // A second connection to the same file, as a second process would hold.
    const other = openDatabase(temp.db.file);
    try {
      const answers = [consumeProvisioningLink(temp.db, token, T0 + 1), consumeProvisioningLink(other, token, T0 + 1)];
      expect(answers.filter((answer) => answer.kind === 'valid')).toHaveLength(1);
      expect(answers.filter((answer) => answer.kind === 'ended')).toHaveLength(1);
    } finally {
      closeDatabase(other);
    }
  });

  it('end at their expiry time', () => {
    const { token } = make();
    expect(consumeProvisioningLink(temp.db, token, T0 + HALF_HOUR)).toEqual({ kind: 'ended', reason: 'expired' });
    // Expired is not used: the link was never handed out.
    const row = temp.db.orm.select().from(provisioningLinks).get()!;
    expect(row.usedAt).toBeNull();
    expect(listOutstandingProvisioningLinks(temp.db, bob.id, T0 + HALF_HOUR)).toEqual([]);
    expect(listOutstandingProvisioningLinks(temp.db, bob.id, T0 + HALF_HOUR - 1)).toHaveLength(1);
  });

  it('can be revoked while outstanding, only by naming their person, and then answer nothing', () => {
    const { link, token } = make();
    expect(revokeProvisioningLink(temp.db, { linkId: link.id, personId: alice.id, now: T0 + 1 })).toBe(false);
    expect(revokeProvisioningLink(temp.db, { linkId: link.id, personId: bob.id, now: T0 + 1 })).toBe(true);
    expect(revokeProvisioningLink(temp.db, { linkId: link.id, personId: bob.id, now: T0 + 2 })).toBe(false);
    expect(consumeProvisioningLink(temp.db, token, T0 + 3)).toEqual({ kind: 'ended', reason: 'revoked' });
    expect(listOutstandingProvisioningLinks(temp.db, bob.id, T0 + 3)).toEqual([]);
    expect(revokeProvisioningLink(temp.db, { linkId: 'pvl_nothing', personId: bob.id, now: T0 })).toBe(false);
  });

  it('cannot be revoked once used: the phone already has the account', () => {
    const { link, token } = make();
    consumeProvisioningLink(temp.db, token, T0 + 1);
    expect(revokeProvisioningLink(temp.db, { linkId: link.id, personId: bob.id, now: T0 + 2 })).toBe(false);
  });

  it('know nothing of a token never made', () => {
    make();
    expect(consumeProvisioningLink(temp.db, 'A'.repeat(43), T0)).toEqual({ kind: 'unknown' });
    expect(consumeProvisioningLink(temp.db, '', T0)).toEqual({ kind: 'unknown' });
  });

  it('list a person’s outstanding links newest first, and no one else’s', () => {
    const first = make(bob.id, T0).link;
    const second = make(bob.id, T0 + 1000).link;
    make(alice.id, T0 + 2000);
    expect(listOutstandingProvisioningLinks(temp.db, bob.id, T0 + 3000).map((link) => link.id)).toEqual([
      second.id,
      first.id,
    ]);
  });

  it('go with their person', async () => {
    const { token } = make();
    deleteUser(temp.db, bob.id);
    expect(temp.db.orm.select().from(provisioningLinks).all()).toEqual([]);
    expect(consumeProvisioningLink(temp.db, token, T0 + 1)).toEqual({ kind: 'unknown' });
  });

  it('forget links that ended long ago when a new one is made', () => {
    make(bob.id, T0);
    make(bob.id, T0 + HALF_HOUR + ENDED_LINKS_KEPT_MS + 1);
    expect(temp.db.orm.select().from(provisioningLinks).all()).toHaveLength(1);
  });
});
