import { sql } from 'drizzle-orm';
import { DEMO_SECRETS, generatePin, generateSipSecret } from '#provisioning/people/secret-policy.ts';
import type { SwitchboardDb } from './client.ts';
import { users } from './schema.ts';
import { createUser, type CreateUserInput } from './users.ts';

/** The people of the original project brief (its pjsip.conf and voicemail.conf), without their secrets. */
export const SEED_PEOPLE: Omit<CreateUserInput, 'sipPassword' | 'voicemailPin'>[] = [
  { username: 'alice', extension: '6001', displayName: 'Alice', language: 'fr-FR' },
  { username: 'bob', extension: '6002', displayName: 'Bob', language: 'fr-FR' },
  { username: 'julien', extension: '6004', displayName: 'Julien', language: 'fr-FR' },
];

export interface SeedOptions {
  /**
   * Give everyone the brief's example secrets (SIP password "bonjour", PIN 1234) instead of random ones: anyone who
   * reads the brief can then register as them. Demos and the test sandbox only (SWITCHBOARD_DEMO_SECRETS=1).
   */
  demoSecrets?: boolean;
}

/** A person the seed created, with the only copy of their secrets in clear (the database keeps digests). */
export interface SeededPerson {
  username: string;
  extension: string;
  sipPassword: string;
  voicemailPin: string;
}

/** SWITCHBOARD_DEMO_SECRETS=1 (or true/yes) asks for the demo secrets. */
export function demoSecretsFromEnv(env: Record<string, string | undefined>): boolean {
  return /^(1|true|yes)$/i.test(env.SWITCHBOARD_DEMO_SECRETS?.trim() ?? '');
}

/**
 * Fills an empty directory with SEED_PEOPLE, each with a random SIP password and PIN (or the demo ones); leaves a
 * directory someone already edited alone. Returns who was added with their secrets: show them once, they are not
 * stored in clear (`switchboard users reset-secrets` makes new ones).
 */
export async function seedPeople(db: SwitchboardDb, options: SeedOptions = {}): Promise<SeededPerson[]> {
  const existing = db.orm
    .select({ count: sql<number>`count(*)` })
    .from(users)
    .get();
  if ((existing?.count ?? 0) > 0) return [];
  const seeded: SeededPerson[] = [];
  for (const person of SEED_PEOPLE) {
    const secrets = options.demoSecrets
      ? DEMO_SECRETS
      : {
          sipPassword: generateSipSecret(person.username, person.extension),
          voicemailPin: generatePin(person.extension),
        };
    await createUser(db, { ...person, ...secrets });
    seeded.push({ username: person.username, extension: person.extension, ...secrets });
  }
  return seeded;
}

/** The lines that show seeded or reset secrets once: who, SIP password, PIN, and how to get new ones. */
export function describeSecrets(people: SeededPerson[], heading: string): string[] {
  if (people.length === 0) return [];
  const width = Math.max(...people.map((person) => person.username.length), 'user'.length);
  return [
    heading,
    `  ${'user'.padEnd(width)}  extension  SIP password      voicemail PIN`,
    ...people.map(
      (person) =>
        `  ${person.username.padEnd(width)}  ${person.extension.padEnd(9)}  ${person.sipPassword.padEnd(16)}  ${person.voicemailPin}`,
    ),
    'Shown once: Switchboard keeps only digests. New ones: npx switchboard users reset-secrets [USERNAME...]',
  ];
}
