// Voicemail messages as the runtime leaves them (a row in voicemail_messages and an 8 kHz WAV file), written
// straight to the table: the web inbox's tests depend on the table's contract, not on the runtime's code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import type { SwitchboardDb } from '#db/client.ts';
import { newId } from '#db/ids.ts';
import { voicemailMessages } from '#db/schema.ts';

/** A 440 Hz tone as a telephone-quality WAV (8 kHz, 16-bit, mono), `seconds` long. */
export function toneWav(seconds: number, frequency = 440): Uint8Array {
  const rate = 8000;
  const samples = new Int16Array(Math.round(seconds * rate));
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * frequency * i) / rate));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, rate, '16', samples);
  return wav.toBuffer();
}

export interface SeededMessage {
  id: string;
  audioPath: string;
  audio: Uint8Array;
}

/** Writes a tone WAV into `folder` and its row, as left for `box` (owned by `userId`) by a caller. */
export function seedVoicemailMessage(
  db: SwitchboardDb,
  folder: string,
  fields: {
    box: string;
    userId: string | null;
    callerNumber: string;
    callerName: string;
    receivedAt: number;
    seconds?: number;
  },
): SeededMessage {
  const id = newId('vm');
  const seconds = fields.seconds ?? 3;
  const audio = toneWav(seconds);
  const audioPath = join(folder, `${id}.wav`);
  writeFileSync(audioPath, audio);
  db.orm
    .insert(voicemailMessages)
    .values({
      id,
      box: fields.box,
      userId: fields.userId,
      callerNumber: fields.callerNumber,
      callerName: fields.callerName,
      receivedAt: fields.receivedAt,
      durationMs: Math.round(seconds * 1000),
      audioPath,
    })
    .run();
  return { id, audioPath, audio };
}
