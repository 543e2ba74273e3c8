// Staff accounts, their browser sessions and the API tokens of scripts: the storage half of sign-in and roles.
// HTTP (cookies, redirects, CSRF) is app/auth.server.ts; this module only knows rows, secrets and clocks.
import { isUiLanguage, type UiLanguage } from '#i18n/languages.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, count, desc, eq, isNull, lt, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { usernameSchema } from '#flows/nodes/shared.ts';
import type { SwitchboardDb } from './client.ts';
import { apiTokens, staffAccounts, staffSessions } from './schema-auth.ts';
import { lowerRole, STAFF_ROLES, type StaffRole } from './staff-roles.ts';

export { lowerRole, roleAtLeast, STAFF_ROLES, type StaffRole } from './staff-roles.ts';

// ---------------------------------------------------------------------------------------------------------------
// Roles (the vocabulary itself is in staff-roles.ts, which the browser may import)

export const staffRoleSchema = z.enum(STAFF_ROLES, { error: 'auth:errors.role' });

// ---------------------------------------------------------------------------------------------------------------
// Input rules, shared by the forms, the CLI and the API so they all say the same thing. Their messages are catalogue
// keys (i18n/catalogues/*/auth.ts), turned into the reader's language where they are shown.

// One rule for user names, shared with the directory's people (flows/nodes/shared.ts).
export { usernameSchema };

export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = z
  .string({ error: 'auth:errors.passwordRequired' })
  .min(PASSWORD_MIN_LENGTH, 'auth:errors.passwordTooShort')
  .max(200, 'auth:errors.passwordTooLong');

export const displayNameSchema = z.string().trim().max(80, 'auth:errors.nameTooLong');

// ---------------------------------------------------------------------------------------------------------------
// Errors

export class StaffUsernameTakenError extends Error {
  override readonly name = 'StaffUsernameTakenError';
  constructor(readonly username: string) {
    super(`The user name "${username}" is already taken`);
  }
}

export class StaffAccountNotFoundError extends Error {
  override readonly name = 'StaffAccountNotFoundError';
  constructor(readonly accountId: string) {
    super(`No staff account with id "${accountId}"`);
  }
}

/** Refused so that nobody can lock everyone out of the administration pages. */
export class LastAdminError extends Error {
  override readonly name = 'LastAdminError';
  constructor(action: 'demote' | 'disable') {
    super(`This is the only active administrator: make someone else an administrator before you ${action} it`);
  }
}

/** /setup or `users create-admin --first` after an account exists: the first-run door is closed. */
export class SetupAlreadyDoneError extends Error {
  override readonly name = 'SetupAlreadyDoneError';
  constructor() {
    super('Switchboard already has a staff account; sign in, and ask an administrator for another account');
  }
}

