// The conference rooms of one runtime: ConfBridge's behaviour (waiting for a moderator, music when alone, counts,
// join/leave announcements, mute, lock, kick, end with the last moderator, recording, talk detection) provided on top
// of plain mixing bridges through a ConferenceMedia. One bridge per live room, created when the first member is mixed
// and destroyed when the room empties. Changes to one room run one at a time (a small promise queue), so two callers
// arriving together cannot create two bridges or both take the last seat. See docs/decisions/ and docs/conference.md.
import type { CallPort, PromptMedia } from '../call-port.ts';
import type { Logger } from '../log.ts';
import type { PromptSource, PromptSpec } from '../ports.ts';
import { conferencePrompt, othersPrompt } from './conference-messages.ts';
import type { BridgeRecording, ConferenceMedia } from './conference-media.ts';
import type {
  ConferenceOptions,
  ConferenceRole,
  ConferenceRooms,
  JoinRequest,
  LeaveReason,
  ParticipantSnapshot,
  RoomSnapshot,
} from './conference-rooms.ts';
import type { ConferenceRecordingLog } from './recording-log.ts';

/** Keeps a caller's recorded name where the media layer can play it from (the prompt files Asterisk fetches). */
export interface RecordedNameStore {
  save(audio: Uint8Array): Promise<PromptMedia>;
}

export interface ConferenceServiceDeps {
  media: ConferenceMedia;
  prompts: PromptSource;
  recordings: ConferenceRecordingLog;
  /** Needed for `announceJoinLeave: recorded-name`; without it such rooms announce like `generic`. */
  names?: RecordedNameStore;
  logger: Logger;
  now?: () => number;
}

/** ConfBridge records up to this much of the caller's name. */
const NAME_MAX_SECONDS = 3;

interface Member {
  id: string;
  call: CallPort;
  role: ConferenceRole;
  callerNumber: string;
  callerName: string;
  joinedAt: number;
  muted: boolean;
  talking: boolean;
  /** Kept out of the mix, hearing music, until a moderator arrives. */
  waiting: boolean;
  /** In the room's bridge (mixed with the others). */
  inBridge: boolean;
  /** The caller's name as they said it (announceJoinLeave: recorded-name), or null. */
  name: PromptMedia | null;
  /** Ends the member's stay; the first reason wins. */
  leave(reason: LeaveReason): void;
}

interface Room {
  number: string;
  name: string;
  /** The options of the caller who opened the room: later callers (another flow version) join on its terms. */
  options: ConferenceOptions;
  startedAt: number;
  locked: boolean;
  bridgeId: string | null;
  bridgeMusic: boolean;
  recording: { id: string; audioPath: string; handle: BridgeRecording } | null;
  members: Map<string, Member>;
  /** The tail of the room's queue of changes. */
  queue: Promise<void>;
}

export class ConferenceService implements ConferenceRooms {
  private readonly rooms_ = new Map<string, Room>();
  private readonly listeners = new Set<(rooms: RoomSnapshot[]) => void>();
  private readonly now: () => number;
  private readonly stopTalkEvents: () => void;

  constructor(private readonly deps: ConferenceServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.stopTalkEvents = deps.media.onTalking((channelId, talking) => this.onTalking(channelId, talking));
  }

  /** Bridges of live rooms (the ARI resync keeps these and destroys any other bridge this app made). */
  liveBridgeIds(): Set<string> {
    return new Set([...this.rooms_.values()].map((room) => room.bridgeId).filter((id): id is string => id !== null));
  }

