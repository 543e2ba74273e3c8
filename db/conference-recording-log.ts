import { eq } from 'drizzle-orm';
import path from 'node:path';
import type { ConferenceRecordingLog, RecordedRoom, StartedRecording } from '#runtime/conference/recording-log.ts';
import type { SwitchboardDb } from './client.ts';
import { newId } from './ids.ts';
import { conferenceRecordings, conferenceRooms } from './schema.ts';

// The conference runtime's side of conference_rooms / conference_recordings (db/conference-recordings.ts reads them
// for the room view): a room row per dialled room number, kept up to date with its name and options, and one row
// per recording, `ended_at` null while it runs. Audio files go under `dir` (CONFERENCE_RECORDINGS_DIR).

export const DEFAULT_CONFERENCE_RECORDINGS_DIR = './data/conference-recordings';

export function createConferenceRecordingLog(db: SwitchboardDb, dir: string): ConferenceRecordingLog {
  const folder = path.resolve(dir);
  return {
    started(room: RecordedRoom, startedAt: number): StartedRecording {
      return db.sqlite.transaction(() => {
        const roomId = upsertRoom(db, room, startedAt);
        const id = newId('rec');
        const audioPath = path.join(
          folder,
          `${room.number}-${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}-${id}.wav`,
        );
        db.orm.insert(conferenceRecordings).values({ id, roomId, startedAt, endedAt: null, audioPath }).run();
        return { id, audioPath };
      })();
    },
    finished(recordingId: string, endedAt: number): void {
      const result = db.orm
        .update(conferenceRecordings)
        .set({ endedAt })
        .where(eq(conferenceRecordings.id, recordingId))
        .run();
      if (result.changes === 0) throw new Error(`No conference recording ${recordingId} to finish`);
    },
  };
}

function upsertRoom(db: SwitchboardDb, room: RecordedRoom, now: number): string {
  const existing = db.orm
    .select({ id: conferenceRooms.id })
    .from(conferenceRooms)
    .where(eq(conferenceRooms.number, room.number))
    .get();
  if (existing) {
    db.orm
      .update(conferenceRooms)
      .set({ name: room.name, options: room.options })
      .where(eq(conferenceRooms.id, existing.id))
      .run();
    return existing.id;
  }
  const id = newId('conf');
  db.orm
    .insert(conferenceRooms)
    .values({ id, number: room.number, name: room.name, options: room.options, createdAt: now })
    .run();
  return id;
}
