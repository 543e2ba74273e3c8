import { sql } from 'drizzle-orm';
import type { SwitchboardDb } from './client.ts';
import { users } from './schema.ts';
import { createUser, type CreateUserInput } from './users.ts';

/**
 * The people of the original project brief (its pjsip.conf and voicemail.conf): three phones sharing the password
 * "bonjour", voicemail PIN 1234. Demo credentials, meant to be changed in the People page.
 */
export const SEED_PEOPLE: CreateUserInput[] = [
  {
    username: 'alice',
    extension: '6001',
    displayName: 'Alice',
    language: 'fr-FR',
    sipPassword: 'bonjour',
    voicemailPin: '1234',
  },
  {
    username: 'bob',
    extension: '6002',
    displayName: 'Bob',
    language: 'fr-FR',
    sipPassword: 'bonjour',
    voicemailPin: '1234',
  },
  {
    username: 'julien',
    extension: '6004',
    displayName: 'Julien',
    language: 'fr-FR',
    sipPassword: 'bonjour',
    voicemailPin: '1234',
  },
];

/** Fills an empty directory with SEED_PEOPLE; leaves a directory someone already edited alone. Returns how many were added. */
export async function seedPeople(db: SwitchboardDb): Promise<number> {
  const existing = db.orm
    .select({ count: sql<number>`count(*)` })
    .from(users)
    .get();
  if ((existing?.count ?? 0) > 0) return 0;
  for (const person of SEED_PEOPLE) await createUser(db, person);
  return SEED_PEOPLE.length;
}