  async join({ call, options, role, signal, resumed }: JoinRequest): Promise<{ reason: LeaveReason }> {
    const existing = this.rooms_.get(options.room);
    // A caller taken back after a restart had their seat already: a lock or a full room does not put them out.
    if (!resumed && existing?.locked && role !== 'moderator') return { reason: 'locked' };
    if (!resumed && existing && existing.members.size >= existing.options.maxMembers) return { reason: 'full' };
    const room = existing ?? this.openRoom(options);
    if (resumed?.bridgeId && room.bridgeId === null) {
      room.bridgeId = resumed.bridgeId;
      this.deps.media.adoptBridge?.(resumed.bridgeId);
    }

    let settle!: (reason: LeaveReason) => void;
    const left = new Promise<LeaveReason>((resolve) => (settle = resolve));
    let leaveReason: LeaveReason | null = null;
    const member: Member = {
      id: call.id,
      call,
      role,
      callerNumber: call.caller.number,
      callerName: call.caller.name,
      joinedAt: this.now(),
      muted: room.options.muteOnJoin && role === 'participant',
      talking: false,
      waiting: false,
      inBridge: false,
      name: null,
      leave: (reason) => {
        if (leaveReason !== null) return;
        leaveReason = reason;
        settle(reason);
      },
    };
    // The seat is taken at once (synchronously after the checks above), so the room can never overflow.
    room.members.set(member.id, member);
    this.changed();

    const onGone = () => member.leave('hung-up');
    call.hangupSignal.addEventListener('abort', onGone, { once: true });
    signal.addEventListener('abort', onGone, { once: true });
    try {
      if (!call.hangupSignal.aborted && !signal.aborted) {
        if (resumed) {
          await this.change(room, () => this.reenter(room, member, resumed.bridgeId));
        } else {
          if (room.options.announceJoinLeave === 'recorded-name')
            member.name = await this.recordName(room, member, signal);
          await this.greet(room, member, signal);
          await this.prepareChannel(room, member);
          await this.change(room, () => this.enter(room, member));
        }
      }
      const reason = leaveReason ?? (await left);
      return { reason };
    } catch (error) {
      member.leave('hung-up');
      if (call.hangupSignal.aborted) return { reason: 'hung-up' };
      throw error;
    } finally {
      call.hangupSignal.removeEventListener('abort', onGone);
      signal.removeEventListener('abort', onGone);
      await this.change(room, () => this.exit(room, member, leaveReason ?? 'hung-up'));
    }
  }

  rooms(): RoomSnapshot[] {
    return [...this.rooms_.values()].map(snapshotOf);
  }

