import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getConferenceRecording, listConferenceRecordings } from './conference-recordings.ts';
import { conferenceRecordings, conferenceRooms } from './schema.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';

let temp: TempDatabase;

beforeEach(() => {
  temp = openTempDatabase();
  // Written here the way the conference runtime writes them: a room row, then one row per recording.
  temp.db.orm
    .insert(conferenceRooms)
    .values([
      { id: 'conf_a', number: '7000', name: 'Salle « Équipe »', createdAt: 1 },
      { id: 'conf_b', number: '7001', name: 'Direction', createdAt: 1 },
    ])
    .run();
  temp.db.orm
    .insert(conferenceRecordings)
    .values([
      { id: 'rec_1', roomId: 'conf_a', startedAt: 1_000, endedAt: 2_000, audioPath: '/var/rec/one.wav' },
      { id: 'rec_2', roomId: 'conf_b', startedAt: 3_000, endedAt: null, audioPath: '/var/rec/two.wav' },
      { id: 'rec_3', roomId: 'conf_a', startedAt: 5_000, endedAt: 6_000, audioPath: '/var/rec/three.wav' },
    ])
    .run();
});

afterEach(() => temp.dispose());

describe('conference recordings', () => {
  it('lists every recording newest first, with its room number and name', () => {
    const recordings = listConferenceRecordings(temp.db);
    expect(recordings.map((recording) => recording.id)).toEqual(['rec_3', 'rec_2', 'rec_1']);
    expect(recordings[1]).toEqual({
      id: 'rec_2',
      roomId: 'conf_b',
      roomNumber: '7001',
      roomName: 'Direction',
      startedAt: 3_000,
      endedAt: null,
      audioPath: '/var/rec/two.wav',
    });
  });

  it("lists one room's recordings, and at most `limit` of them", () => {
    expect(listConferenceRecordings(temp.db, { roomNumber: '7000' }).map((recording) => recording.id)).toEqual([
      'rec_3',
      'rec_1',
    ]);
    expect(listConferenceRecordings(temp.db, { limit: 1 }).map((recording) => recording.id)).toEqual(['rec_3']);
    expect(listConferenceRecordings(temp.db, { roomNumber: '9999' })).toEqual([]);
    expect(() => listConferenceRecordings(temp.db, { limit: 0 })).toThrow(/limit must be a positive whole number/);
  });

  it('finds one recording by id, or null', () => {
    expect(getConferenceRecording(temp.db, 'rec_1')).toMatchObject({
      roomName: 'Salle « Équipe »',
      audioPath: '/var/rec/one.wav',
    });
    expect(getConferenceRecording(temp.db, 'rec_nope')).toBeNull();
  });
});
