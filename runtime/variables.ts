import { isLanguageTag, LANGUAGE_VARIABLE } from '#flows/languages.ts';
import type { CallPort } from './call-port.ts';

// Call variables are plain strings in a Map owned by the session. Two are there from the first node on, so a
// `set` or `branch` can use them like any other: the caller's number and the number they dialled.

export const BUILT_IN_VARIABLES = ['caller_number', 'dialled_number'] as const;

/** The built-in variables, after any preset ones (a tester's), which may not override what the call itself says. */
export function initialVariables(
  call: Pick<CallPort, 'caller' | 'dialledNumber'>,
  preset: Readonly<Record<string, string>> = {},
): Map<string, string> {
  return new Map([
    ...Object.entries(preset),
    ['caller_number', call.caller.number],
    ['dialled_number', call.dialledNumber],
  ]);
}

/** `{{name}}` or `{{ name }}`, with the same names variableNameSchema accepts. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,39})\s*\}\}/g;

export interface ExpandedTemplate {
  text: string;
  /** Placeholders whose variable was never set; they expand to "". */
  missing: string[];
}

export function expandTemplate(template: string, variables: ReadonlyMap<string, string>): ExpandedTemplate {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_placeholder, name: string) => {
    const value = variables.get(name);
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return '';
    }
    return value;
  });
  return { text, missing };
}

/**
 * The language a call is in: its variable `language` when that holds a language tag (a set node may have put anything
 * there), else `fallback` (the flow's language).
 */
export function callLanguage(variables: ReadonlyMap<string, string>, fallback: string): string {
  const chosen = variables.get(LANGUAGE_VARIABLE)?.trim();
  return chosen && isLanguageTag(chosen) ? chosen : fallback;
}
