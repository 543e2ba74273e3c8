// What staff may do to a live room, shared by the room view's buttons (app/routes/conferences.tsx) and the HTTP API
// (app/routes/api/conference*.ts): one list of actions, one place that checks the room and participant exist, one
// set of errors that each side turns into its own answer.
import type { ConferenceRooms, ParticipantSnapshot, RoomSnapshot } from '#runtime/conference/conference-rooms.ts';

export const PARTICIPANT_ACTIONS = ['mute', 'unmute', 'kick'] as const;
export const ROOM_ACTIONS = ['lock', 'unlock', 'start-recording', 'stop-recording', 'end'] as const;

export type ParticipantActionKind = (typeof PARTICIPANT_ACTIONS)[number];
export type RoomActionKind = (typeof ROOM_ACTIONS)[number];

export type RoomAction =
  { kind: ParticipantActionKind; room: string; participantId: string } | { kind: RoomActionKind; room: string };

/** Without Asterisk configured this process runs no conference runtime: nothing to show or act on. */
export class NoConferenceRuntimeError extends Error {
  constructor() {
    super(
      'No conference runtime is attached to this server: Asterisk is not configured (set ARI_URL, ARI_USER and ARI_PASS, see README).',
    );
    this.name = 'NoConferenceRuntimeError';
  }
}

/**
 * The room or participant is not live (never was, or has left): the caller asked about something absent. The
 * target travels with the error so the room view can say it in its reader's language; the message is the API's.
 */
export class ConferenceTargetNotFoundError extends Error {
  constructor(readonly target: { room: string; participantId?: string }) {
    super(
      target.participantId === undefined
        ? `There is no live room ${JSON.stringify(target.room)} (a room is live while someone is in it).`
        : `There is no participant ${JSON.stringify(target.participantId)} in room ${target.room} (they may have left).`,
    );
    this.name = 'ConferenceTargetNotFoundError';
  }
}

/** The runtime tried and failed (Asterisk refused or went away): not the asker's mistake. */
export class ConferenceActionFailedError extends Error {
  /** What the runtime said, as it said it (Asterisk's words are not translated). */
  readonly reason: string;
  constructor(
    readonly action: RoomAction,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The conference runtime could not ${describeAction(action)}: ${reason}`, { cause });
    this.name = 'ConferenceActionFailedError';
    this.reason = reason;
  }
}

export function requireConferences(conferences: ConferenceRooms | undefined): ConferenceRooms {
  if (!conferences) throw new NoConferenceRuntimeError();
  return conferences;
}

export function findRoom(conferences: ConferenceRooms, room: string): RoomSnapshot | null {
  return conferences.rooms().find((candidate) => candidate.number === room) ?? null;
}

export function requireRoom(conferences: ConferenceRooms, room: string): RoomSnapshot {
  const found = findRoom(conferences, room);
  if (!found) throw new ConferenceTargetNotFoundError({ room });
  return found;
}

function requireParticipant(snapshot: RoomSnapshot, participantId: string): ParticipantSnapshot {
  const found = snapshot.participants.find((participant) => participant.id === participantId);
  if (!found) throw new ConferenceTargetNotFoundError({ room: snapshot.number, participantId });
  return found;
}

export function describeAction(action: RoomAction): string {
  switch (action.kind) {
    case 'mute':
    case 'unmute':
    case 'kick':
      return `${action.kind} participant ${action.participantId} of room ${action.room}`;
    case 'lock':
    case 'unlock':
    case 'end':
      return `${action.kind} room ${action.room}`;
    case 'start-recording':
      return `start recording room ${action.room}`;
    case 'stop-recording':
      return `stop recording room ${action.room}`;
  }
}

function perform(conferences: ConferenceRooms, action: RoomAction): Promise<void> {
  switch (action.kind) {
    case 'mute':
      return conferences.setMuted(action.room, action.participantId, true);
    case 'unmute':
      return conferences.setMuted(action.room, action.participantId, false);
    case 'kick':
      return conferences.kick(action.room, action.participantId);
    case 'lock':
      return conferences.setLocked(action.room, true);
    case 'unlock':
      return conferences.setLocked(action.room, false);
    case 'start-recording':
      return conferences.startRecording(action.room);
    case 'stop-recording':
      return conferences.stopRecording(action.room);
    case 'end':
      return conferences.end(action.room);
  }
}

function checkTarget(conferences: ConferenceRooms, action: RoomAction): void {
  const snapshot = requireRoom(conferences, action.room);
  if ('participantId' in action) requireParticipant(snapshot, action.participantId);
}

/** How long a kick or an end may take to show in the rooms before the answer goes out anyway. */
const SETTLE_TIMEOUT_MS = 5_000;

/** True once the action's visible effect is there: kicks and ends finish after the runtime's promise resolves. */
function settled(action: RoomAction, rooms: RoomSnapshot[]): boolean {
  const room = rooms.find((candidate) => candidate.number === action.room);
  if (action.kind === 'end') return !room;
  if (action.kind === 'kick') return !room?.participants.some((participant) => participant.id === action.participantId);
  return true;
}

/**
 * The runtime hangs a kicked caller up (and everyone, for an end) and returns before the channels are gone; the
 * answer waits for the rooms to show it, so a script that kicks and then lists does not see the caller still there.
 */
function untilSettled(conferences: ConferenceRooms, action: RoomAction, timeoutMs: number): Promise<void> {
  if (settled(action, conferences.rooms())) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    const unsubscribe = conferences.subscribe((rooms) => {
      if (settled(action, rooms)) finish();
    });
    // A change between the first look and subscribing would otherwise be missed.
    if (settled(action, conferences.rooms())) finish();
  });
}

/**
 * Checks the room (and participant) are live, asks the runtime, and returns the room as it is now (null once it
 * has ended or emptied). A failure because the target left meanwhile is a not-found, anything else a failed action.
 */
export async function applyRoomAction(
  conferences: ConferenceRooms,
  action: RoomAction,
  { settleTimeoutMs = SETTLE_TIMEOUT_MS }: { settleTimeoutMs?: number } = {},
): Promise<RoomSnapshot | null> {
  checkTarget(conferences, action);
  try {
    await perform(conferences, action);
  } catch (error) {
    checkTarget(conferences, action);
    throw new ConferenceActionFailedError(action, error);
  }
  await untilSettled(conferences, action, settleTimeoutMs);
  return findRoom(conferences, action.room);
}
