// What makes a person's SIP password and voicemail PIN acceptable, and how Switchboard makes one itself (the seed
// people of a fresh install, `switchboard users reset-secrets`). No imports beyond node:crypto and types: the
// database layer's seeding uses it too.
import { randomInt } from 'node:crypto';
import type { MessageValues } from '#db/input-problem.ts';
import type { people } from '#i18n/catalogues/fr/people.ts';

/** A broken rule, as a sentence of the people catalogue and its values: the page or the CLI words it. */
export interface PolicyProblem {
  key: `people:errors.${keyof typeof people.errors}`;
  values?: MessageValues;
}

// The SIP secret protects a phone line that anyone on the network can try over and over, and its md5 digest is
// what Asterisk stores: longer than the database's floor of 6, and not guessable from the account itself.
export const MIN_SIP_SECRET_LENGTH = 8;

export function sipSecretProblems(secret: string, username: string, extension: string): PolicyProblem[] {
  if (secret.length < MIN_SIP_SECRET_LENGTH) {
    return [{ key: 'people:errors.sipPasswordTooShort', values: { min: MIN_SIP_SECRET_LENGTH } }];
  }
  const lower = secret.toLowerCase();
  if ((username && lower.includes(username.toLowerCase())) || (extension && secret.includes(extension))) {
    return [{ key: 'people:errors.sipPasswordContainsAccount' }];
  }
  if (/^[0-9]+$/.test(secret)) return [{ key: 'people:errors.sipPasswordDigitsOnly' }];
  if (new Set(secret).size < 4) return [{ key: 'people:errors.sipPasswordTooRepetitive' }];
  return [];
}

export function pinProblems(pin: string, extension: string): PolicyProblem[] {
  if (!/^[0-9]{4,10}$/.test(pin)) return [{ key: 'people:errors.pinFormat' }];
  if (pin === extension) return [{ key: 'people:errors.pinIsExtension' }];
  if (new Set(pin).size === 1) return [{ key: 'people:errors.pinRepeated' }];
  return [];
}

/** Letters and digits a person can read out and type on a softphone without confusing them (no 0/O, 1/l/I). */
const SIP_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const SIP_SECRET_LENGTH = 16; // ~93 bits
const PIN_LENGTH = 6;

function randomString(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** A random SIP password the policy above accepts for this account. */
export function generateSipSecret(username: string, extension: string): string {
  for (;;) {
    const secret = randomString(SIP_ALPHABET, SIP_SECRET_LENGTH);
    if (sipSecretProblems(secret, username, extension).length === 0) return secret;
  }
}

/** A random 6-digit voicemail PIN the policy accepts, and not a run like 123456 or 654321 either. */
export function generatePin(extension: string): string {
  for (;;) {
    const pin = randomString('0123456789', PIN_LENGTH);
    if (pinProblems(pin, extension).length === 0 && !'01234567890'.includes(pin) && !'09876543210'.includes(pin))
      return pin;
  }
}

/** The brief's example values, for demos and the test sandbox only (SWITCHBOARD_DEMO_SECRETS=1, --demo). */
export const DEMO_SECRETS = { sipPassword: 'bonjour', voicemailPin: '1234' } as const;
