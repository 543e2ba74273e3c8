import { asc, eq, sql } from 'drizzle-orm';
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { extensionSchema, languageSchema, usernameSchema } from '#flows/nodes/shared.ts';
import { SIP_REALM } from '#provisioning/asterisk/config.ts';
import type { SwitchboardDb } from './client.ts';
import { InvalidUserInputError, UserConflictError, UserNotFoundError } from './errors.ts';
import { inputProblem, type InputProblem, type MessageValues } from './input-problem.ts';
import { newId } from './ids.ts';
import { users } from './schema.ts';

// The phone directory. Secrets never reach the table in clear: the SIP password becomes the digest Asterisk
// needs (md5 of "username:realm:password"), the voicemail PIN becomes an scrypt hash.

export function sipMd5Cred(username: string, password: string, realm = SIP_REALM): string {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest('hex');
}

// PIN hashes are stored as "scrypt$N$r$p$<salt base64>$<hash base64>": the parameters travel with the hash, so
// they can be raised later without breaking PINs hashed before. A 4-digit PIN has only 10 000 values, so the
// hash mostly keeps PINs out of plain sight; the attempt limit below is what stops guessing over the phone.
const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32, saltLength: 16 };

function scryptAsync(
  secret: string,
  salt: Buffer,
  keyLength: number,
  N: number,
  r: number,
  p: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await scryptAsync(pin, salt, SCRYPT.keyLength, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function pinMatchesHash(pin: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !N || !r || !p || salt === undefined || hash === undefined) {
    throw new Error('A voicemail PIN hash is not in the "scrypt$N$r$p$salt$hash" format');
  }
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(pin, Buffer.from(salt, 'base64'), expected.length, Number(N), Number(r), Number(p));
  return timingSafeEqual(actual, expected);
}

// Messages are catalogue keys (i18n/catalogues/*/people.ts): problemsOf gives their English and their key.
const pinSchema = z.string().regex(/^[0-9]{4,10}$/, 'people:errors.pinFormat');
const sipPasswordSchema = z
  .string()
  .min(6, 'people:errors.sipPasswordTooShort')
  .max(128, 'people:errors.sipPasswordTooLong');

const userFields = {
  username: usernameSchema,
  extension: extensionSchema,
  displayName: z.string().trim().min(1, 'people:errors.nameRequired').max(80, 'people:errors.nameTooLong'),
  email: z.email('people:errors.emailInvalid').nullable().optional(),
  language: languageSchema,
  sipPassword: sipPasswordSchema,
  voicemailPin: pinSchema,
  greetingPath: z.string().min(1).nullable().optional(),
};

const createUserSchema = z.object(userFields);
export type CreateUserInput = z.input<typeof createUserSchema>;

const updateUserSchema = z
  .object({
    ...userFields,
    language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'people:errors.languageTag'),
  })
  .partial();
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/**
 * The directory's sentence for the fields whose rules it shares with flows (flows/nodes/shared.ts), while their
 * messages there are plain English: each of those schemas has one rule, so its sentence is known.
 */
const SHARED_RULE_KEYS: Partial<Record<string, string>> = {
  username: 'people:errors.usernameFormat',
  extension: 'people:errors.extensionFormat',
  language: 'people:errors.languageTag',
};

/** A zod issue as a problem; a length limit travels as the sentence's {{min}} or {{max}}. */
function problemOfIssue(issue: z.core.$ZodIssue): InputProblem {
  const field = issue.path.map(String).join('.') || '(input)';
  const problem = inputProblem(field, issue.message, limitOf(issue));
  const sharedKey = SHARED_RULE_KEYS[field];
  return problem.key === undefined && sharedKey ? { ...problem, key: sharedKey } : problem;
}

function limitOf(issue: z.core.$ZodIssue): MessageValues | undefined {
  if (issue.code === 'too_small') return { min: Number(issue.minimum) };
  if (issue.code === 'too_big') return { max: Number(issue.maximum) };
  return undefined;
}

function problemsOf(schema: z.ZodType, input: unknown): InputProblem[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map(problemOfIssue);
}

