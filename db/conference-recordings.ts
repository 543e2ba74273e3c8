import { desc, eq } from 'drizzle-orm';
import type { SwitchboardDb } from './client.ts';
import { conferenceRecordings, conferenceRooms } from './schema.ts';

// Reading conference recordings for the live room view and the API. The conference runtime writes the rows (one per
// recording, `ended_at` null while it runs); this side only lists them and finds one to serve its audio.

export interface ConferenceRecording {
  id: string;
  roomId: string;
  roomNumber: string;
  roomName: string;
  startedAt: number;
  /** Null while the room is still being recorded. */
  endedAt: number | null;
  /** The audio file on this machine, as the runtime wrote it. */
  audioPath: string;
}

const recordingColumns = {
  id: conferenceRecordings.id,
  roomId: conferenceRecordings.roomId,
  roomNumber: conferenceRooms.number,
  roomName: conferenceRooms.name,
  startedAt: conferenceRecordings.startedAt,
  endedAt: conferenceRecordings.endedAt,
  audioPath: conferenceRecordings.audioPath,
};

export interface ListConferenceRecordingsOptions {
  /** Only this room's recordings (its dialled number). */
  roomNumber?: string;
  /** At most this many, newest first (default 100). */
  limit?: number;
}

/** Recordings, newest first, with the number and name of their room. */
export function listConferenceRecordings(
  db: SwitchboardDb,
  options: ListConferenceRecordingsOptions = {},
): ConferenceRecording[] {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive whole number, not ${limit}`);
  const query = db.orm
    .select(recordingColumns)
    .from(conferenceRecordings)
    .innerJoin(conferenceRooms, eq(conferenceRooms.id, conferenceRecordings.roomId));
  const filtered =
    options.roomNumber === undefined ? query : query.where(eq(conferenceRooms.number, options.roomNumber));
  return filtered.orderBy(desc(conferenceRecordings.startedAt), desc(conferenceRecordings.id)).limit(limit).all();
}

export function getConferenceRecording(db: SwitchboardDb, recordingId: string): ConferenceRecording | null {
  return (
    db.orm
      .select(recordingColumns)
      .from(conferenceRecordings)
      .innerJoin(conferenceRooms, eq(conferenceRooms.id, conferenceRecordings.roomId))
      .where(eq(conferenceRecordings.id, recordingId))
      .get() ?? null
  );
}
