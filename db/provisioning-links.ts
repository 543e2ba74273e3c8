// One-time provisioning links (docs/decisions/020-mobile-provisioning.md): an administrator makes one for a person,
// the person's phone fetches its configuration through it once. Only the SHA-256 of a link's token is stored, so
// neither the database nor its backups can hand out an account.
import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { SwitchboardDb } from './client.ts';
import { newId } from './ids.ts';
import { provisioningLinks, staffAccounts, users } from './schema.ts';

/** A link as the People page lists it: never its token, which only its creator sees, once. */
export interface ProvisioningLink {
  id: string;
  personId: string;
  /** The staff account that made it, and that account's user name (null once the account is gone). */
  createdBy: string;
  createdByUsername: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

/** 32 random bytes, base64url: 43 characters that go into the link's address. */
export function newProvisioningToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the table keeps of a token. The token is random enough that a slow hash buys nothing. */
export function provisioningTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Links that ended (used, revoked or expired) more than this long ago are deleted when the next one is made. */
export const ENDED_LINKS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Makes a link for `personId`, valid `lifetimeMs` from `now`, and returns it with its token: the only time the
 * token exists outside the phone that will use it.
 */
export function createProvisioningLink(
  db: SwitchboardDb,
  input: { personId: string; createdBy: string; lifetimeMs: number; now?: number },
): { link: ProvisioningLink; token: string } {
  const now = input.now ?? Date.now();
  if (!Number.isFinite(input.lifetimeMs) || input.lifetimeMs <= 0) {
    throw new RangeError(`A provisioning link must live a positive time, not ${input.lifetimeMs} ms`);
  }
  const token = newProvisioningToken();
  const id = newId('pvl');
  db.orm.transaction(
    (tx) => {
      // Old links are of no use to anyone: keep the table small without a timer.
      tx.delete(provisioningLinks)
        .where(lt(provisioningLinks.expiresAt, now - ENDED_LINKS_KEPT_MS))
        .run();
      tx.insert(provisioningLinks)
        .values({
          id,
          personId: input.personId,
          tokenHash: provisioningTokenHash(token),
          createdBy: input.createdBy,
          createdAt: now,
          expiresAt: now + input.lifetimeMs,
        })
        .run();
    },
    { behavior: 'immediate' },
  );
  return { link: getProvisioningLink(db, id)!, token };
}

const linkColumns = {
  id: provisioningLinks.id,
  personId: provisioningLinks.personId,
  createdBy: provisioningLinks.createdBy,
  createdByUsername: staffAccounts.username,
  createdAt: provisioningLinks.createdAt,
  expiresAt: provisioningLinks.expiresAt,
  usedAt: provisioningLinks.usedAt,
  revokedAt: provisioningLinks.revokedAt,
};

export function getProvisioningLink(db: SwitchboardDb, id: string): ProvisioningLink | null {
  return (
    db.orm
      .select(linkColumns)
      .from(provisioningLinks)
      .leftJoin(staffAccounts, eq(staffAccounts.id, provisioningLinks.createdBy))
      .where(eq(provisioningLinks.id, id))
      .get() ?? null
  );
}

/** The person's links that would still answer: neither used nor revoked nor expired. Newest first. */
export function listOutstandingProvisioningLinks(
  db: SwitchboardDb,
  personId: string,
  now = Date.now(),
): ProvisioningLink[] {
  return db.orm
    .select(linkColumns)
    .from(provisioningLinks)
    .leftJoin(staffAccounts, eq(staffAccounts.id, provisioningLinks.createdBy))
    .where(
      and(
        eq(provisioningLinks.personId, personId),
        isNull(provisioningLinks.usedAt),
        isNull(provisioningLinks.revokedAt),
        gt(provisioningLinks.expiresAt, now),
      ),
    )
    .orderBy(desc(provisioningLinks.createdAt), desc(provisioningLinks.id))
    .all();
}

/** Why a known link no longer answers. */
export type EndedLinkReason = 'used' | 'revoked' | 'expired';

/** What a phone's fetch of a link finds: the account to hand over (this once), an ended link, or nothing. */
export type ProvisioningLinkUse =
  | {
      kind: 'valid';
      link: ProvisioningLink;
      person: { id: string; username: string; displayName: string; sipMd5Cred: string };
    }
  | { kind: 'ended'; reason: EndedLinkReason }
  | { kind: 'unknown' };

/**
 * Uses a link: when it is valid, marks it used and returns the person's account, all in one immediate transaction,
 * so that two fetches at the same instant cannot both get it. Any later fetch finds it ended.
 */
export function consumeProvisioningLink(db: SwitchboardDb, token: string, now = Date.now()): ProvisioningLinkUse {
  const tokenHash = provisioningTokenHash(token);
  return db.orm.transaction(
    (tx): ProvisioningLinkUse => {
      const row = tx
        .select({
          link: provisioningLinks,
          person: {
            id: users.id,
            username: users.username,
            displayName: users.displayName,
            sipMd5Cred: users.sipMd5Cred,
          },
        })
        .from(provisioningLinks)
        .innerJoin(users, eq(users.id, provisioningLinks.personId))
        .where(eq(provisioningLinks.tokenHash, tokenHash))
        .get();
      if (!row) return { kind: 'unknown' };
      const { link, person } = row;
      if (link.usedAt !== null) return { kind: 'ended', reason: 'used' };
      if (link.revokedAt !== null) return { kind: 'ended', reason: 'revoked' };
      if (link.expiresAt <= now) return { kind: 'ended', reason: 'expired' };
      tx.update(provisioningLinks).set({ usedAt: now }).where(eq(provisioningLinks.id, link.id)).run();
      const creator = tx
        .select({ username: staffAccounts.username })
        .from(staffAccounts)
        .where(eq(staffAccounts.id, link.createdBy))
        .get();
      const { tokenHash: _hash, ...rest } = link;
      return {
        kind: 'valid',
        link: { ...rest, usedAt: now, createdByUsername: creator?.username ?? null },
        person,
      };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Revokes one outstanding link of `personId`. Returns false when there was nothing to revoke: an unknown id, another
 * person's link, or a link already used, revoked or expired.
 */
export function revokeProvisioningLink(
  db: SwitchboardDb,
  input: { linkId: string; personId: string; now?: number },
): boolean {
  const now = input.now ?? Date.now();
  // One UPDATE decides and writes at once: no read-then-write to guard.
  const result = db.orm
    .update(provisioningLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(provisioningLinks.id, input.linkId),
        eq(provisioningLinks.personId, input.personId),
        isNull(provisioningLinks.usedAt),
        isNull(provisioningLinks.revokedAt),
        gt(provisioningLinks.expiresAt, now),
      ),
    )
    .run();
  return result.changes === 1;
}
