import type { Catalogue } from '../../catalogue-type.ts';
import type { conferences as french } from '../fr/conferences.ts';

export const conferences = {
  title: 'Conference rooms',
  live: {
    connecting: 'connecting…',
    live: 'live',
    reconnecting: 'reconnecting…',
  },
  noRuntime:
    'No conference runtime is attached to this server: Asterisk is not configured (ARI_URL, ARI_USER and ' +
    'ARI_PASS), so no room can be live. Recordings made earlier are listed below.',
  noLiveRoom: 'No room is live right now. A room appears here as soon as someone dials it.',
  room: {
    participants_one: '{{count}} participant · since {{time}} UTC',
    participants_other: '{{count}} participants · since {{time}} UTC',
    locked: 'locked',
    recording: '● recording',
    lock: 'Lock',
    unlock: 'Unlock',
    startRecording: 'Start recording',
    stopRecording: 'Stop recording',
    end: 'End conference',
    confirmEnd: 'End the conference in {{name}} ({{number}})? Everyone in it is disconnected.',
  },
  participants: {
    columns: {
      caller: 'Caller',
      role: 'Role',
      joined: 'Joined (UTC)',
      microphone: 'Microphone',
      talking: 'Talking',
      actions: 'Actions',
    },
    unknown: 'unknown',
    moderator: 'moderator',
    participant: 'participant',
    waiting: 'waiting',
    waitingHint: 'Hearing music until a moderator joins',
    muted: 'muted',
    open: 'open',
    talking: '◉ talking',
    mute: 'Mute',
    unmute: 'Unmute',
    kick: 'Kick',
  },
  recordings: {
    title: 'Recordings',
    none: 'No conference has been recorded yet.',
    columns: {
      room: 'Room',
      started: 'Started (UTC)',
      length: 'Length',
      listen: 'Listen',
    },
    running: 'recording…',
    whenItStops: 'when it stops',
  },
  errors: {
    notAnAction: 'This is not a room action: {{problems}}',
    noRuntime:
      'No conference runtime is attached to this server: Asterisk is not configured (set ARI_URL, ARI_USER and ' +
      'ARI_PASS, see README).',
    noRoom: 'There is no live room {{room}} (a room is live while someone is in it).',
    noParticipant: 'There is no participant {{participant}} in room {{room}} (they may have left).',
    failed: 'The conference runtime could not {{action}}: {{reason}}',
    recordingNotFound: 'There is no conference recording "{{id}}".',
    recordingRunning: 'Recording "{{id}}" is still running: its audio is saved when it stops.',
    recordingMissing: 'The audio of recording "{{id}}" is missing from the server\'s disk.',
    actions: {
      mute: 'mute participant {{participant}} of room {{room}}',
      unmute: 'unmute participant {{participant}} of room {{room}}',
      kick: 'kick participant {{participant}} of room {{room}}',
      lock: 'lock room {{room}}',
      unlock: 'unlock room {{room}}',
      'start-recording': 'start recording room {{room}}',
      'stop-recording': 'stop recording room {{room}}',
      end: 'end room {{room}}',
    },
  },
} as const satisfies Catalogue<typeof french>;
