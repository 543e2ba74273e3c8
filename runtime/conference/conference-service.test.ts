import { describe, expect, it, vi } from 'vitest';
import { conferenceNode } from '#flows/nodes/conference.ts';
import { log } from '../log.ts';
import { MemoryPromptSource } from '../memory-ports.ts';
import { SimulatedCall } from '../simulated-call.ts';
import type { ConferenceOptions, ConferenceRole, LeaveReason, RoomSnapshot } from './conference-rooms.ts';
import { ConferenceService } from './conference-service.ts';
import { MemoryConferenceMedia, MemoryNameStore } from './memory-media.ts';
import { MemoryRecordingLog } from './recording-log.ts';

function options(overrides: Partial<ConferenceOptions> = {}): ConferenceOptions {
  return conferenceNode.data.parse({
    ...conferenceNode.defaults(),
    announceCount: false,
    ...overrides,
  }) as ConferenceOptions;
}

function setUp() {
  const media = new MemoryConferenceMedia();
  const recordings = new MemoryRecordingLog();
  const prompts = new MemoryPromptSource();
  const names = new MemoryNameStore();
  const service = new ConferenceService({ media, prompts, recordings, names, logger: log });
  let calls = 0;
  const join = (roomOptions: ConferenceOptions, role: ConferenceRole = 'participant') => {
    calls += 1;
    const call = new SimulatedCall({
      id: `chan-${calls}`,
      dialledNumber: roomOptions.room,
      caller: { number: `060000000${calls}`, name: `Caller ${calls}` },
    });
    const stop = new AbortController();
    const left: Promise<{ reason: LeaveReason }> = service.join({
      call,
      options: roomOptions,
      role,
      signal: stop.signal,
    });
    return { call, left, id: call.id };
  };
  const room = (number = '7000'): RoomSnapshot | undefined =>
    service.rooms().find((candidate) => candidate.number === number);
  const participant = (id: string, number = '7000') =>
    room(number)?.participants.find((candidate) => candidate.id === id);
  return { media, recordings, prompts, names, service, join, room, participant };
}

