import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { STAFF_ROLES, type StaffRole } from './staff-roles.ts';

// Who may use the web app and the HTTP API. Deliberately apart from `users` (the phone directory): a receptionist
// with an extension needs no sign-in, and an administrator needs no extension.
// Same conventions as schema.ts: integer millisecond timestamps, opaque text ids.

export { STAFF_ROLES, type StaffRole } from './staff-roles.ts';

// A role column accepts only the three roles, whatever code writes it.
const ROLE_VALUES = sql.raw(STAFF_ROLES.map((role) => `'${role}'`).join(', '));

export const staffAccounts = sqliteTable(
  'staff_accounts',
  {
    id: text('id').primaryKey(),
    /** Lower-case; what people type to sign in. */
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string; the password itself is never kept. */
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<StaffRole>().notNull(),
    /** The interface language the person chose ("fr", "en"); null follows their browser (i18n/languages.ts). */
    language: text('language'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Disabled accounts are kept (their name stays on the versions they published) but cannot sign in. */
    disabledAt: integer('disabled_at'),
  },
  (table) => [check('staff_accounts_role_check', sql`${table.role} IN (${ROLE_VALUES})`)],
);

export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    /** 32 random bytes, base64url: the value of the session cookie. */
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    /** The per-session token every form sends back in a hidden field (see app/csrf.server.ts). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Absolute end of the session, however active it is. */
    expiresAt: integer('expires_at').notNull(),
    /** With the idle timeout, ends sessions left unused; refreshed at most once a minute. */
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (table) => [
    index('staff_sessions_account_idx').on(table.accountId),
    index('staff_sessions_expires_idx').on(table.expiresAt),
  ],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    /** What the token is for, e.g. "CI deploy". */
    name: text('name').notNull(),
    /** Hex SHA-256 of the secret. The secret is random enough that a slow hash buys nothing. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the secret, shown in listings so people can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    /** The administrator who created it; the token stops working if that account is disabled. */
    accountId: text('account_id')
      .notNull()
      .references(() => staffAccounts.id),
    role: text('role').$type<StaffRole>().notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (table) => [
    index('api_tokens_account_idx').on(table.accountId),
    check('api_tokens_role_check', sql`${table.role} IN (${ROLE_VALUES})`),
  ],
);
