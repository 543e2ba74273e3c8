import type { Catalogue } from '../../catalogue-type.ts';
import type { mobile as french } from '../fr/mobile.ts';

export const mobile = {
  action: 'Set up a mobile phone',
  dialog: {
    title: 'Set up a mobile phone for {{name}}',
    intro:
      "A one-time link gives the phone's Linphone app the SIP account of {{name}} ({{username}}), the same as their " +
      'desk phone: encrypted (TLS and SRTP), and the password is never shown.',
    step1: 'Install Linphone on the phone (App Store or Google Play).',
    step2:
      'In Linphone, open the assistant, choose "Fetch remote configuration" and scan the QR code (or paste the link).',
    step3: 'The phone gets the account and rings with the extension. The link is then of no further use.',
    create: 'Create a set-up link',
    createAnother: 'Create another link',
    close: 'Close',
    qrAlt: 'QR code of the set-up link for {{name}}',
    linkLabel: 'Set-up link',
    copy: 'Copy the link',
    copied: 'Link copied',
    expires: 'Works once, until {{time}} ({{minutes}} min).',
    plainHttp:
      'This link is plain HTTP: the phone will receive its credentials unencrypted. Serve Switchboard over HTTPS ' +
      'before setting up a phone outside the local network.',
    noTls:
      "Asterisk's SIP TLS transport is off (SIP_TLS_PORT=0): a mobile phone registers over TLS only, so no link can " +
      'be made.',
    outstanding: 'Outstanding links',
    none: 'No outstanding link.',
    linkRow: 'Made at {{created}} by {{author}}, expires at {{expires}}',
    unknownAuthor: 'a removed account',
    revoke: 'Revoke',
    revokeLabel: 'Revoke the link made at {{created}}',
    shownOnce: 'The link is shown only once: if it is lost, revoke it and make another.',
  },
  done: {
    created: 'Set-up link made for {{name}}.',
    revoked: 'Link revoked: it will not set up any phone.',
  },
  errors: {
    notOutstanding: 'This link is no longer outstanding: it was already used, revoked, or it expired.',
    personGone: 'That person no longer exists: someone removed them meanwhile.',
    noTls: "No link can be made: Asterisk's SIP TLS transport is off (SIP_TLS_PORT=0).",
  },
  provision: {
    unknown: 'No such set-up link.',
    gone: 'This set-up link can no longer be used: ask your administrator for a new one.',
    methodNotAllowed: 'This set-up link answers GET only.',
    noTls: "Asterisk's SIP TLS transport is off: this phone could not register.",
    noHost: 'The SIP server name is unknown: set SIP_PUBLIC_HOST.',
  },
} as const satisfies Catalogue<typeof french>;