/** Every problem createUser would refuse, field by field, without writing anything (forms show them all at once). */
export function problemsOfNewUser(input: unknown): InputProblem[] {
  return problemsOf(createUserSchema, input);
}

/** The same for updateUser's patch. */
export function problemsOfUserPatch(input: unknown): InputProblem[] {
  return problemsOf(updateUserSchema, input);
}

function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidUserInputError(result.error.issues.map(problemOfIssue));
}

/** A person as the app shows them: no secret, not even hashed. */
export interface UserRecord {
  id: string;
  username: string;
  extension: string;
  displayName: string;
  email: string | null;
  language: string;
  greetingPath: string | null;
  /** Set while the voicemail box refuses PINs after too many wrong ones. */
  pinLockedUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

const publicColumns = {
  id: users.id,
  username: users.username,
  extension: users.extension,
  displayName: users.displayName,
  email: users.email,
  language: users.language,
  greetingPath: users.greetingPath,
  pinLockedUntil: users.pinLockedUntil,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

function assertFree(db: SwitchboardDb, field: 'username' | 'extension', value: string, exceptId?: string): void {
  const column = field === 'username' ? users.username : users.extension;
  const holder = db.orm.select({ id: users.id }).from(users).where(eq(column, value)).get();
  if (holder && holder.id !== exceptId) throw new UserConflictError(field, value);
}

/** A UNIQUE failure that slipped between our check and the write (another process) still gets the clear error. */
function rethrowConflict(error: unknown, values: { username?: string; extension?: string }): never {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('UNIQUE constraint failed: users.username') && values.username) {
    throw new UserConflictError('username', values.username);
  }
  if (message.includes('UNIQUE constraint failed: users.extension') && values.extension) {
    throw new UserConflictError('extension', values.extension);
  }
  throw error;
}

export async function createUser(db: SwitchboardDb, input: CreateUserInput & { now?: number }): Promise<UserRecord> {
  const data = parseInput(createUserSchema, input);
  assertFree(db, 'username', data.username);
  assertFree(db, 'extension', data.extension);
  const voicemailPinHash = await hashPin(data.voicemailPin);
  const now = input.now ?? Date.now();
  const id = newId('usr');
  try {
    db.orm
      .insert(users)
      .values({
        id,
        username: data.username,
        extension: data.extension,
        displayName: data.displayName,
        email: data.email ?? null,
        language: data.language,
        sipMd5Cred: sipMd5Cred(data.username, data.sipPassword),
        voicemailPinHash,
        greetingPath: data.greetingPath ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .run();
  } catch (error) {
    rethrowConflict(error, data);
  }
  return getUserById(db, id) as UserRecord;
}

export function listUsers(db: SwitchboardDb): UserRecord[] {
  return db.orm.select(publicColumns).from(users).orderBy(asc(users.extension)).all();
}

export function getUserById(db: SwitchboardDb, id: string): UserRecord | null {
  return db.orm.select(publicColumns).from(users).where(eq(users.id, id)).get() ?? null;
}

export function getUserByUsername(db: SwitchboardDb, username: string): UserRecord | null {
  return db.orm.select(publicColumns).from(users).where(eq(users.username, username)).get() ?? null;
}

export function getUserByExtension(db: SwitchboardDb, extension: string): UserRecord | null {
  return db.orm.select(publicColumns).from(users).where(eq(users.extension, extension)).get() ?? null;
}

/**
 * Changes some of a person's details. The SIP digest contains the user name, so renaming someone needs their SIP
 * password again; a new PIN also clears any PIN lock.
 */
export async function updateUser(
  db: SwitchboardDb,
  id: string,
  patch: UpdateUserInput & { now?: number },
): Promise<UserRecord> {
  const { now, ...fields } = patch;
  const data = parseInput(updateUserSchema, fields);
  const current = db.orm.select({ username: users.username }).from(users).where(eq(users.id, id)).get();
  if (!current) throw new UserNotFoundError(id);
  const renamed = data.username !== undefined && data.username !== current.username;
  if (renamed && data.sipPassword === undefined) {
    throw new InvalidUserInputError([inputProblem('sipPassword', 'people:errors.renameNeedsSipPassword')]);
  }
  if (data.username !== undefined) assertFree(db, 'username', data.username, id);
  if (data.extension !== undefined) assertFree(db, 'extension', data.extension, id);

  const username = data.username ?? current.username;
  const changes: Partial<typeof users.$inferInsert> = {
    username: data.username,
    extension: data.extension,
    displayName: data.displayName,
    email: data.email,
    language: data.language,
    greetingPath: data.greetingPath,
    updatedAt: now ?? Date.now(),
  };
  if (data.sipPassword !== undefined) changes.sipMd5Cred = sipMd5Cred(username, data.sipPassword);
  if (data.voicemailPin !== undefined) {
    changes.voicemailPinHash = await hashPin(data.voicemailPin);
    changes.pinFailedAttempts = 0;
    changes.pinLockedUntil = null;
  }
  try {
    db.orm.update(users).set(changes).where(eq(users.id, id)).run();
  } catch (error) {
    rethrowConflict(error, data);
  }
  return getUserById(db, id) as UserRecord;
}

/** Removes a person and their voicemail messages (rows; the audio files are cleaned up by the caller). */
export function deleteUser(db: SwitchboardDb, id: string): void {
  const result = db.orm.delete(users).where(eq(users.id, id)).run();
  if (result.changes === 0) throw new UserNotFoundError(id);
}

export interface PinPolicy {
  /** Wrong PINs in a row before the box locks. */
  maxAttempts: number;
  /** How long the box stays locked. */
  lockMs: number;
}

export const DEFAULT_PIN_POLICY: PinPolicy = { maxAttempts: 5, lockMs: 15 * 60_000 };

export type PinCheck =
  | { ok: true; username: string }
  | { ok: false; reason: 'no-such-box' }
  | { ok: false; reason: 'wrong-pin'; attemptsLeft: number }
  | { ok: false; reason: 'locked'; lockedUntil: number };

/**
 * Checks a voicemail PIN typed on the phone. After `maxAttempts` wrong PINs in a row the box refuses every PIN,
 * even the right one, for `lockMs`; the counter is updated in one UPDATE so parallel calls cannot reset it.
 */
export async function verifyVoicemailPin(
  db: SwitchboardDb,
  extension: string,
  pin: string,
  options: Partial<PinPolicy> & { now?: number } = {},
): Promise<PinCheck> {
  const policy = { ...DEFAULT_PIN_POLICY, ...options };
  const now = options.now ?? Date.now();
  const user = db.orm
    .select({
      id: users.id,
      username: users.username,
      hash: users.voicemailPinHash,
      lockedUntil: users.pinLockedUntil,
    })
    .from(users)
    .where(eq(users.extension, extension))
    .get();
  if (!user) return { ok: false, reason: 'no-such-box' };
  if (user.lockedUntil !== null && user.lockedUntil > now)
    return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };

  if (await pinMatchesHash(pin, user.hash)) {
    db.orm.update(users).set({ pinFailedAttempts: 0, pinLockedUntil: null }).where(eq(users.id, user.id)).run();
    return { ok: true, username: user.username };
  }

  // SET expressions all read the row as it was, so both CASEs see the same old counter.
  const reachesLimit = sql`${users.pinFailedAttempts} + 1 >= ${policy.maxAttempts}`;
  const after = db.orm
    .update(users)
    .set({
      pinFailedAttempts: sql`CASE WHEN ${reachesLimit} THEN 0 ELSE ${users.pinFailedAttempts} + 1 END`,
      pinLockedUntil: sql`CASE WHEN ${reachesLimit} THEN ${now + policy.lockMs} ELSE NULL END`,
    })
    .where(eq(users.id, user.id))
    .returning({ attempts: users.pinFailedAttempts, lockedUntil: users.pinLockedUntil })
    .get();
  if (after?.lockedUntil != null) return { ok: false, reason: 'locked', lockedUntil: after.lockedUntil };
  return { ok: false, reason: 'wrong-pin', attemptsLeft: policy.maxAttempts - (after?.attempts ?? 0) };
}
