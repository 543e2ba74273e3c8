import type { Catalogue } from '../../catalogue-type.ts';
import type { staffPhone as french } from '../fr/staff-phone.ts';

export const staffPhone = {
  column: 'Phone of',
  phoneOf: 'Phone of {{username}}',
  none: 'None',
  person: '{{name}} ({{extension}})',
  save: 'Save',
  done: {
    linked: '{{username}} now uses the phone of {{person}}.',
    unlinked: "{{username}} no longer uses anyone's phone.",
  },
  errors: {
    alreadyLinked: '{{person}} is already the phone of the account {{account}}: set that account to "None" first.',
    noPerson: 'This person is no longer in the directory.',
  },
  settings: {
    label: 'Your phone',
    none: 'None: an administrator can link your account to a person of the directory.',
    help: "The browser's phone registers with this person's extension.",
  },
} as const satisfies Catalogue<typeof french>;
