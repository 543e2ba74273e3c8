import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing, type LanguageSwitch } from '../node-definition.ts';
import { isLanguageTag, LANGUAGE_VARIABLE } from '../languages.ts';
import { nodeMessage } from '../node-texts.ts';
import { variableNameSchema } from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

export const setNode = defineNode({
  type: 'set',
  category: 'logic',
  data: z.object({
    assignments: z
      .array(z.object({ variable: variableNameSchema, value: z.string().max(500) }))
      .min(1, schemaMessage('atLeastOneVariable')),
  }),
  defaults: () => ({ assignments: [{ variable: 'language', value: 'fr' }] }),
  branches: () => [{ id: 'next', label: nodeMessage('set.branches.next'), required: false }],
  waitsForCaller: false,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
  // The last assignment of `language` is the one that stays. A value with {{...}} is only known during the call; one
  // that is not a language tag leaves the call in its flow's language (and is warned of below).
  languageSwitch: (data): LanguageSwitch => {
    const last = data.assignments.findLast((assignment) => assignment.variable === LANGUAGE_VARIABLE);
    if (!last) return { kind: 'none' };
    if (last.value.includes('{{')) return { kind: 'unknown' };
    return isLanguageTag(last.value.trim()) ? { kind: 'to', languages: [last.value.trim()] } : { kind: 'none' };
  },
  checkData: (data) =>
    data.assignments.flatMap((assignment, position) =>
      assignment.variable === LANGUAGE_VARIABLE &&
      !assignment.value.includes('{{') &&
      !isLanguageTag(assignment.value.trim())
        ? [
            {
              code: 'language-value-invalid' as const,
              field: `assignments.${position}.value`,
              message: { key: 'languageValueInvalid' as const, values: { value: assignment.value } },
            },
          ]
        : [],
    ),
});
