import { z } from 'zod';
import { defineNode, referencesNothing, speaksNothing, type DataProblem } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { languageTagSchema } from './shared.ts';

/** Callers whose number starts with `prefix` ("+44", "0044") hear `language`. */
export const callerNumberRuleSchema = z.object({
  prefix: z
    .string({ error: 'Enter the start of the caller numbers' })
    .trim()
    .regex(/^\+?[0-9*#]{1,20}$/, 'A prefix is 1 to 20 digits, possibly after a +, such as +44 or 0044'),
  language: languageTagSchema,
});
export type CallerNumberRule = z.output<typeof callerNumberRuleSchema>;

export const languageChoiceSchema = z.discriminatedUnion(
  'choice',
  [
    /** Every call through the node switches to one language (a branch of a "press 2 for English" menu). */
    z.object({ choice: z.literal('fixed'), language: languageTagSchema }),
    /** The caller's number decides: the first rule whose prefix it starts with, else `otherwise`. */
    z.object({
      choice: z.literal('caller-number'),
      rules: z.array(callerNumberRuleSchema).min(1, 'Add at least one rule').max(50, 'At most 50 rules'),
      otherwise: languageTagSchema,
    }),
  ],
  { error: 'Choose "fixed" or "caller-number"' },
);
export type LanguageChoice = z.output<typeof languageChoiceSchema>;

/** The language a call through the node switches to, given the caller's number. */
export function chosenLanguage(data: LanguageChoice, callerNumber: string): string {
  if (data.choice === 'fixed') return data.language;
  return data.rules.find((rule) => callerNumber.startsWith(rule.prefix))?.language ?? data.otherwise;
}

export const languageNode = defineNode({
  type: 'language',
  category: 'logic',
  data: languageChoiceSchema,
  defaults: () => ({ choice: 'fixed' as const, language: 'en-GB' }),
  branches: () => [{ id: 'next', label: nodeMessage('language.branches.next'), required: false }],
  waitsForCaller: false,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
  languageSwitch: (data) => ({
    kind: 'to',
    languages: data.choice === 'fixed' ? [data.language] : [...data.rules.map((rule) => rule.language), data.otherwise],
  }),
  // The first matching rule wins, so a rule after a shorter prefix of its own ("+4" before "+44") never applies.
  checkData: (data) => {
    if (data.choice !== 'caller-number') return [];
    const problems: DataProblem[] = [];
    data.rules.forEach((rule, position) => {
      const earlier = data.rules.slice(0, position).find((other) => rule.prefix.startsWith(other.prefix));
      if (earlier) {
        problems.push({
          code: 'language-rule-shadowed',
          field: `rules.${position}.prefix`,
          message: { key: 'ruleShadowed', values: { prefix: rule.prefix, earlier: earlier.prefix } },
        });
      }
    });
    return problems;
  },
});