describe('conference rooms', () => {
  it('keeps participants in music until the moderator comes, then mixes everyone in one bridge', async () => {
    // GIVEN a room that waits for its moderator, and a participant who dials in first
    const { media, join, participant } = setUp();
    const room = options({ waitForModerator: true, moderatorPin: '4321' });
    const first = join(room);
    // THEN the participant hears music and is not mixed
    await vi.waitFor(() => expect(participant(first.id)?.waiting).toBe(true));
    expect(media.channelsWithMusic.has(first.id)).toBe(true);
    expect(media.bridgeOfRoom('7000')).toBeUndefined();
    // WHEN the moderator joins
    const moderator = join(room, 'moderator');
    // THEN both are in the room's one bridge, the music is off, the snapshot says so
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(2));
    expect(media.channelsWithMusic.size).toBe(0);
    expect(media.bridgeOfRoom('7000')?.music).toBe(false);
    expect(participant(first.id)).toMatchObject({ waiting: false, role: 'participant' });
    expect(participant(moderator.id)).toMatchObject({ waiting: false, role: 'moderator' });
    first.call.hangUp();
    moderator.call.hangUp();
    expect(await first.left).toEqual({ reason: 'hung-up' });
  });

  it('plays music to someone alone, stops it when a second caller joins, and announces the newcomer', async () => {
    // GIVEN a room with music when alone and generic announcements
    const { media, join, prompts } = setUp();
    const room = options();
    const first = join(room);
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.music).toBe(true));
    // WHEN a second caller joins
    const second = join(room);
    // THEN the music stops and the room hears that someone joined
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(2));
    expect(media.bridgeOfRoom('7000')?.music).toBe(false);
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.played).toHaveLength(1));
    expect(prompts.prepared.map((prompt) => prompt.text)).toContain('Un participant a rejoint la conférence.');
    // AND when the second leaves, the first is alone again, with music
    second.call.hangUp();
    await second.left;
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.music).toBe(true));
    first.call.hangUp();
    await first.left;
  });

  it('tells a joining caller how many are there when announceCount is on', async () => {
    // GIVEN a room that announces the count, with one person in it
    const { join, media } = setUp();
    const room = options({ announceCount: true });
    const first = join(room);
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(1));
    // WHEN another caller joins
    const second = join(room);
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(2));
    // THEN each heard the count as it was when they came in
    expect(first.call.playedTexts()).toEqual(['Vous êtes le seul participant.']);
    expect(second.call.playedTexts()).toEqual(['Il y a une autre personne dans la conférence.']);
    first.call.hangUp();
    second.call.hangUp();
    await Promise.all([first.left, second.left]);
  });

  it('refuses a caller beyond max members with `full`', async () => {
    // GIVEN a room of at most 2, with 2 in it
    const { join, room } = setUp();
    const small = options({ maxMembers: 2 });
    const a = join(small);
    const b = join(small);
    // WHEN a third caller dials in
    const c = join(small);
    // THEN the third never enters
    expect(await c.left).toEqual({ reason: 'full' });
    expect(room()?.participants.map((participant) => participant.id)).toEqual([a.id, b.id]);
    a.call.hangUp();
    b.call.hangUp();
    await Promise.all([a.left, b.left]);
  });

  it('refuses participants of a locked room but lets a moderator in', async () => {
    // GIVEN a live room, locked
    const { service, join, room } = setUp();
    const roomOptions = options({ moderatorPin: '4321' });
    const a = join(roomOptions);
    await vi.waitFor(() => expect(room()).toBeDefined());
    await service.setLocked('7000', true);
    expect(room()?.locked).toBe(true);
    // WHEN a participant and a moderator dial in
    const refused = join(roomOptions);
    const moderator = join(roomOptions, 'moderator');
    // THEN the participant is refused, the moderator is in
    expect(await refused.left).toEqual({ reason: 'locked' });
    await vi.waitFor(() => expect(room()?.participants).toHaveLength(2));
    a.call.hangUp();
    moderator.call.hangUp();
    await Promise.all([a.left, moderator.left]);
  });

  it('mutes and unmutes a participant, and mutes participants on join when asked', async () => {
    // GIVEN a room that mutes participants on join, with a moderator and a participant
    const { service, media, join, participant } = setUp();
    const roomOptions = options({ muteOnJoin: true, moderatorPin: '4321' });
    const moderator = join(roomOptions, 'moderator');
    const guest = join(roomOptions);
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(2));
    // THEN only the participant starts muted
    expect(participant(guest.id)?.muted).toBe(true);
    expect(participant(moderator.id)?.muted).toBe(false);
    expect([...media.mutedChannels]).toEqual([guest.id]);
    // WHEN staff unmute them, then mute the moderator
    await service.setMuted('7000', guest.id, false);
    await service.setMuted('7000', moderator.id, true);
    // THEN the media and the snapshot follow
    expect([...media.mutedChannels]).toEqual([moderator.id]);
    expect(participant(guest.id)?.muted).toBe(false);
    expect(participant(moderator.id)?.muted).toBe(true);
    await expect(service.setMuted('7000', 'nobody', true)).rejects.toThrow(
      'Conference room 7000 has no participant nobody',
    );
    await expect(service.setMuted('7999', guest.id, true)).rejects.toThrow('There is no live conference room 7999');
    moderator.call.hangUp();
    guest.call.hangUp();
    await Promise.all([moderator.left, guest.left]);
    expect(media.bridges.size).toBe(0);
  });

  it('kicks a participant: their stay ends with `kicked` and they leave the bridge', async () => {
    // GIVEN two callers in a room
    const { service, media, join } = setUp();
    const a = join(options());
    const b = join(options());
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(2));
    // WHEN staff kick b
    await service.kick('7000', b.id);
    // THEN
    expect(await b.left).toEqual({ reason: 'kicked' });
    expect([...media.bridgeOfRoom('7000')!.channels]).toEqual([a.id]);
    a.call.hangUp();
    await a.left;
  });

  it('ends the conference for everyone when the last moderator leaves (endWhenLastModeratorLeaves)', async () => {
    // GIVEN a moderator and two participants
    const { media, join, room } = setUp();
    const roomOptions = options({ waitForModerator: true, moderatorPin: '4321', endWhenLastModeratorLeaves: true });
    const a = join(roomOptions);
    const b = join(roomOptions);
    const moderator = join(roomOptions, 'moderator');
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(3));
    // WHEN the moderator hangs up
    moderator.call.hangUp();
    // THEN the others leave with `ended`, the bridge is destroyed and the room is gone
    expect(await a.left).toEqual({ reason: 'ended' });
    expect(await b.left).toEqual({ reason: 'ended' });
    await vi.waitFor(() => expect(room()).toBeUndefined());
    expect(media.bridges.size).toBe(0);
    expect(media.destroyed).toHaveLength(1);
  });

  it('puts participants back in music when the last moderator leaves a waiting room without ending it', async () => {
    // GIVEN a moderator and a participant in a room that waits for its moderator
    const { media, join, participant } = setUp();
    const roomOptions = options({ waitForModerator: true, moderatorPin: '4321' });
    const moderator = join(roomOptions, 'moderator');
    const guest = join(roomOptions);
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(2));
    // WHEN the moderator leaves
    moderator.call.hangUp();
    await moderator.left;
    // THEN the participant waits again, hearing music
    await vi.waitFor(() => expect(participant(guest.id)?.waiting).toBe(true));
    expect(media.channelsWithMusic.has(guest.id)).toBe(true);
    guest.call.hangUp();
    expect(await guest.left).toEqual({ reason: 'hung-up' });
  });

  it('records a room from its start to its end, into the file the log chose', async () => {
    // GIVEN a room with the record option
    const { media, recordings, join, room } = setUp();
    const a = join(options({ record: true }));
    await vi.waitFor(() => expect(room()?.recording).toBe(true));
    expect(media.bridgeOfRoom('7000')?.recording).toBe('7000-rec-1');
    // WHEN the last caller leaves
    a.call.hangUp();
    await a.left;
    // THEN the audio was saved where the log said and the log knows the end
    expect(media.savedRecordings).toEqual([{ name: '7000-rec-1', path: '/recordings/7000-rec-1.wav' }]);
    expect(recordings.recordings[0]).toMatchObject({ room: '7000', endedAt: expect.any(Number) });
  });

  it('starts and stops a recording on demand', async () => {
    // GIVEN a live room without the record option
    const { service, media, recordings, join, room } = setUp();
    const a = join(options());
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')).toBeDefined());
    // WHEN staff start then stop recording
    await service.startRecording('7000');
    expect(room()?.recording).toBe(true);
    await service.stopRecording('7000');
    // THEN one finished recording
    expect(room()?.recording).toBe(false);
    expect(recordings.recordings).toHaveLength(1);
    expect(media.savedRecordings).toHaveLength(1);
    a.call.hangUp();
    await a.left;
  });

  it('shows who is talking and tells subscribers', async () => {
    // GIVEN a room with talk detection and a subscriber
    const { service, media, join, participant } = setUp();
    const seen: boolean[] = [];
    const a = join(options({ talkDetection: true }));
    await vi.waitFor(() => expect(media.talkDetected.has(a.id)).toBe(true));
    const unsubscribe = service.subscribe((rooms) => seen.push(rooms[0]?.participants[0]?.talking ?? false));
    // WHEN the caller talks, then stops
    media.talk(a.id, true);
    expect(participant(a.id)?.talking).toBe(true);
    media.talk(a.id, false);
    // THEN the snapshot followed and the subscriber saw both changes
    expect(participant(a.id)?.talking).toBe(false);
    expect(seen).toEqual([true, false]);
    unsubscribe();
    a.call.hangUp();
    await a.left;
  });

  it('ends a room for everyone on demand, and cleans up when the last one leaves', async () => {
    // GIVEN two callers
    const { service, media, join, room } = setUp();
    const a = join(options());
    const b = join(options());
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(2));
    // WHEN staff end the conference
    await service.end('7000');
    // THEN both leave with `ended`, the bridge is gone
    expect(await a.left).toEqual({ reason: 'ended' });
    expect(await b.left).toEqual({ reason: 'ended' });
    await vi.waitFor(() => expect(room()).toBeUndefined());
    expect(media.bridges.size).toBe(0);
  });

  it('never waits for a moderator in a room without a moderator PIN', async () => {
    // GIVEN waitForModerator but no way to be a moderator
    const { media, join, participant } = setUp();
    const a = join(options({ waitForModerator: true }));
    // THEN the caller is mixed at once
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(1));
    expect(participant(a.id)?.waiting).toBe(false);
    a.call.hangUp();
    await a.left;
  });

  it("records the caller's name before entering and announces it (announceJoinLeave: recorded-name)", async () => {
    // GIVEN a room announcing recorded names, with someone in it
    const { media, join, names } = setUp();
    const roomOptions = options({ announceJoinLeave: 'recorded-name' });
    const first = join(roomOptions);
    await first.call.waitingFor('record');
    first.call.pressKeys('#');
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.size).toBe(1));
    // WHEN a second caller says their name and enters
    const second = join(roomOptions);
    await second.call.waitingFor('record');
    expect(second.call.playedTexts()).toEqual(['Après le bip, dites votre nom, puis appuyez sur dièse.']);
    second.call.pressKeys('#');
    // THEN the room hears that name, then "a rejoint la conférence."
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.played).toHaveLength(2));
    const played = media.bridgeOfRoom('7000')!.played;
    expect(played[0]).toEqual({ kind: 'prompt', hash: 'name-2', text: '(nom enregistré 2)' });
    expect(played[1]).toMatchObject({ text: 'a rejoint la conférence.' });
    expect(names.saved).toHaveLength(2);
    // AND when they leave, the first hears the name then "a quitté la conférence."
    second.call.hangUp();
    await second.left;
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.played).toHaveLength(4));
    expect(
      media
        .bridgeOfRoom('7000')!
        .played.slice(2)
        .map((media) => ('text' in media ? media.text : '')),
    ).toEqual(['(nom enregistré 2)', 'a quitté la conférence.']);
    first.call.hangUp();
    await first.left;
  });

  it('keeps the room for a caller who dials in while its bridge is being destroyed', async () => {
    // GIVEN a room whose bridge takes a while to go
    const { media, join, room } = setUp();
    const destroy = media.destroyBridge.bind(media);
    let destroying!: () => void;
    const destroyStarted = new Promise<void>((resolve) => (destroying = resolve));
    media.destroyBridge = async (bridgeId) => {
      destroying();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await destroy(bridgeId);
    };
    const a = join(options());
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')).toBeDefined());
    // WHEN the last caller leaves and another dials in while the bridge goes
    a.call.hangUp();
    await destroyStarted;
    const b = join(options());
    // THEN the newcomer is in the room, in a new bridge
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.has(b.id)).toBe(true));
    expect(room()?.participants.map((participant) => participant.id)).toEqual([b.id]);
    b.call.hangUp();
    await b.left;
    await vi.waitFor(() => expect(room()).toBeUndefined());
  });
});

