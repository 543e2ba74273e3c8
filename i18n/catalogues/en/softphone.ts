import type { Catalogue } from '../../catalogue-type.ts';
import type { softphone as french } from '../fr/softphone.ts';

export const softphone = {
  title: 'Phone',
  pageTitle: 'Phone',
  open: 'Open the phone',
  close: 'Close the phone',
  fullPage: 'Full page',
  registration: {
    unregistered: 'Offline',
    registering: 'Connecting…',
    registered: 'Ready',
    failed: 'Disconnected',
  },
  call: {
    idle: 'No call',
    'outgoing-ringing': 'Calling {{who}}…',
    'incoming-ringing': '{{who}} is calling',
    'in-call': 'On a call with {{who}}',
    held: 'On hold: {{who}}',
    transferring: 'Transferring to {{target}}…',
    consulting: '{{target}} answered: you can transfer',
    ended: 'Call ended ({{cause}})',
  },
  endCauses: {
    'hung-up-local': 'you hung up',
    'hung-up-remote': 'the other side hung up',
    cancelled: 'cancelled',
    declined: 'declined',
    missed: 'missed',
    transferred: 'transferred',
    failed: 'failed',
  },
  noPerson:
    'Your account is not linked to anyone in the directory. Ask an administrator to link your account to a person of the directory.',
  loading: 'Getting the phone ready…',
  number: 'Number to call',
  numberPlaceholder: 'Extension or number',
  callButton: 'Call',
  callNumber: 'Call {{number}}',
  answer: 'Answer',
  decline: 'Decline',
  hangUp: 'Hang up',
  mute: 'Mute',
  unmute: 'Unmute',
  hold: 'Hold',
  unhold: 'Resume',
  transfer: 'Transfer',
  transferTarget: 'Transfer to (extension or number)',
  transferBlind: 'Transfer now',
  transferAttended: 'Announce first',
  transferComplete: 'Complete the transfer',
  transferCancel: 'Cancel the transfer',
  keypad: 'Keypad',
  key: 'Key {{key}}',
  dismiss: 'Dismiss',
  useHere: 'Use here',
  retry: 'Retry',
  you: 'You: {{name}} (extension {{extension}})',
  unknownCaller: 'Withheld number',
  directory: {
    title: 'Directory',
    search: 'Search for a person',
    empty: 'Nobody matches.',
    call: 'Call {{name}} (extension {{extension}})',
  },
  recent: {
    title: 'Recent calls',
    empty: 'No recent calls.',
    incoming: 'Incoming',
    outgoing: 'Outgoing',
    callBack: 'Call {{number}} back',
    outcomes: {
      answered: 'answered',
      missed: 'missed',
      declined: 'declined',
      cancelled: 'cancelled',
      failed: 'failed',
      transferred: 'transferred',
    },
  },
  devices: {
    title: 'Microphone and speaker',
    microphone: 'Microphone',
    speaker: 'Speaker',
    default: 'Default',
    unnamed: 'Device {{number}}',
    speakerUnsupported: 'This browser cannot choose the speaker.',
  },
  level: 'Level of the sound received',
  callThisFlow: 'Call this flow',
  callThisFlowTitle: "Call {{number}} with the browser's phone",
  notification: {
    title: 'Incoming call',
    body: '{{who}} is calling',
  },
  flashTitle: '📞 {{who}}',
  errors: {
    'microphone-refused': {
      title: 'The microphone is refused.',
      advice:
        'Allow the microphone for this site (the icon left of the address, then "Microphone: allow"), then reload the page.',
    },
    'no-microphone': {
      title: 'No microphone found.',
      advice: 'Plug in a microphone or a headset, then choose it under "Microphone and speaker".',
    },
    'microphone-busy': {
      title: 'Another program is using the microphone.',
      advice: 'Close the other program (video call, recorder) or choose another microphone.',
    },
    'connection-failed': {
      title: 'The phone cannot reach the server.',
      advice:
        "Either the browser has not accepted the server's certificate: open https://{{host}}/ once and accept the certificate; or the server does not answer: check the connection and tell an administrator.",
    },
    'registration-refused': {
      title: "The server refused the phone's connection.",
      advice:
        'Your phone was most likely opened in another browser or tab, which took over. "Use here" takes it back in this one.',
    },
    'credentials-unavailable': {
      title: 'The phone could not be set up.',
      advice: 'Your session may have expired: reload the page, sign in again if asked, then retry.',
    },
    'media-mismatch': {
      title: 'The call was refused: both sides cannot encrypt the sound the same way (488/606).',
      advice:
        "The browser's phone requires DTLS-SRTP: an administrator should check the settings of the person's browser device in Asterisk.",
    },
    'not-found': {
      title: 'This number does not exist.',
      advice: 'Check the number, or look the person up in the directory.',
    },
    busy: {
      title: 'The line is busy.',
      advice: 'Call again a little later.',
    },
    unavailable: {
      title: 'The person cannot be reached right now.',
      advice: 'Their phone may not be connected: try again later or leave a message.',
    },
    'no-answer': {
      title: 'No answer.',
      advice: 'Call again later.',
    },
    declined: {
      title: 'The call was declined.',
      advice: 'The person cannot take the call: call again later.',
    },
    'address-incomplete': {
      title: 'The number is incomplete.',
      advice: 'Check the number and dial it in full.',
    },
    'transfer-failed': {
      title: 'The transfer did not go through.',
      advice: 'The call is still there, on hold: resume it or try another extension.',
    },
    'webrtc-error': {
      title: 'The browser could not set up the sound.',
      advice: 'Reload the page; if it happens again, try another recent browser (Chrome, Firefox, Edge).',
    },
    other: {
      title: 'The phone ran into an error ({{detail}}).',
      advice: 'Try again; if it happens again, give this message to an administrator.',
    },
  },
} satisfies Catalogue<typeof french>;
