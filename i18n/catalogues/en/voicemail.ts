import type { Catalogue } from '../../catalogue-type.ts';
import type { voicemail as french } from '../fr/voicemail.ts';

export const voicemail = {
  title: 'Voicemail',
  unlinked:
    'Your account is not linked to a person of the directory, so it has no voicemail box. Ask an administrator to ' +
    'link it on the voicemail access page.',
  filter: {
    label: 'Box',
    allBoxes: 'All boxes',
    newCount_one: '({{count}} new)',
    newCount_other: '({{count}} new)',
    accessLink: 'Who hears which box',
  },
  summary: {
    personBox: 'Box {{extension}} · {{name}}',
    box: 'Box {{box}}',
    allBoxes: 'All boxes',
    empty: '{{what}}: no messages.',
    line: '{{what}}: {{total}}, {{fresh}}.',
    total_one: '{{count}} message',
    total_other: '{{count}} messages',
    fresh_zero: '0 new',
    fresh_one: '{{count}} new',
    fresh_other: '{{count}} new',
  },
  columns: {
    received: 'Received',
    box: 'Box',
    caller: 'Caller',
    duration: 'Duration',
    status: 'Status',
    listen: 'Listen',
    actions: 'Actions',
  },
  message: {
    unknownCaller: 'Unknown caller',
    heard: 'heard',
    new: 'new',
    player: 'Message from {{caller}}',
    playerUnknown: 'Message from unknown caller',
    markNew: 'Mark as new',
    markHeard: 'Mark as heard',
  },
  deletion: {
    title: 'Delete this message?',
    description: 'The message from {{caller}} will no longer be in the box, on the web or on the phone.',
    descriptionUnknown: 'The message from an unknown caller will no longer be in the box, on the web or on the phone.',
    keep: 'Keep it',
    confirm: 'Delete message',
  },
  errors: {
    noSuchMessage: 'No such voicemail message',
    whichMessage: 'Which message?',
    confirmDeletion: 'Confirm the deletion (confirm=delete)',
    invalidRequest: 'This request is not understood: {{problems}}',
  },
  access: {
    title: 'Voicemail access',
    intro:
      'A staff account linked to a person of the directory hears that person’s voicemail on the Voicemail page, and ' +
      'only theirs. Administrators hear every box without a link.',
    columns: {
      account: 'Account',
      role: 'Role',
      person: 'Person (voicemail box)',
    },
    disabled: 'disabled',
    noPerson: 'No person',
    personFor: 'Person for {{username}}',
    link: 'Link',
    unlink: 'Unlink',
    linked: 'Linked: that account now hears this person’s voicemail.',
    unlinked: 'Unlinked: that account no longer hears any box.',
    errors: {
      choosePerson: 'Choose a person',
      noAccount: 'That staff account no longer exists.',
      noPerson: 'That person is no longer in the directory.',
      alreadyLinked: '{{person}} is already linked to the account {{account}}; unlink it first',
    },
  },
} as const satisfies Catalogue<typeof french>;
