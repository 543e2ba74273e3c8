import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staffAccounts } from './schema-auth.ts';
import { users } from './schema.ts';

// One-time links that hand a person's desk-phone account to a mobile softphone (Linphone remote provisioning,
// docs/decisions/020-mobile-provisioning.md). Same conventions as schema.ts: integer millisecond timestamps, opaque
// text ids.

export const provisioningLinks = sqliteTable(
  'provisioning_links',
  {
    /** "pvl_..." (db/ids.ts): what the People page names a link by (revoking it); never the secret. */
    id: text('id').primaryKey(),
    /** Whose desk-phone account the link hands out; the link goes when the person does. */
    personId: text('person_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Hex SHA-256 of the token (32 random bytes, base64url). The token itself is never kept. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The administrator who made it. */
    createdBy: text('created_by')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** When a phone fetched the configuration: the link answers once, then never again. */
    usedAt: integer('used_at'),
    revokedAt: integer('revoked_at'),
  },
  (table) => [index('provisioning_links_person_idx').on(table.personId, table.createdAt)],
);
