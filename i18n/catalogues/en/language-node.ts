import type { Catalogue } from '../../catalogue-type.ts';
import type { languageNode as french } from '../fr/language-node.ts';

export const languageNode = {
  choice: {
    label: 'Language',
    fixed: 'Always this language',
    callerNumber: "By the start of the caller's number",
  },
  languageTag: 'Language tag',
  languageHint: 'A language tag such as fr-FR, en-GB or en-US.',
  rule: {
    title: 'Rule {{number}}',
    remove: 'Remove',
    removeLabel: 'Remove rule {{number}}',
    prefix: 'Caller number starts with',
    prefixHint: 'The first rule that matches wins.',
    add: 'Add a rule',
  },
  otherwise: 'Other callers',
} as const satisfies Catalogue<typeof french>;
