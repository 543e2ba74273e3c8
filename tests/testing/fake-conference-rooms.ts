// An in-memory ConferenceRooms for the room view's and the API's tests: the test plays the callers (a participant
// joins, starts talking, leaves) and reads back which actions the web app asked for. It places no calls: `join`
// belongs to the real runtime (runtime/conference/) and its own tests.
import type {
  ConferenceRooms,
  JoinRequest,
  LeaveReason,
  ParticipantSnapshot,
  RoomSnapshot,
} from '#runtime/conference/conference-rooms.ts';

export type FakeRoomCall =
  | { method: 'setMuted'; room: string; participantId: string; muted: boolean }
  | { method: 'kick'; room: string; participantId: string }
  | { method: 'setLocked'; room: string; locked: boolean }
  | { method: 'startRecording' | 'stopRecording' | 'end'; room: string };

export class FakeConferenceRooms implements ConferenceRooms {
  /** Every action asked of the service, in order. */
  readonly calls: FakeRoomCall[] = [];
  private readonly live = new Map<string, RoomSnapshot>();
  private readonly listeners = new Set<(rooms: RoomSnapshot[]) => void>();
  /** When set, the next action rejects with it (Asterisk refusing), and it is cleared. */
  failNextAction: Error | null = null;
  /**
   * Like the real runtime, which hangs the channels up and lets them leave afterwards: kick and end resolve at once
   * and the callers leave this many milliseconds later. Null: they leave before the promise resolves.
   */
  leaveDelayMs: number | null = null;

  // --- the test's side: what callers do ---

  openRoom(number: string, name: string, startedAt = Date.now()): void {
    this.live.set(number, { number, name, locked: false, recording: false, startedAt, participants: [] });
    this.changed();
  }

  addParticipant(
    room: string,
    participant: Pick<ParticipantSnapshot, 'id' | 'callerNumber'> & Partial<ParticipantSnapshot>,
  ): void {
    this.room(room).participants.push({
      callerName: '',
      role: 'participant',
      joinedAt: Date.now(),
      muted: false,
      talking: false,
      waiting: false,
      ...participant,
    });
    this.changed();
  }

  setTalking(room: string, participantId: string, talking: boolean): void {
    this.participant(room, participantId).talking = talking;
    this.changed();
  }

  removeParticipant(room: string, participantId: string): void {
    const snapshot = this.room(room);
    snapshot.participants = snapshot.participants.filter((participant) => participant.id !== participantId);
    if (snapshot.participants.length === 0) this.live.delete(room);
    this.changed();
  }

  /** Back to no room and no recorded call, at once (between tests). */
  reset(): void {
    this.live.clear();
    this.calls.length = 0;
    this.failNextAction = null;
    this.changed();
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  // --- ConferenceRooms ---

  join(_request: JoinRequest): Promise<{ reason: LeaveReason }> {
    return Promise.reject(
      new Error('FakeConferenceRooms places no calls: tests add participants with addParticipant()'),
    );
  }

  rooms(): RoomSnapshot[] {
    // Copies, as the runtime hands out snapshots: a caller keeping one must not see later changes.
    return [...this.live.values()].map((room) => ({
      ...room,
      participants: room.participants.map((participant) => ({ ...participant })),
    }));
  }

  subscribe(listener: (rooms: RoomSnapshot[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async setMuted(room: string, participantId: string, muted: boolean): Promise<void> {
    this.record({ method: 'setMuted', room, participantId, muted });
    this.participant(room, participantId).muted = muted;
    this.changed();
  }

  async kick(room: string, participantId: string): Promise<void> {
    this.record({ method: 'kick', room, participantId });
    const leaving = this.participant(room, participantId);
    this.afterLeaveDelay(() => {
      // The test may have reset the rooms meanwhile: only this very caller leaves.
      if (this.live.get(room)?.participants.includes(leaving)) this.removeParticipant(room, participantId);
    });
  }

  async setLocked(room: string, locked: boolean): Promise<void> {
    this.record({ method: 'setLocked', room, locked });
    this.room(room).locked = locked;
    this.changed();
  }

  async startRecording(room: string): Promise<void> {
    this.record({ method: 'startRecording', room });
    this.room(room).recording = true;
    this.changed();
  }

  async stopRecording(room: string): Promise<void> {
    this.record({ method: 'stopRecording', room });
    this.room(room).recording = false;
    this.changed();
  }

  async end(room: string): Promise<void> {
    this.record({ method: 'end', room });
    const ending = this.room(room);
    this.afterLeaveDelay(() => {
      if (this.live.get(room) !== ending) return; // reset and opened again meanwhile: another conference
      this.live.delete(room);
      this.changed();
    });
  }

  // --- inside ---

  private record(call: FakeRoomCall): void {
    this.calls.push(call);
    const failure = this.failNextAction;
    if (failure) {
      this.failNextAction = null;
      throw failure;
    }
  }

  private afterLeaveDelay(leave: () => void): void {
    if (this.leaveDelayMs === null) leave();
    else setTimeout(leave, this.leaveDelayMs);
  }

  private room(number: string): RoomSnapshot {
    const room = this.live.get(number);
    if (!room) throw new Error(`fake: no room ${number}`);
    return room;
  }

  private participant(room: string, participantId: string): ParticipantSnapshot {
    const participant = this.room(room).participants.find((candidate) => candidate.id === participantId);
    if (!participant) throw new Error(`fake: no participant ${participantId} in room ${room}`);
    return participant;
  }

  private changed(): void {
    const rooms = this.rooms();
    for (const listener of this.listeners) listener(rooms);
  }
}
