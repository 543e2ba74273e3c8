// The few WAV facts voicemail needs, without a library: messages are 8 kHz 16-bit mono PCM (what Asterisk records
// with format "wav" and what res_http_media_cache plays back), so a 44-byte canonical header is all there is to write.

export const VOICEMAIL_SAMPLE_RATE = 8000;

/** A canonical 8 kHz 16-bit mono WAV file around these samples. */
export function wavFromSamples(samples: Int16Array, sampleRate = VOICEMAIL_SAMPLE_RATE): Uint8Array {
  const dataBytes = samples.length * 2;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16); // fmt chunk size
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buffer.writeUInt16LE(2, 32); // block align
  buffer.writeUInt16LE(16, 34); // bits per sample
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i += 1) buffer.writeInt16LE(samples[i]!, 44 + i * 2);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** A quiet 440 Hz tone standing for what a simulated caller said: audible, obviously not a real voice. */
export function quietToneWav(durationMs: number): Uint8Array {
  const count = Math.max(0, Math.round((durationMs / 1000) * VOICEMAIL_SAMPLE_RATE));
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i += 1)
    samples[i] = Math.round(1500 * Math.sin((2 * Math.PI * 440 * i) / VOICEMAIL_SAMPLE_RATE));
  return wavFromSamples(samples);
}

export interface WavPcm {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** The 16-bit samples of the first channel. */
  samples: Int16Array;
  durationMs: number;
}

/** Reads a PCM WAV (walking its chunks: Asterisk's files may carry more than fmt and data). */
export function readWav(file: Uint8Array, where = 'WAV file'): WavPcm {
  const buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buffer.length < 12 || buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${where} is not a RIFF/WAVE file`);
  }
  let offset = 12;
  let format: { channels: number; sampleRate: number; bitsPerSample: number; code: number } | null = null;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = {
        code: buffer.readUInt16LE(body),
        channels: buffer.readUInt16LE(body + 2),
        sampleRate: buffer.readUInt32LE(body + 4),
        bitsPerSample: buffer.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new Error(`${where} has its data chunk before its fmt chunk`);
      if (format.code !== 1 || format.bitsPerSample !== 16) {
        throw new Error(`${where} is not 16-bit PCM (format ${format.code}, ${format.bitsPerSample} bits)`);
      }
      // A file still being written may announce more (or 0xFFFFFFFF) bytes than it holds.
      const end = Math.min(buffer.length, body + size);
      const frames = Math.floor((end - body) / (2 * format.channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i += 1) samples[i] = buffer.readInt16LE(body + i * 2 * format.channels);
      return { ...format, samples, durationMs: Math.round((frames / format.sampleRate) * 1000) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${where} has no data chunk`);
}

/** Root mean square of the samples, 0..32767: near 0 for silence. */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}
