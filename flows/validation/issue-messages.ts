import { z } from 'zod';
import { formattersFor } from '#i18n/format.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import { translateSchemaMessage } from './schema-messages.ts';

// zod's own messages ("Invalid input: expected string, received undefined") are for programmers. The node schemas
// carry staff-friendly messages for the rules they state (schema-messages.ts); this file rewords the generic ones
// zod produces for missing fields and wrong types, so every diagnostic reads as a sentence, in the reader's language.
//
// Why not zod's locales (z.locales.fr()) for everything: they are per process (z.config) or per parse, and their
// French is as technical as their English ("Entrée invalide : string attendu, undefined reçu"). The codes staff
// actually meet are described here from the catalogue; zod's locale of the language only words the rare rest
// (a malformed e-mail, a record key), which beats English in a French sentence.

const ZOD_LOCALES: Record<UiLanguage, () => { localeError: z.core.$ZodErrorMap }> = {
  fr: z.locales.fr,
  en: z.locales.en,
};

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key) => String(key)).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeKind(value: unknown, t: Translate): string {
  if (value === null) return t('diagnostics:found.null');
  if (Array.isArray(value)) return t('diagnostics:found.list');
  switch (typeof value) {
    case 'string':
      return t('diagnostics:found.text', { text: value.length > 30 ? `${value.slice(0, 30)}…` : value });
    case 'number':
      // As written in the document: a number is often an extension or a key, which must not gain a separator.
      return t('diagnostics:found.number', { number: String(value) });
    case 'boolean':
      return value ? t('diagnostics:found.true') : t('diagnostics:found.false');
    case 'object':
      return t('diagnostics:found.object');
    default:
      return typeof value;
  }
}

const EXPECTED_KINDS = ['string', 'number', 'int', 'boolean', 'object', 'array'] as const;

function describeExpected(expected: string, t: Translate): string {
  return (EXPECTED_KINDS as readonly string[]).includes(expected)
    ? t(`diagnostics:expected.${expected as (typeof EXPECTED_KINDS)[number]}`)
    : expected;
}

function endWithFullStop(sentence: string): string {
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function zodWording(issue: z.core.$ZodIssue, language: UiLanguage): string | null {
  const worded = ZOD_LOCALES[language]().localeError(issue as never);
  return typeof worded === 'string' ? worded : (worded?.message ?? null);
}

/** zod's own English, not a schema's message: the issue's input is gone by now, hence the patterns as well. */
function isZodDefaultMessage(issue: z.core.$ZodIssue): boolean {
  return (
    /^(Invalid input|Invalid option|Invalid discriminator|Too (small|big))/.test(issue.message) ||
    zodWording(issue, 'en') === issue.message
  );
}

/** The number a rule names: at least `minimum`, at most `maximum`, exactly the expected value. */
function boundOf(issue: z.core.$ZodIssue): number | undefined {
  const bound =
    issue.code === 'too_small'
      ? issue.minimum
      : issue.code === 'too_big'
        ? issue.maximum
        : issue.code === 'invalid_value'
          ? issue.values[0]
          : undefined;
  return typeof bound === 'number' || typeof bound === 'bigint' ? Number(bound) : undefined;
}

/**
 * One sentence for one zod issue, in `language` (English by default). `root` is the value that was parsed, so a
 * missing field can be told apart from a field of the wrong kind (zod reports both as invalid_type).
 */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown, language: UiLanguage = 'en'): string {
  const t = translatorFor(language);
  const value = valueAt(root, issue.path);
  if (issue.code === 'invalid_type' && value === undefined) return t('diagnostics:issues.missing');
  const last = issue.path.at(-1);
  const rule = translateSchemaMessage(
    issue.message,
    { count: boundOf(issue), key: last === undefined ? undefined : String(last) },
    t,
  );
  if (rule !== null) return endWithFullStop(rule);
  if (!isZodDefaultMessage(issue)) return endWithFullStop(issue.message);
  const number = (bound: number | bigint) => formattersFor(language).number(Number(bound));
  switch (issue.code) {
    case 'invalid_type':
      return t('diagnostics:issues.expected', {
        expected: describeExpected(issue.expected, t),
        found: describeKind(value, t),
      });
    case 'invalid_value':
      return t('diagnostics:issues.oneOf', {
        options: issue.values.map((option) => JSON.stringify(option)).join(', '),
      });
    case 'invalid_union': {
      // A discriminated union whose "kind" is missing or unknown lists the kinds it accepts.
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0) {
        const kinds = options.map((option) => JSON.stringify(option)).join(', ');
        return value === undefined
          ? t('diagnostics:issues.chooseKind', { kinds })
          : t('diagnostics:issues.notOneOfKinds', { kinds, found: describeKind(value, t) });
      }
      return t('diagnostics:issues.noMatchingForm');
    }
    case 'too_small':
      return issue.origin === 'array'
        ? t('diagnostics:issues.atLeastItems', { minimum: number(issue.minimum) })
        : t('diagnostics:issues.tooSmall', { minimum: number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'array'
        ? t('diagnostics:issues.atMostItems', { maximum: number(issue.maximum) })
        : t('diagnostics:issues.tooBig', { maximum: number(issue.maximum) });
    default: {
      const sentence = zodWording(issue, language) ?? issue.message;
      return endWithFullStop(sentence.charAt(0).toUpperCase() + sentence.slice(1));
    }
  }
}
