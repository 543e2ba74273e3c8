import type { Catalogue } from '../../catalogue-type.ts';
import type { layout as french } from '../fr/layout.ts';

export const layout = {
  nav: {
    label: 'Main navigation',
    flows: 'Flows',
    calls: 'Calls',
    people: 'People',
    calendars: 'Calendars',
    voicemail: 'Voicemail',
    conferences: 'Conferences',
    departments: 'Departments',
    queues: 'Queues',
  },
  userMenu: {
    administration: 'Administration',
    staff: 'Staff',
    apiTokens: 'API tokens',
    signedInAs: 'Signed in as {{username}}',
    settings: 'My settings',
    signOut: 'Sign out',
  },
  settings: {
    title: 'My settings',
    languageLabel: 'Interface language',
    languageAutomatic: "The browser's ({{language}})",
    languageHelp: 'Applies to all your pages and validation messages.',
    saved: 'Settings saved.',
    invalidLanguage: 'Choose a language from the list.',
  },
  // Each language is named in itself, as language pickers do, so anyone finds theirs.
  languages: {
    fr: 'Français',
    en: 'English',
  },
  refusals: {
    crossSite: 'Refused: this request comes from another site. Reload the Switchboard page and try again.',
    notOurForm:
      'Refused: this form was not sent from a Switchboard page of your current session. Reload the page and try again.',
  },
  errorPage: {
    title: 'Something went wrong',
    status: 'Error {{status}}',
  },
} as const satisfies Catalogue<typeof french>;