export class ApiTokenNotFoundError extends Error {
  override readonly name = 'ApiTokenNotFoundError';
  constructor(readonly tokenId: string) {
    super(`No API token with id "${tokenId}"`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Passwords

/** argon2id with the library's defaults (19 MiB, 2 passes, 1 lane): OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed hash in the database is a refusal, not a crash of the sign-in page.
    return false;
  }
}

// Checked against when the user name is unknown, so that "no such user" takes as long as "wrong password" and the
// sign-in form does not reveal which user names exist.
let dummyHash: Promise<string> | null = null;
function timingDummyHash(): Promise<string> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  return dummyHash;
}

// ---------------------------------------------------------------------------------------------------------------
// Staff accounts

export type StaffAccount = Omit<typeof staffAccounts.$inferSelect, 'passwordHash'>;

const accountColumns = {
  id: staffAccounts.id,
  username: staffAccounts.username,
  displayName: staffAccounts.displayName,
  role: staffAccounts.role,
  language: staffAccounts.language,
  createdAt: staffAccounts.createdAt,
  updatedAt: staffAccounts.updatedAt,
  disabledAt: staffAccounts.disabledAt,
};

export interface NewStaffAccount {
  username: string;
  /** Defaults to the user name. */
  displayName?: string;
  password: string;
  role: StaffRole;
}

function newOpaqueId(prefix: 'stf' | 'tok'): string {
  return `${prefix}_${BigInt(`0x${randomBytes(10).toString('hex')}`)
    .toString(36)
    .padStart(16, '0')}`;
}

export function countStaffAccounts(db: SwitchboardDb): number {
  return db.orm.select({ n: count() }).from(staffAccounts).get()?.n ?? 0;
}

/** Parses and hashes outside any transaction: argon2 is asynchronous, better-sqlite3 transactions are not. */
async function prepareAccountRow(input: NewStaffAccount, now: number): Promise<typeof staffAccounts.$inferInsert> {
  const username = usernameSchema.parse(input.username);
  const password = passwordSchema.parse(input.password);
  const role = staffRoleSchema.parse(input.role);
  const displayName = displayNameSchema.parse(input.displayName ?? '') || username;
  return {
    id: newOpaqueId('stf'),
    username,
    displayName,
    passwordHash: await hashPassword(password),
    role,
    createdAt: now,
    updatedAt: now,
  };
}

function insertAccount(db: SwitchboardDb, row: typeof staffAccounts.$inferInsert): StaffAccount {
  const taken = db.orm
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(eq(staffAccounts.username, row.username))
    .get();
  if (taken) throw new StaffUsernameTakenError(row.username);
  db.orm.insert(staffAccounts).values(row).run();
  return getStaffAccountOrThrow(db, row.id);
}

export async function createStaffAccount(
  db: SwitchboardDb,
  input: NewStaffAccount,
  now = Date.now(),
): Promise<StaffAccount> {
  const row = await prepareAccountRow(input, now);
  return db.orm.transaction(() => insertAccount(db, row));
}

/**
 * The first administrator of an empty install. The emptiness check and the insert share one transaction, so two
 * people racing through /setup cannot both become administrators.
 */
export async function createFirstAdmin(
  db: SwitchboardDb,
  input: Omit<NewStaffAccount, 'role'>,
  now = Date.now(),
): Promise<StaffAccount> {
  if (countStaffAccounts(db) > 0) throw new SetupAlreadyDoneError();
  const row = await prepareAccountRow({ ...input, role: 'admin' }, now);
  return db.orm.transaction(
    () => {
      if (countStaffAccounts(db) > 0) throw new SetupAlreadyDoneError();
      return insertAccount(db, row);
    },
    { behavior: 'immediate' },
  );
}

export function listStaffAccounts(db: SwitchboardDb): StaffAccount[] {
  return db.orm.select(accountColumns).from(staffAccounts).orderBy(asc(staffAccounts.username)).all();
}

export function getStaffAccount(db: SwitchboardDb, accountId: string): StaffAccount | null {
  return db.orm.select(accountColumns).from(staffAccounts).where(eq(staffAccounts.id, accountId)).get() ?? null;
}

function getStaffAccountOrThrow(db: SwitchboardDb, accountId: string): StaffAccount {
  const account = getStaffAccount(db, accountId);
  if (!account) throw new StaffAccountNotFoundError(accountId);
  return account;
}

export function getStaffAccountByUsername(db: SwitchboardDb, username: string): StaffAccount | null {
  const normalised = username.trim().toLowerCase();
  return db.orm.select(accountColumns).from(staffAccounts).where(eq(staffAccounts.username, normalised)).get() ?? null;
}

function otherActiveAdmins(db: SwitchboardDb, accountId: string): number {
  return (
    db.orm
      .select({ n: count() })
      .from(staffAccounts)
      .where(and(eq(staffAccounts.role, 'admin'), isNull(staffAccounts.disabledAt), ne(staffAccounts.id, accountId)))
      .get()?.n ?? 0
  );
}

export function changeStaffRole(db: SwitchboardDb, accountId: string, role: StaffRole, now = Date.now()): StaffAccount {
  const newRole = staffRoleSchema.parse(role);
  return db.orm.transaction(
    () => {
      const account = getStaffAccountOrThrow(db, accountId);
      if (
        account.role === 'admin' &&
        newRole !== 'admin' &&
        !account.disabledAt &&
        otherActiveAdmins(db, accountId) === 0
      ) {
        throw new LastAdminError('demote');
      }
      db.orm.update(staffAccounts).set({ role: newRole, updatedAt: now }).where(eq(staffAccounts.id, accountId)).run();
      return getStaffAccountOrThrow(db, accountId);
    },
    { behavior: 'immediate' },
  );
}

/** The person's interface language, or null to follow their browser's Accept-Language. */
export function setStaffLanguage(
  db: SwitchboardDb,
  accountId: string,
  language: UiLanguage | null,
  now = Date.now(),
): StaffAccount {
  if (language !== null && !isUiLanguage(language)) throw new Error(`Unknown interface language "${String(language)}"`);
  getStaffAccountOrThrow(db, accountId);
  db.orm.update(staffAccounts).set({ language, updatedAt: now }).where(eq(staffAccounts.id, accountId)).run();
  return getStaffAccountOrThrow(db, accountId);
}

/** Disabling also ends the person's sessions at once; their API tokens stop working (see authenticateApiToken). */
export function disableStaffAccount(db: SwitchboardDb, accountId: string, now = Date.now()): StaffAccount {
  return db.orm.transaction(
    () => {
      const account = getStaffAccountOrThrow(db, accountId);
      if (account.disabledAt) return account;
      if (account.role === 'admin' && otherActiveAdmins(db, accountId) === 0) throw new LastAdminError('disable');
      db.orm
        .update(staffAccounts)
        .set({ disabledAt: now, updatedAt: now })
        .where(eq(staffAccounts.id, accountId))
        .run();
      db.orm.delete(staffSessions).where(eq(staffSessions.accountId, accountId)).run();
      return getStaffAccountOrThrow(db, accountId);
    },
    { behavior: 'immediate' },
  );
}

export function enableStaffAccount(db: SwitchboardDb, accountId: string, now = Date.now()): StaffAccount {
  getStaffAccountOrThrow(db, accountId);
  db.orm.update(staffAccounts).set({ disabledAt: null, updatedAt: now }).where(eq(staffAccounts.id, accountId)).run();
  return getStaffAccountOrThrow(db, accountId);
}

/** A new password ends every session of the account: whoever knew the old one is signed out. */
export async function setStaffPassword(
  db: SwitchboardDb,
  accountId: string,
  password: string,
  now = Date.now(),
): Promise<void> {
  const passwordHash = await hashPassword(passwordSchema.parse(password));
  db.orm.transaction(() => {
    getStaffAccountOrThrow(db, accountId);
    db.orm.update(staffAccounts).set({ passwordHash, updatedAt: now }).where(eq(staffAccounts.id, accountId)).run();
    db.orm.delete(staffSessions).where(eq(staffSessions.accountId, accountId)).run();
  });
}

/** The account when the user name and password match an enabled account; null otherwise, whichever was wrong. */
export async function authenticateStaff(
  db: SwitchboardDb,
  username: string,
  password: string,
): Promise<StaffAccount | null> {
  const row = db.orm
    .select()
    .from(staffAccounts)
    .where(eq(staffAccounts.username, username.trim().toLowerCase()))
    .get();
  if (!row) {
    await verifyPassword(await timingDummyHash(), password);
    return null;
  }
  const matches = await verifyPassword(row.passwordHash, password);
  if (!matches || row.disabledAt) return null;
  const { passwordHash: _secret, ...account } = row;
  return account;
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions

/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;
/** ...and after this long in any case, so a stolen cookie does not work forever. */
export const SESSION_ABSOLUTE_MS = 14 * 24 * 60 * 60 * 1000;
// Writing last_seen_at on every request would make every page view a write; a minute's precision is plenty.
const LAST_SEEN_PRECISION_MS = 60 * 1000;

export interface StaffSession {
  id: string;
  accountId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function createStaffSession(db: SwitchboardDb, accountId: string, now = Date.now()): StaffSession {
  const session: StaffSession = {
    id: randomSecret(),
    accountId,
    csrfToken: randomSecret(),
    createdAt: now,
    expiresAt: now + SESSION_ABSOLUTE_MS,
    lastSeenAt: now,
  };
  db.orm.insert(staffSessions).values(session).run();
  return session;
}

/** When the session has been idle too long, or is past its absolute end. */
export function sessionExpiry(session: Pick<StaffSession, 'expiresAt' | 'lastSeenAt'>): number {
  return Math.min(session.expiresAt, session.lastSeenAt + SESSION_IDLE_MS);
}

/**
 * The live session with this id and its (enabled) account, or null. An expired session is deleted on sight;
 * a live one has its last-seen time moved forward, which is what keeps an active person signed in.
 */
export function findStaffSession(
  db: SwitchboardDb,
  sessionId: string,
  now = Date.now(),
): { session: StaffSession; account: StaffAccount } | null {
  if (!sessionId) return null;
  const row = db.orm
    .select({ session: staffSessions, account: accountColumns })
    .from(staffSessions)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffSessions.accountId))
    .where(eq(staffSessions.id, sessionId))
    .get();
  if (!row) return null;
  if (sessionExpiry(row.session) <= now || row.account.disabledAt) {
    deleteStaffSession(db, sessionId);
    return null;
  }
  if (now - row.session.lastSeenAt >= LAST_SEEN_PRECISION_MS) {
    db.orm.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, sessionId)).run();
    row.session.lastSeenAt = now;
  }
  return row;
}

