import type { Catalogue } from '../../catalogue-type.ts';
import type { flowLanguages as french } from '../fr/flow-languages.ts';

export const flowLanguages = {
  toolbar: {
    open: 'Languages',
    openTitle: 'Every prompt in every language of the flow',
  },
  matrix: {
    title: 'Languages of the flow',
    close: 'Close',
    summary_one: '{{count}} translation is missing for the languages callers may choose.',
    summary_other: '{{count}} translations are missing for the languages callers may choose.',
    complete: 'Every prompt exists in every language callers may choose.',
    oneLanguage: 'This flow speaks one language. Add a "Choose language" node to let callers change it.',
    empty: 'This flow has no written prompt yet.',
    prompt: 'Prompt',
    flowLanguage: "flow's language",
    notUsed: 'no call chooses it',
    missing: 'Missing translation',
    notNeeded: 'Optional',
    field: {
      own: 'prompt',
      prompt: 'prompt',
      greeting: 'greeting',
      periodicMessage: 'periodic message',
    },
    cellLabel: '{{prompt}} in {{language}}',
  },
  translations: {
    heading: 'Translations',
    add: 'Add a translation',
    addIn: 'Translate into…',
    remove: 'Remove',
    removeTitle: 'Remove the {{language}} translation',
    textLabel: 'In {{language}}',
  },
  settings: {
    language: "Flow's language",
    languageHint: "What callers hear first, and Switchboard's own sentences until they choose another language.",
  },
} as const satisfies Catalogue<typeof french>;
