import { beforeEach, describe, expect, it } from 'vitest';
import { FakeConferenceRooms } from '#tests/testing/fake-conference-rooms.ts';
import {
  applyRoomAction,
  ConferenceActionFailedError,
  ConferenceTargetNotFoundError,
  NoConferenceRuntimeError,
  requireConferences,
} from './room-actions.server.ts';

let rooms: FakeConferenceRooms;

beforeEach(() => {
  rooms = new FakeConferenceRooms();
  rooms.openRoom('7000', 'Salle « Équipe »');
  rooms.addParticipant('7000', { id: 'p-alice', callerNumber: '1001', callerName: 'Alice' });
  rooms.addParticipant('7000', { id: 'p-bob', callerNumber: '1002', role: 'moderator' });
});

describe('room actions', () => {
  it('asks the runtime and returns the room as it is afterwards', async () => {
    const after = await applyRoomAction(rooms, { kind: 'mute', room: '7000', participantId: 'p-alice' });
    expect(rooms.calls).toEqual([{ method: 'setMuted', room: '7000', participantId: 'p-alice', muted: true }]);
    expect(after?.participants.find((participant) => participant.id === 'p-alice')?.muted).toBe(true);

    await applyRoomAction(rooms, { kind: 'unmute', room: '7000', participantId: 'p-alice' });
    await applyRoomAction(rooms, { kind: 'lock', room: '7000' });
    await applyRoomAction(rooms, { kind: 'start-recording', room: '7000' });
    await applyRoomAction(rooms, { kind: 'stop-recording', room: '7000' });
    await applyRoomAction(rooms, { kind: 'unlock', room: '7000' });
    expect(
      (await applyRoomAction(rooms, { kind: 'kick', room: '7000', participantId: 'p-bob' }))?.participants,
    ).toHaveLength(1);
    expect(await applyRoomAction(rooms, { kind: 'end', room: '7000' })).toBeNull();
    expect(rooms.calls.map((call) => call.method)).toEqual([
      'setMuted',
      'setMuted',
      'setLocked',
      'startRecording',
      'stopRecording',
      'setLocked',
      'kick',
      'end',
    ]);
  });

  it('answers a kick or an end once the callers have left, as the runtime hangs them up after resolving', async () => {
    rooms.leaveDelayMs = 30;
    const afterKick = await applyRoomAction(rooms, { kind: 'kick', room: '7000', participantId: 'p-alice' });
    expect(afterKick?.participants.map((participant) => participant.id)).toEqual(['p-bob']);
    expect(await applyRoomAction(rooms, { kind: 'end', room: '7000' })).toBeNull();
    expect(rooms.rooms()).toEqual([]);
  });

  it('answers anyway when the callers take too long to leave', async () => {
    rooms.leaveDelayMs = 500;
    const startedAt = Date.now();
    const after = await applyRoomAction(
      rooms,
      { kind: 'kick', room: '7000', participantId: 'p-alice' },
      { settleTimeoutMs: 50 },
    );
    expect(after?.participants).toHaveLength(2);
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('refuses an unknown room or participant without asking the runtime', async () => {
    await expect(applyRoomAction(rooms, { kind: 'lock', room: '7999' })).rejects.toThrow(
      'There is no live room "7999" (a room is live while someone is in it).',
    );
    await expect(applyRoomAction(rooms, { kind: 'kick', room: '7000', participantId: 'p-nobody' })).rejects.toThrow(
      /no participant "p-nobody" in room 7000/,
    );
    // The target travels with the error, for the room view to word it in its reader's language
    await expect(applyRoomAction(rooms, { kind: 'mute', room: '7000', participantId: 'p-nobody' })).rejects.toEqual(
      expect.objectContaining({ target: { room: '7000', participantId: 'p-nobody' } }),
    );
    await expect(applyRoomAction(rooms, { kind: 'lock', room: '7999' })).rejects.toBeInstanceOf(
      ConferenceTargetNotFoundError,
    );
    expect(rooms.calls).toEqual([]);
  });

  it('reports a runtime failure as a failed action, naming what was tried', async () => {
    rooms.failNextAction = new Error('Bridge not found');
    const failure = applyRoomAction(rooms, { kind: 'start-recording', room: '7000' });
    await expect(failure).rejects.toBeInstanceOf(ConferenceActionFailedError);
    await expect(failure).rejects.toThrow(
      'The conference runtime could not start recording room 7000: Bridge not found',
    );
    await expect(failure).rejects.toEqual(
      expect.objectContaining({ action: { kind: 'start-recording', room: '7000' }, reason: 'Bridge not found' }),
    );
  });

  it('says no runtime is attached when there is none', () => {
    expect(() => requireConferences(undefined)).toThrow(NoConferenceRuntimeError);
    expect(requireConferences(rooms)).toBe(rooms);
  });
});
