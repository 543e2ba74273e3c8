import type { z } from 'zod';

// zod's own messages ("Invalid input: expected string, received undefined") are for programmers. The node schemas
// carry staff-friendly messages for the rules they state; this file rewords the generic ones zod produces for
// missing fields and wrong types, so every diagnostic reads as a sentence.

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

function describeKind(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text "${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return value ? 'yes (true)' : 'no (false)';
    case 'object':
      return 'a group of fields';
    default:
      return typeof value;
  }
}

const EXPECTED_IN_WORDS: Record<string, string> = {
  string: 'some text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no (true or false)',
  object: 'a group of fields',
  array: 'a list',
};

function endWithFullStop(sentence: string): string {
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function isZodDefaultMessage(message: string): boolean {
  return /^(Invalid input|Invalid option|Invalid discriminator|Too (small|big))/.test(message);
}

/**
 * One sentence for one zod issue. `root` is the value that was parsed, so a missing field can be told apart from a
 * field of the wrong kind (zod reports both as invalid_type).
 */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const value = valueAt(root, issue.path);
  if (issue.code === 'invalid_type' && value === undefined) return 'This field is missing.';
  if (!isZodDefaultMessage(issue.message)) return endWithFullStop(issue.message);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_IN_WORDS[issue.expected] ?? issue.expected;
      return `Expected ${expected} but found ${describeKind(value)}.`;
    }
    case 'invalid_value':
      return `Use one of ${issue.values.map((option) => JSON.stringify(option)).join(', ')}.`;
    case 'invalid_union': {
      // A discriminated union whose "kind" is missing or unknown lists the kinds it accepts.
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0) {
        const kinds = options.map((option) => JSON.stringify(option)).join(', ');
        return value === undefined
          ? `Choose a kind: ${kinds}.`
          : `Choose one of ${kinds}; ${describeKind(value)} is not one of them.`;
      }
      return 'This value does not match any accepted form.';
    }
    case 'too_small':
      return issue.origin === 'array'
        ? `Add at least ${String(issue.minimum)}.`
        : `Too small: at least ${String(issue.minimum)}.`;
    case 'too_big':
      return issue.origin === 'array'
        ? `Keep at most ${String(issue.maximum)}.`
        : `Too big: at most ${String(issue.maximum)}.`;
    default:
      return endWithFullStop(issue.message);
  }
}
