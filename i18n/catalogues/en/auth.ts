import type { Catalogue } from '../../catalogue-type.ts';
import type { auth as french } from '../fr/auth.ts';

export const auth = {
  signIn: {
    title: 'Sign in',
    heading: 'Sign in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    usernameRequired: 'Enter your user name',
    passwordRequired: 'Enter your password',
    tooManyAttempts_one: 'Too many wrong passwords for this user name: try again in {{count}} minute.',
    tooManyAttempts_other: 'Too many wrong passwords for this user name: try again in {{count}} minutes.',
    wrongCredentials: 'Wrong user name or password (or the account is disabled).',
  },
  setup: {
    title: 'Set up',
    heading: 'Welcome to Switchboard',
    intro: 'Nobody can sign in yet. Create the first administrator: they can then invite everyone else.',
    username: 'User name',
    displayName: 'Full name',
    password: 'Password',
    confirm: 'Password again',
    submit: 'Create the administrator',
    passwordsDiffer: 'The two passwords differ',
    alreadySetUp: 'Switchboard is already set up: sign in, or ask an administrator for an account.',
  },
  errors: {
    username: 'A user name is 2 to 32 lower-case letters, digits, ".", "_" or "-", starting with a letter',
    usernameTaken: 'The user name "{{username}}" is already taken',
    passwordRequired: 'Enter a password',
    passwordTooShort: 'A password has at least 10 characters',
    passwordTooLong: 'A password has at most 200 characters',
    nameTooLong: 'Keep the name under 80 characters',
    role: 'The role is one of viewer, editor or admin',
    forbiddenRole: 'This needs the {{role}} role; you are signed in as {{username}} ({{current}}).',
  },
} as const satisfies Catalogue<typeof french>;
