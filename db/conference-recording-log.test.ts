import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConferenceRecordingLog } from './conference-recording-log.ts';
import { listConferenceRecordings } from './conference-recordings.ts';
import { openTempDatabase, type TempDatabase } from './testing/temp-database.ts';

let temp: TempDatabase;
beforeEach(() => (temp = openTempDatabase()));
afterEach(() => temp.dispose());

describe('conference recording log', () => {
  it('writes a room and a recording row at the start, and the end time at the end', () => {
    // GIVEN the log writing under /srv/rec
    const log = createConferenceRecordingLog(temp.db, '/srv/rec');
    // WHEN room 7000 is recorded twice (renamed in between)
    const first = log.started({ number: '7000', name: 'Salle', options: { record: true } }, 1_000);
    log.finished(first.id, 2_000);
    const second = log.started({ number: '7000', name: 'Salle de réunion', options: {} }, 3_000);
    // THEN both recordings belong to one room row with its latest name, files under the folder
    const listed = listConferenceRecordings(temp.db);
    expect(
      listed.map((recording) => [recording.id, recording.roomNumber, recording.roomName, recording.endedAt]),
    ).toEqual([
      [second.id, '7000', 'Salle de réunion', null],
      [first.id, '7000', 'Salle de réunion', 2_000],
    ]);
    expect(first.audioPath).toMatch(/^\/srv\/rec\/7000-1970-01-01T00-00-01-000Z-rec_[0-9a-z]+\.wav$/);
    expect(() => log.finished('rec_missing', 1)).toThrow('No conference recording rec_missing to finish');
  });
});
