import type { Catalogue } from '../../catalogue-type.ts';
import type { simulator as french } from '../fr/simulator.ts';

export const simulator = {
  title: 'Test call',
  close: 'Close the test call panel',
  callerNumber: 'Caller number',
  dialPreset: 'When a call is put through',
  askMe: 'Ask me',
  at: 'Call at (empty: now)',
  variables: 'Variables (one name=value a line)',
  start: 'Start',
  callAgain: 'Call again',
  keypad: 'Keypad',
  skip: 'Skip wait',
  skipTitle: 'End the current wait now',
  hangUp: 'Hang up',
  history: 'In call history',
  dialOutcomes: {
    answered: 'Answered',
    'no-answer': 'No answer',
    busy: 'Busy',
    failed: 'Failed',
  },
  // The outcome's own code, as call history and the end-to-end suites know it.
  callOutcomes: {
    completed: 'completed',
    'caller-hung-up': 'caller-hung-up',
    'not-in-service': 'not-in-service',
    'step-limit': 'step-limit',
    error: 'error',
    lost: 'lost',
    'ended-after-restart': 'ended-after-restart',
    unknown: 'unknown',
  },
  state: {
    idle: 'Not started',
    starting: 'Starting…',
    ended: 'Ended: {{outcome}}',
    endedWithReason: 'Ended: {{outcome}} ({{reason}})',
    question: 'Dialling {{endpoint}}: what happens?',
    running: 'Running',
    playing: 'Playing a prompt',
    playingBargeIn: 'Playing a prompt (keys interrupt it)',
    digits_one: 'Waiting for keys (up to {{count}})',
    digits_other: 'Waiting for keys (up to {{count}})',
    dial: 'Ringing {{endpoint}}',
    recording: 'Recording…',
    recordingUntilKey: 'Recording… (press {{key}} to stop)',
  },
  question: {
    label: 'Dialling {{endpoint}}',
    text: 'Ringing <strong>{{endpoint}}</strong>. What happens?',
  },
  steps: {
    sound: 'sound:{{name}}',
    audio: 'audio',
    dial: 'dial: {{outcome}}',
    noDigits: '(none)',
    dialOutcomes: {
      answered: 'answered',
      'no-answer': 'no-answer',
      busy: 'busy',
      failed: 'failed',
    },
  },
  presetVariables: {
    notNameValue: 'Line {{line}}: write name=value (for example client_vip=oui)',
    notAName:
      'Line {{line}}: "{{name}}" is not a variable name (letters, digits and _, starting with a letter or _, 40 at most)',
    builtIn: 'Line {{line}}: {{name}} is set by the call itself',
    builtInCallerNumber: 'Line {{line}}: {{name}} is set by the call itself (use the caller number box)',
    twice: 'Line {{line}}: {{name}} is set twice',
  },
  errors: {
    serverAnswered: 'The server answered {{status}} {{statusText}}',
    noFlow: 'There is no flow "{{id}}".',
  },
} as const satisfies Catalogue<typeof french>;