  subscribe(listener: (rooms: RoomSnapshot[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async setMuted(roomNumber: string, participantId: string, muted: boolean): Promise<void> {
    const room = this.room(roomNumber);
    await this.change(room, async () => {
      const member = this.member(room, participantId);
      if (member.muted === muted) return;
      await this.deps.media.setMuted(member.id, muted);
      member.muted = muted;
      this.changed();
    });
  }

  async kick(roomNumber: string, participantId: string): Promise<void> {
    const room = this.room(roomNumber);
    this.member(room, participantId).leave('kicked');
  }

  async setLocked(roomNumber: string, locked: boolean): Promise<void> {
    const room = this.room(roomNumber);
    if (room.locked === locked) return;
    room.locked = locked;
    this.changed();
  }

  async startRecording(roomNumber: string): Promise<void> {
    const room = this.room(roomNumber);
    await this.change(room, () => this.startRoomRecording(room));
  }

  async stopRecording(roomNumber: string): Promise<void> {
    const room = this.room(roomNumber);
    await this.change(room, () => this.stopRoomRecording(room));
  }

  async end(roomNumber: string): Promise<void> {
    const room = this.room(roomNumber);
    for (const member of room.members.values()) member.leave('ended');
  }

  /** Ends every room (runtime stopping): members leave with `ended`, bridges go. */
  async close(): Promise<void> {
    this.stopTalkEvents();
    const rooms = [...this.rooms_.values()];
    for (const room of rooms) for (const member of room.members.values()) member.leave('ended');
    await Promise.allSettled(rooms.map((room) => room.queue));
  }

  // ----- one room's changes (always inside change()) -----

  private openRoom(options: ConferenceOptions): Room {
    const room: Room = {
      number: options.room,
      name: options.name,
      options,
      startedAt: this.now(),
      locked: false,
      bridgeId: null,
      bridgeMusic: false,
      recording: null,
      members: new Map(),
      queue: Promise.resolve(),
    };
    this.rooms_.set(room.number, room);
    return room;
  }

  /** What the caller hears alone before entering: that the moderator is awaited, or how many are there. */
  private async greet(room: Room, member: Member, signal: AbortSignal): Promise<void> {
    const language = room.options.language;
    if (this.mustWait(room, member)) {
      await this.say(member, conferencePrompt('waitForModerator', language), signal);
    } else if (room.options.announceCount) {
      await this.say(member, othersPrompt(this.mixed(room).length, language), signal);
    }
  }

  /** What concerns the caller's channel alone, done outside the room's queue so a crowd joins faster. */
  private async prepareChannel(room: Room, member: Member): Promise<void> {
    const { media } = this.deps;
    if (room.options.talkDetection)
      await media.enableTalkDetection(member.id).catch((error: unknown) => this.warn(room, 'talk detection', error));
    if (member.muted) await media.setMuted(member.id, true);
  }

  private async enter(room: Room, member: Member): Promise<void> {
    if (member.call.hangupSignal.aborted || !room.members.has(member.id)) return;
    const { media } = this.deps;
    if (this.mustWait(room, member)) {
      await media.startWaiting(room.number, member.id);
      member.waiting = true;
      this.changed();
      return;
    }
    const othersBefore = this.mixed(room).length;
    await this.mix(room, member);
    if (member.role === 'moderator') {
      // The moderator opens the conference for everyone who waited (ConfBridge's wait_marked users).
      for (const waiting of [...room.members.values()].filter((candidate) => candidate.waiting))
        await this.mix(room, waiting);
    }
    await this.updateMusic(room);
    this.changed();
    if (othersBefore > 0) this.announceMember(room, member, 'joined');
  }

  /**
   * A member taken back after a runtime restart: still in the room's bridge, they are simply counted in again (no
   * greeting, no announcement); otherwise they enter as anyone would (waiting again for the moderator, say).
   */
  private async reenter(room: Room, member: Member, bridgeId: string | null): Promise<void> {
    if (member.call.hangupSignal.aborted || !room.members.has(member.id)) return;
    if (bridgeId === null || room.bridgeId !== bridgeId) return this.enter(room, member);
    member.inBridge = true;
    await this.updateMusic(room).catch((error: unknown) => this.warn(room, 'music', error));
    this.changed();
  }

  private async exit(room: Room, member: Member, reason: LeaveReason): Promise<void> {
    const { media } = this.deps;
    const alive = !member.call.hangupSignal.aborted;
    room.members.delete(member.id);
    // Even after a hangup: the media keeps the room's waiting place until its last waiter is gone.
    if (member.waiting)
      await media.stopWaiting(room.number, member.id).catch((error: unknown) => this.warn(room, 'stop waiting', error));
    if (alive && member.inBridge && room.bridgeId) {
      await media
        .removeChannel(room.bridgeId, member.id)
        .catch((error: unknown) => this.warn(room, 'remove channel', error));
    }
    // A muted caller who goes on in the flow must be heard again.
    if (alive && member.muted)
      await media.setMuted(member.id, false).catch((error: unknown) => this.warn(room, 'unmute', error));
    member.inBridge = false;
    member.waiting = false;

    if (member.role === 'moderator' && reason !== 'ended' && this.moderatorsPresent(room) === 0) {
      if (room.options.endWhenLastModeratorLeaves) {
        for (const other of room.members.values()) other.leave('ended');
      } else if (this.waitsForModerator(room)) {
        // Back to waiting until a moderator returns, as ConfBridge does for wait_marked users.
        for (const other of this.mixed(room)) await this.unmix(room, other);
      }
    }

    if (room.members.size === 0) {
      await this.closeRoom(room);
    } else {
      await this.updateMusic(room);
      if (reason !== 'ended' && this.mixed(room).length > 0) this.announceMember(room, member, 'left');
    }
    this.changed();
  }

  private async closeRoom(room: Room): Promise<void> {
    await this.stopRoomRecording(room).catch((error: unknown) => this.warn(room, 'stop recording', error));
    if (room.bridgeId)
      await this.deps.media
        .destroyBridge(room.bridgeId)
        .catch((error: unknown) => this.warn(room, 'destroy bridge', error));
    room.bridgeId = null;
    room.bridgeMusic = false;
    // A caller who dialled in while the bridge was going keeps the room (their entry makes a new bridge).
    if (room.members.size === 0 && this.rooms_.get(room.number) === room) this.rooms_.delete(room.number);
  }

  private async mix(room: Room, member: Member): Promise<void> {
    if (member.call.hangupSignal.aborted) return;
    if (member.waiting)
      await this.deps.media
        .stopWaiting(room.number, member.id)
        .catch((error: unknown) => this.warn(room, 'stop waiting', error));
    const bridgeId = await this.bridgeOf(room);
    await this.deps.media.addChannel(bridgeId, member.id);
    member.waiting = false;
    member.inBridge = true;
  }

  private async unmix(room: Room, member: Member): Promise<void> {
    if (room.bridgeId)
      await this.deps.media
        .removeChannel(room.bridgeId, member.id)
        .catch((error: unknown) => this.warn(room, 'remove channel', error));
    member.inBridge = false;
    await this.deps.media
      .startWaiting(room.number, member.id)
      .catch((error: unknown) => this.warn(room, 'start waiting', error));
    member.waiting = true;
  }

  private async bridgeOf(room: Room): Promise<string> {
    if (room.bridgeId) return room.bridgeId;
    room.bridgeId = await this.deps.media.createBridge(room.number);
    if (room.options.record)
      await this.startRoomRecording(room).catch((error: unknown) => this.warn(room, 'start recording', error));
    return room.bridgeId;
  }

  /** Music for the one member mixed alone (ConfBridge's music_on_hold_when_empty); silence as soon as two talk. */
  private async updateMusic(room: Room): Promise<void> {
    if (!room.bridgeId) return;
    const wanted = room.options.musicWhenAlone && this.mixed(room).length === 1;
    if (wanted === room.bridgeMusic) return;
    if (wanted) await this.deps.media.startBridgeMusic(room.bridgeId);
    else await this.deps.media.stopBridgeMusic(room.bridgeId);
    room.bridgeMusic = wanted;
  }

  private async startRoomRecording(room: Room): Promise<void> {
    if (room.recording) return;
    const bridgeId = await this.bridgeOf(room);
    if (room.recording) return; // bridgeOf may have started it (record option)
    const started = this.deps.recordings.started(
      { number: room.number, name: room.name, options: room.options },
      this.now(),
    );
    const handle = await this.deps.media.startRecording(bridgeId, `${room.number}-${started.id}`);
    room.recording = { ...started, handle };
    this.changed();
  }

  private async stopRoomRecording(room: Room): Promise<void> {
    const recording = room.recording;
    if (!recording) return;
    room.recording = null;
    try {
      await recording.handle.stop(recording.audioPath);
    } finally {
      this.deps.recordings.finished(recording.id, this.now());
      this.changed();
    }
  }

  /** "Un participant a rejoint…", or the caller's recorded name then "a rejoint…". */
  private announceMember(room: Room, member: Member, what: 'joined' | 'left'): void {
    const { announceJoinLeave, language } = room.options;
    if (announceJoinLeave === 'off') return;
    if (member.name)
      this.announce(room, [member.name, conferencePrompt(what === 'joined' ? 'nameJoined' : 'nameLeft', language)]);
    else this.announce(room, [conferencePrompt(what, language)]);
  }

  /** Announcements to the room are best effort and never hold up the room's queue. */
  private announce(room: Room, parts: (PromptSpec | PromptMedia)[]): void {
    const bridgeId = room.bridgeId;
    if (!bridgeId) return;
    const play = async () => {
      for (const part of parts) {
        const media = 'kind' in part ? part : await this.deps.prompts.prepare(part, AbortSignal.timeout(10_000));
        // The room may have emptied meanwhile: its bridge is gone, nobody is left to hear it.
        if (room.bridgeId !== bridgeId) return;
        await this.deps.media.playOnBridge(bridgeId, media);
      }
    };
    play().catch((error: unknown) => {
      if (room.bridgeId === bridgeId) this.warn(room, 'announcement', error); // else: the room closed while it played
    });
  }

  /** ConfBridge's announce_join_leave: the caller says their name after the beep, before entering. */
  private async recordName(room: Room, member: Member, signal: AbortSignal): Promise<PromptMedia | null> {
    if (!this.deps.names) return null;
    await this.say(member, conferencePrompt('recordName', room.options.language), signal);
    const recorded = await member.call.record({
      maxSeconds: NAME_MAX_SECONDS,
      silenceSeconds: 2,
      beep: true,
      terminator: '#',
      signal,
    });
    if (!recorded.audio || recorded.ended === 'hung-up') return null;
    return this.deps.names.save(recorded.audio).catch((error: unknown) => {
      this.warn(room, 'saving a recorded name', error);
      return null;
    });
  }

  private async say(member: Member, prompt: PromptSpec, signal: AbortSignal): Promise<void> {
    const media = await this.deps.prompts.prepare(prompt, signal);
    await member.call.play(media, { bargeIn: false, signal });
  }

  private mustWait(room: Room, member: Member): boolean {
    return member.role === 'participant' && this.waitsForModerator(room) && this.moderatorsPresent(room, member) === 0;
  }

  /** Waiting needs someone able to end it: a room without a moderator PIN never waits. */
  private waitsForModerator(room: Room): boolean {
    return room.options.waitForModerator && room.options.moderatorPin !== undefined;
  }

  private moderatorsPresent(room: Room, except?: Member): number {
    return [...room.members.values()].filter(
      (member) => member.role === 'moderator' && member !== except && member.inBridge,
    ).length;
  }

  private mixed(room: Room): Member[] {
    return [...room.members.values()].filter((member) => member.inBridge);
  }

  private change(room: Room, work: () => Promise<void>): Promise<void> {
    const run = room.queue.then(work);
    room.queue = run.catch(() => {});
    return run;
  }

  private room(number: string): Room {
    const room = this.rooms_.get(number);
    if (!room) throw new Error(`There is no live conference room ${number}`);
    return room;
  }

  private member(room: Room, participantId: string): Member {
    const member = room.members.get(participantId);
    if (!member) throw new Error(`Conference room ${room.number} has no participant ${participantId}`);
    return member;
  }

  private onTalking(channelId: string, talking: boolean): void {
    for (const room of this.rooms_.values()) {
      const member = room.members.get(channelId);
      if (member && member.talking !== talking) {
        member.talking = talking;
        this.changed();
      }
    }
  }

  private changed(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.rooms();
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        this.deps.logger.warn(`A conference listener failed: ${String(error)}`);
      }
    }
  }

  private warn(room: Room, what: string, error: unknown): void {
    this.deps.logger.warn(
      `Conference ${room.number}: ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function snapshotOf(room: Room): RoomSnapshot {
  return {
    number: room.number,
    name: room.name,
    locked: room.locked,
    recording: room.recording !== null,
    startedAt: room.startedAt,
    participants: [...room.members.values()].map((member): ParticipantSnapshot => ({
      id: member.id,
      callerNumber: member.callerNumber,
      callerName: member.callerName,
      role: member.role,
      joinedAt: member.joinedAt,
      muted: member.muted,
      talking: member.talking,
      waiting: member.waiting,
    })),
  };
}
