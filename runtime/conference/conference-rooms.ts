import type { TypedFlowNode } from '#flows/catalogue.ts';
import type { CallPort } from '../call-port.ts';

// The conference service's contract. The `conference` executor hands a caller (after any PIN) to a room; the live
// room view (app/) and the HTTP API read rooms and act on them. The runtime implements it on ARI mixing bridges
// (runtime/conference/), tests and the simulator on an in-memory media port.

export type ConferenceOptions = TypedFlowNode<'conference'>['data'];
export type ConferenceRole = 'moderator' | 'participant';

export interface JoinRequest {
  call: CallPort;
  options: ConferenceOptions;
  role: ConferenceRole;
  signal: AbortSignal;
  /**
   * The caller was in this room before the runtime restarted: no greeting again, and when `bridgeId` is the room's
   * bridge Asterisk kept (the caller still in it), the room takes that bridge back instead of making a new one.
   */
  resumed?: { bridgeId: string | null };
}

/** Why the caller left the room; `full` and `locked` mean they never entered. */
export type LeaveReason = 'hung-up' | 'kicked' | 'ended' | 'full' | 'locked';

export interface ParticipantSnapshot {
  id: string;
  callerNumber: string;
  callerName: string;
  role: ConferenceRole;
  joinedAt: number;
  muted: boolean;
  talking: boolean;
  /** Waiting for a moderator (hearing music), not yet mixed with the others. */
  waiting: boolean;
}

export interface RoomSnapshot {
  number: string;
  name: string;
  locked: boolean;
  recording: boolean;
  startedAt: number;
  participants: ParticipantSnapshot[];
}

export interface ConferenceRooms {
  /** Resolves when the caller leaves the room (or could not enter). */
  join(request: JoinRequest): Promise<{ reason: LeaveReason }>;
  rooms(): RoomSnapshot[];
  /** Told after every change of any room (join, leave, mute, talking...). Returns the unsubscribe function. */
  subscribe(listener: (rooms: RoomSnapshot[]) => void): () => void;
  setMuted(room: string, participantId: string, muted: boolean): Promise<void>;
  kick(room: string, participantId: string): Promise<void>;
  setLocked(room: string, locked: boolean): Promise<void>;
  startRecording(room: string): Promise<void>;
  stopRecording(room: string): Promise<void>;
  end(room: string): Promise<void>;
}