/**
 * Whether the session can still be used (not expired, idle or deleted, its account enabled), WITHOUT counting as
 * activity: for long-lived connections that check now and then that their session still holds (the SIP WebSocket
 * proxy), which must not keep an idle session alive.
 */
export function staffSessionIsLive(db: SwitchboardDb, sessionId: string, now = Date.now()): boolean {
  const row = db.orm
    .select({
      expiresAt: staffSessions.expiresAt,
      lastSeenAt: staffSessions.lastSeenAt,
      disabledAt: staffAccounts.disabledAt,
    })
    .from(staffSessions)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffSessions.accountId))
    .where(eq(staffSessions.id, sessionId))
    .get();
  return row !== undefined && row.disabledAt === null && sessionExpiry(row) > now;
}

export function deleteStaffSession(db: SwitchboardDb, sessionId: string): void {
  db.orm.delete(staffSessions).where(eq(staffSessions.id, sessionId)).run();
}

/** Removes sessions that can no longer be used; returns how many. Safe to call from any process at any time. */
export function purgeExpiredSessions(db: SwitchboardDb, now = Date.now()): number {
  return db.orm
    .delete(staffSessions)
    .where(or(lt(staffSessions.expiresAt, now), lt(staffSessions.lastSeenAt, now - SESSION_IDLE_MS)))
    .run().changes;
}

