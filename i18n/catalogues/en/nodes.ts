import type { Catalogue } from '../../catalogue-type.ts';
import type { nodes as french } from '../fr/nodes.ts';

export const nodes = {
  categories: {
    start: 'Start',
    prompts: 'Prompts',
    callerInput: 'Caller input',
    people: 'People',
    conference: 'Conference',
    logic: 'Logic',
  },
  start: {
    title: 'Start',
    summary: 'Where every call to this flow begins.',
    branches: { next: 'Call arrives' },
  },
  say: {
    title: 'Say',
    summary: 'Speak a sentence to the caller with a synthetic voice.',
    branches: { next: 'Then' },
  },
  play: {
    title: 'Play sound',
    summary: "Play a recorded sound: one of Asterisk's or an uploaded file.",
    branches: { next: 'Then' },
  },
  menu: {
    title: 'Menu',
    summary: 'Ask the caller to press a key and branch on it.',
    branches: {
      key: 'Key {{digit}}',
      keyWithLabel: '{{digit}}: {{label}}',
      timeout: 'No key pressed',
      invalid: 'Wrong key',
      failed: 'Too many tries',
    },
  },
  collect: {
    title: 'Collect digits',
    summary: 'Read a number typed on the keypad (an account, a PIN) into a variable.',
    branches: { next: 'Digits entered', timeout: 'Nothing entered' },
  },
  dial: {
    title: 'Dial',
    summary: 'Ring a person or a phone and connect the caller when they answer.',
    branches: {
      answered: 'After the conversation',
      'no-answer': 'No answer',
      busy: 'Busy',
      failed: 'Unreachable',
    },
  },
  voicemail: {
    title: 'Voicemail',
    summary: 'Let the caller leave a message in a voicemail box.',
    branches: { next: 'After the message' },
  },
  'voicemail-inbox': {
    title: 'Voicemail inbox',
    summary: 'Let people listen to their messages after typing their box number and PIN (like 6099).',
    branches: { next: 'After listening' },
  },
  conference: {
    title: 'Conference room',
    summary: 'Put the caller into a conference room with the others who dialled it.',
    branches: { next: 'After leaving', full: 'Room full' },
  },
  queue: {
    title: 'Queue',
    summary: "Put the caller in a department's queue until an agent answers, with music and announcements.",
    branches: {
      answered: 'After the conversation',
      timeout: 'Waited too long',
      full: 'Queue full',
      'no-agents': 'No agent logged in',
      left: 'Pressed {{key}} to leave',
      callback: 'Asked to be called back',
    },
  },
  'business-hours': {
    title: 'Business hours',
    summary:
      'Choose the way on by a calendar: open, closed, or a public holiday or closure (the calendar’s switch first).',
    branches: { open: 'Open', closed: 'Closed', holiday: 'Holiday or closure' },
    closedUnconnected: 'callers who call while it is closed (or on a holiday, with no holiday branch) are hung up on',
  },
  branch: {
    title: 'Branch',
    summary: "Choose the way on according to a variable or the caller's number; the first true condition wins.",
    branches: {
      else: 'Otherwise',
      condition: '{{subject}} {{operator}} "{{value}}"',
      conditionWithoutValue: '{{subject}} {{operator}}',
    },
    subjects: {
      'caller-number': 'caller',
      'dialled-number': 'number dialled',
      variable: '{{name}}',
    },
    operators: {
      equals: 'equals',
      'not-equals': 'not equals',
      'starts-with': 'starts with',
      contains: 'contains',
      matches: 'matches',
      'is-empty': 'is empty',
      'is-not-empty': 'is not empty',
    },
  },
  set: {
    title: 'Set variables',
    summary: 'Remember values for later nodes; {{name}} inserts another variable.',
    branches: { next: 'Then' },
  },
  goto: {
    title: 'Go to',
    summary: 'Continue the call in the flow published on another number, or in another flow.',
    branches: {},
  },
  language: {
    title: 'Choose language',
    summary: 'Switch the language the caller hears from here on: a fixed one, or by the start of their number.',
    branches: { next: 'Then' },
  },
  hangup: {
    title: 'Hang up',
    summary: 'End the call.',
    branches: {},
  },
} as const satisfies Catalogue<typeof french>;
