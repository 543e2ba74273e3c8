import { z } from 'zod';
import { defineNode, speaksNothing, referencesNothing } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { isLanguageTag, LANGUAGE_VARIABLE } from '../languages.ts';
import { variableNameSchema } from './shared.ts';

export const setNode = defineNode({
  type: 'set',
  category: 'logic',
  data: z.object({
    assignments: z
      .array(z.object({ variable: variableNameSchema, value: z.string().max(500) }))
      .min(1, 'Add at least one variable'),
  }),
  defaults: () => ({ assignments: [{ variable: 'language', value: 'fr' }] }),
  branches: () => [{ id: 'next', label: nodeMessage('set.branches.next'), required: false }],
  waitsForCaller: false,
  acceptsCalls: true,
  spokenPrompts: speaksNothing,
  ...referencesNothing,
  // A value with {{...}} is only known during the call: the languages it may give cannot be listed beforehand.
  callLanguages: (data) =>
    data.assignments
      .filter((assignment) => assignment.variable === LANGUAGE_VARIABLE && !assignment.value.includes('{{'))
      .map((assignment) => assignment.value.trim())
      .filter(isLanguageTag),
  checkData: (data) =>
    data.assignments.flatMap((assignment, position) =>
      assignment.variable === LANGUAGE_VARIABLE &&
      !assignment.value.includes('{{') &&
      !isLanguageTag(assignment.value.trim())
        ? [
            {
              code: 'language-value-invalid' as const,
              field: `assignments.${position}.value`,
              message: `"${assignment.value}" is not a language tag (such as fr-FR or en-GB), so calls stay in the flow's language.`,
            },
          ]
        : [],
    ),
});