// ---------------------------------------------------------------------------------------------------------------
// API tokens

/** Secrets look like "sbt_<43 base64url characters>"; the marker lets secret scanners and people recognise them. */
const TOKEN_MARKER = 'sbt_';
const TOKEN_PREFIX_LENGTH = TOKEN_MARKER.length + 8;

export type ApiToken = Omit<typeof apiTokens.$inferSelect, 'tokenHash'>;

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  accountId: apiTokens.accountId,
  role: apiTokens.role,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export const apiTokenNameSchema = z
  .string({ error: 'admin:tokens.errors.nameRequired' })
  .trim()
  .min(1, 'admin:tokens.errors.nameEmpty')
  .max(80, 'admin:tokens.errors.nameTooLong');

function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a token and returns its secret: the only time the secret exists outside the caller's hands. */
export function createApiToken(
  db: SwitchboardDb,
  input: { name: string; role: StaffRole; accountId: string },
  now = Date.now(),
): { token: ApiToken; secret: string } {
  const name = apiTokenNameSchema.parse(input.name);
  const role = staffRoleSchema.parse(input.role);
  getStaffAccountOrThrow(db, input.accountId);
  const secret = TOKEN_MARKER + randomSecret();
  const id = newOpaqueId('tok');
  db.orm
    .insert(apiTokens)
    .values({
      id,
      name,
      tokenHash: sha256Hex(secret),
      prefix: secret.slice(0, TOKEN_PREFIX_LENGTH),
      accountId: input.accountId,
      role,
      createdAt: now,
    })
    .run();
  const token = db.orm.select(tokenColumns).from(apiTokens).where(eq(apiTokens.id, id)).get();
  if (!token) throw new ApiTokenNotFoundError(id);
  return { token, secret };
}

export interface ApiTokenListing extends ApiToken {
  createdByUsername: string;
}

/** Every token, newest first, with who created it; revoked tokens stay listed so their use can be traced. */
export function listApiTokens(db: SwitchboardDb): ApiTokenListing[] {
  return db.orm
    .select({ ...tokenColumns, createdByUsername: staffAccounts.username })
    .from(apiTokens)
    .innerJoin(staffAccounts, eq(staffAccounts.id, apiTokens.accountId))
    .orderBy(desc(apiTokens.createdAt), asc(apiTokens.name))
    .all();
}

export function revokeApiToken(db: SwitchboardDb, tokenId: string, now = Date.now()): void {
  const result = db.orm
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
    .run();
  if (
    result.changes === 0 &&
    !db.orm.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, tokenId)).get()
  ) {
    throw new ApiTokenNotFoundError(tokenId);
  }
}

export interface ApiCaller {
  token: ApiToken;
  account: StaffAccount;
  /** The token's role, but never more than its creator's current role: demoting a person demotes their tokens. */
  role: StaffRole;
}

/** The caller behind a bearer secret, or null when it is unknown, revoked, or its creator is disabled. */
export function authenticateApiToken(db: SwitchboardDb, secret: string, now = Date.now()): ApiCaller | null {
  if (!secret.startsWith(TOKEN_MARKER)) return null;
  const digest = sha256Hex(secret);
  const row = db.orm
    .select({ token: { ...tokenColumns, tokenHash: apiTokens.tokenHash }, account: accountColumns })
    .from(apiTokens)
    .innerJoin(staffAccounts, eq(staffAccounts.id, apiTokens.accountId))
    .where(eq(apiTokens.tokenHash, digest))
    .get();
  // The lookup is by hash, so timing says nothing about the secret; the comparison is a belt to those braces.
  if (!row || !timingSafeEqual(Buffer.from(row.token.tokenHash), Buffer.from(digest))) return null;
  if (row.token.revokedAt || row.account.disabledAt) return null;
  if (row.token.lastUsedAt === null || now - row.token.lastUsedAt >= LAST_SEEN_PRECISION_MS) {
    db.orm.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id)).run();
    row.token.lastUsedAt = now;
  }
  const { tokenHash: _hash, ...token } = row.token;
  return { token, account: row.account, role: lowerRole(token.role, row.account.role) };
}
