// Where conference recordings are written down: db/conference-recording-log.ts keeps them in the conference_rooms
// and conference_recordings tables; tests keep them in memory. The room logic decides when a recording starts and
// stops; the log decides where its audio file goes.

export interface RecordedRoom {
  number: string;
  name: string;
  options: Record<string, unknown>;
}

export interface StartedRecording {
  id: string;
  /** Where the audio must be saved once the recording stops. */
  audioPath: string;
}

export interface ConferenceRecordingLog {
  started(room: RecordedRoom, startedAt: number): StartedRecording;
  finished(recordingId: string, endedAt: number): void;
}

export interface LoggedRecording extends StartedRecording {
  room: string;
  startedAt: number;
  endedAt: number | null;
}

export class MemoryRecordingLog implements ConferenceRecordingLog {
  readonly recordings: LoggedRecording[] = [];

  constructor(private readonly dir = '/recordings') {}

  started(room: RecordedRoom, startedAt: number): StartedRecording {
    const id = `rec-${this.recordings.length + 1}`;
    const entry = {
      id,
      audioPath: `${this.dir}/${room.number}-${id}.wav`,
      room: room.number,
      startedAt,
      endedAt: null,
    };
    this.recordings.push(entry);
    return { id, audioPath: entry.audioPath };
  }

  finished(recordingId: string, endedAt: number): void {
    const entry = this.recordings.find((recording) => recording.id === recordingId);
    if (!entry) throw new Error(`No conference recording ${recordingId} was started`);
    entry.endedAt = endedAt;
  }
}
