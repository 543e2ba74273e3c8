// Conference recordings as the room view and the API show them, and their audio for signed-in staff.
import { extname, resolve } from 'node:path';
import type { SwitchboardDb } from '#db/client.ts';
import {
  getConferenceRecording,
  listConferenceRecordings,
  type ConferenceRecording,
} from '#db/conference-recordings.ts';
import { audioFileResponse } from '#app/audio-file-response.server.ts';

export interface RecordingView {
  id: string;
  room: { number: string; name: string };
  startedAt: number;
  /** Null while the room is still being recorded. */
  endedAt: number | null;
  audioUrl: string;
}

/** Where the page's player fetches a recording (session cookie); the API has its own URL (bearer token). */
export function pageAudioUrl(recordingId: string): string {
  return `/conferences/recordings/${encodeURIComponent(recordingId)}/audio`;
}

export function apiAudioUrl(recordingId: string): string {
  return `/api/conferences/recordings/${encodeURIComponent(recordingId)}/audio`;
}

export function listRecordingViews(
  db: SwitchboardDb,
  audioUrl: (recordingId: string) => string,
  options: { roomNumber?: string; limit?: number } = {},
): RecordingView[] {
  return listConferenceRecordings(db, options).map((recording) => ({
    id: recording.id,
    room: { number: recording.roomNumber, name: recording.roomName },
    startedAt: recording.startedAt,
    endedAt: recording.endedAt,
    audioUrl: audioUrl(recording.id),
  }));
}

/**
 * The runtime writes the file's absolute path (Asterisk and Switchboard share the machine's disk); a relative
 * one is taken from the server's working directory, as every other relative path it is given.
 */
function audioPathOf(recording: ConferenceRecording): string {
  return resolve(recording.audioPath);
}

export type RecordingAudio =
  | { kind: 'found'; response: Response }
  | { kind: 'no-recording' }
  /** The runtime saves the file when the recording stops: nothing to hear yet. */
  | { kind: 'in-progress'; recording: ConferenceRecording }
  | { kind: 'no-file'; recording: ConferenceRecording };

const AUDIO_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
};

/** The recording's audio, honouring Range; or why there is none (unknown id, still running, file gone). */
export async function recordingAudio(
  db: SwitchboardDb,
  recordingId: string,
  request: Request,
): Promise<RecordingAudio> {
  const recording = getConferenceRecording(db, recordingId);
  if (!recording) return { kind: 'no-recording' };
  const file = audioPathOf(recording);
  const extension = extname(file).toLowerCase();
  const response = await audioFileResponse(request, file, {
    contentType: AUDIO_TYPES[extension] ?? 'application/octet-stream',
    // A recording still running grows: always ask again; and it is staff-only, so never in a shared cache.
    cacheControl: 'private, no-cache',
  });
  if (!response)
    return recording.endedAt === null ? { kind: 'in-progress', recording } : { kind: 'no-file', recording };
  const startedAt = new Date(recording.startedAt).toISOString().slice(0, 19).replace(/:/g, '-');
  response.headers.set(
    'Content-Disposition',
    `inline; filename="conference-${recording.roomNumber.replace(/[^0-9]/g, '_')}-${startedAt}${extension}"`,
  );
  return { kind: 'found', response };
}
