import type { Catalogue } from '../../catalogue-type.ts';
import type { people as french } from '../fr/people.ts';

export const people = {
  title: 'People',
  intro:
    'Everyone with a phone: their extension rings their SIP account, then their voicemail, through a personal flow ' +
    'you can redraw in the designer. SIP passwords and voicemail PINs are never shown again once saved.',
  asteriskLive: 'Changes reach Asterisk at once.',
  asteriskOffline: 'No Asterisk is connected: changes reach it when Switchboard next connects to it.',
  openFlow: 'Open their flow in the designer',
  columns: {
    extension: 'Extension',
    name: 'Name',
    username: 'SIP user name',
    email: 'E-mail',
    language: 'Language',
  },
  pinLocked: 'voicemail locked',
  remove: {
    confirm:
      'Remove {{name}} ({{extension}})? Their SIP account stops working, their voicemail messages are deleted, and ' +
      'their personal flow stops answering {{extension}} and is archived.',
    button: 'Remove {{username}}',
    keep: 'Keep',
  },
  form: {
    addTitle: 'Add a person',
    editTitle: 'Edit {{name}}',
    name: 'Name',
    extension: 'Extension',
    username: 'SIP user name',
    sipPassword: 'SIP password',
    voicemailPin: 'Voicemail PIN',
    email: 'E-mail',
    language: 'Language',
    keepSecret: 'Leave empty to keep the current one.',
    sipPasswordHint: 'At least 8 characters, not the user name.',
    pinHint: '4 to 10 digits.',
    languageHint: 'Of their voicemail, e.g. fr-FR or en-US.',
  },
  done: {
    added: 'Added {{name}}, extension {{extension}}, user name {{username}}.',
    saved: 'Saved {{name}} ({{extension}}).',
    removed: 'Removed {{name}} ({{extension}}) and their voicemail messages.',
  },
  outcome: {
    flowPublished: 'Their flow "{{flow}}" is published (version {{version}}): edit it in the designer.',
    flowArchived: 'Their flow "{{flow}}" no longer answers and is archived (restore it from the flows list).',
    flowUnbound: 'Their flow "{{flow}}" no longer answers; a call was still running in it, so archive it later.',
    flowNotPublished: 'Their flow could not be published: {{reason}}',
    asteriskApplied: 'Asterisk has the SIP account now: the phone can register and the extension rings at once.',
    asteriskRemoved: 'Asterisk no longer has the SIP account: the phone cannot register any more.',
    asteriskAbsent: 'Asterisk had no SIP account for them.',
    asteriskNotConfigured:
      'No Asterisk is connected (ARI settings): Asterisk gets this change when Switchboard next connects to it.',
    pjsipUpToDate: 'Their SIP account comes from pjsip.conf, which already matches.',
    pjsipStale:
      'Their SIP account is written in pjsip.conf (--static-people), which ARI cannot change: regenerate it with ' +
      '`switchboard asterisk config --static-people` and reload res_pjsip, or regenerate it without that option.',
    asteriskFailed: 'Asterisk was not updated: {{reason}}. It will be when the app next connects to Asterisk.',
  },
  errors: {
    unknownAction: 'Unknown action "{{intent}}"',
    gone: 'That person no longer exists: someone removed them meanwhile.',
    usernameTaken: 'The username "{{value}}" is already taken',
    extensionTaken: 'The extension "{{value}}" is already taken',
    usernameUsedBy: 'The user name "{{username}}" is already used by {{name}} ({{extension}})',
    extensionOfPerson: '{{extension}} is already the extension of {{name}} ({{username}})',
    extensionOfFlow: '{{extension}} is already the number of the flow "{{flow}}": choose another extension',
    sharedFlow:
      'The flow "{{flow}}" answers {{extension}} and also {{others}}: take {{extension}} out of it in the designer ' +
      'before moving the extension',
    sipPasswordTooShort: 'A SIP password has at least {{min}} characters',
    sipPasswordTooLong: 'A SIP password has at most {{max}} characters',
    sipPasswordContainsAccount: 'The SIP password must not contain the user name or the extension',
    sipPasswordDigitsOnly: 'A SIP password of digits only is too easy to guess: add letters',
    sipPasswordTooRepetitive: 'This SIP password repeats too few characters: choose a less predictable one',
    pinFormat: 'A voicemail PIN is 4 to 10 digits',
    pinIsExtension: 'The voicemail PIN must not be the extension',
    pinRepeated: 'A PIN of one repeated digit is too easy to guess',
    nameRequired: 'Give the person a name',
    nameTooLong: 'Keep the name under 80 characters',
    emailInvalid: 'Enter an e-mail address such as name@example.org',
    usernameFormat: 'A user name is 2 to 32 lower-case letters, digits, ".", "_" or "-", starting with a letter',
    extensionFormat: 'An extension is 2 to 10 digits',
    languageTag: 'Use a language tag such as fr-FR or en-US',
    renameNeedsSipPassword: 'Changing the user name needs the SIP password again (it is part of the digest)',
  },
} as const satisfies Catalogue<typeof french>;