describe('conference rooms after a runtime restart', () => {
  it('takes back the bridge callers are still mixed in: no greeting, no new bridge, and the room works as before', async () => {
    // GIVEN a bridge a previous run made, with two callers still in it, and a new service that knows nothing of it
    const { media, service, prompts, room } = setUp();
    const roomOptions = options({ announceJoinLeave: 'generic' });
    const bridgeId = await media.createBridge('7000');
    await media.addChannel(bridgeId, 'chan-a');
    await media.addChannel(bridgeId, 'chan-b');
    const resume = (id: string) => {
      const call = new SimulatedCall({ id, dialledNumber: '7000' });
      const left = service.join({
        call,
        options: roomOptions,
        role: 'participant',
        signal: new AbortController().signal,
        resumed: { bridgeId },
      });
      return { call, left };
    };
    // WHEN both are taken back
    const a = resume('chan-a');
    const b = resume('chan-b');
    // THEN the room is live again on that bridge, with both, and nobody heard a greeting or an announcement
    await vi.waitFor(() =>
      expect(
        room()
          ?.participants.map((p) => p.id)
          .sort(),
      ).toEqual(['chan-a', 'chan-b']),
    );
    expect(service.liveBridgeIds()).toEqual(new Set([bridgeId]));
    expect([...media.bridges.keys()]).toEqual([bridgeId]);
    expect(prompts.prepared).toEqual([]);
    expect(a.call.playedTexts()).toEqual([]);
    // AND when both leave, the room closes and the bridge goes, as for any room
    a.call.hangUp();
    b.call.hangUp();
    expect(await a.left).toEqual({ reason: 'hung-up' });
    await b.left;
    expect(media.destroyed).toEqual([bridgeId]);
    expect(room()).toBeUndefined();
  });

  it('a caller taken back who is no longer mixed enters the room again', async () => {
    const { media, service, participant } = setUp();
    const roomOptions = options();
    const call = new SimulatedCall({ id: 'chan-a', dialledNumber: '7000' });
    const left = service.join({
      call,
      options: roomOptions,
      role: 'participant',
      signal: new AbortController().signal,
      resumed: { bridgeId: null },
    });
    await vi.waitFor(() => expect(media.bridgeOfRoom('7000')?.channels.has('chan-a')).toBe(true));
    expect(participant('chan-a')).toMatchObject({ waiting: false });
    call.hangUp();
    await left;
  });
});
