// WAV reading and writing: prompts, voicemail messages, recordings. Asterisk (format_wav) plays a .wav fetched over
// HTTP only when it is 8 kHz, 16-bit, mono PCM, and records in that format too; anything else fails the playback
// within milliseconds. Every stored prompt goes through toTelephoneWav, so the check lives in one place.
import { createRequire } from 'node:module';
import { resampleInt16 } from './resample.ts';

// wavefile's CommonJS build sets __esModule but has no `default`. Node's loader hands module.exports over as the
// default export; Vite's dev SSR honours __esModule and offers no default, so `import wavefile from 'wavefile'`
// throws under `npm run dev`. require() gives module.exports under both.
const { WaveFile } = createRequire(import.meta.url)('wavefile') as typeof import('wavefile');

export const TELEPHONE_SAMPLE_RATE = 8000;

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_ALAW = 6;
const WAVE_FORMAT_MULAW = 7;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export interface WavInfo {
  /** 1 = integer PCM, 3 = float, 6 = A-law, 7 = µ-law (WAVE_FORMAT_EXTENSIBLE is resolved to its sub-format). */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
}

/** Writes mono 16-bit samples at 8 kHz as a canonical 44-byte-header WAV. */
export function encodeTelephoneWav(samples: Int16Array): Buffer {
  const wav = new WaveFile();
  wav.fromScratch(1, TELEPHONE_SAMPLE_RATE, '16', samples);
  return Buffer.from(wav.toBuffer());
}

/** Reads the fmt and data chunks of a RIFF/WAVE file; throws a clear error when it is not one. */
export function readWavInfo(wav: Uint8Array, label = 'audio'): WavInfo {
  const bytes = Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength);
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') {
    throw new Error(`${label} is not a RIFF/WAVE file (${bytes.length} bytes)`);
  }
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes' | 'durationMs'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const chunkId = bytes.toString('latin1', offset, offset + 4);
    const chunkSize = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (chunkId === 'fmt ' && body + 16 <= bytes.length) {
      let audioFormat = bytes.readUInt16LE(body);
      if (audioFormat === WAVE_FORMAT_EXTENSIBLE && body + 26 <= bytes.length)
        audioFormat = bytes.readUInt16LE(body + 24);
      fmt = {
        audioFormat,
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
    } else if (chunkId === 'data') {
      if (!fmt) throw new Error(`${label}: WAV data chunk comes before its fmt chunk`);
      // Streaming encoders write 0xFFFFFFFF or 0 as the data size; trust the bytes actually present.
      const dataBytes = chunkSize === 0 || body + chunkSize > bytes.length ? bytes.length - body : chunkSize;
      const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
      const durationMs = bytesPerSecond > 0 ? Math.round((dataBytes / bytesPerSecond) * 1000) : 0;
      return { ...fmt, dataOffset: body, dataBytes, durationMs };
    }
    offset = body + chunkSize + (chunkSize % 2); // chunks are padded to an even length
  }
  throw new Error(`${label}: WAV file has ${fmt ? 'no data chunk' : 'no fmt chunk'}`);
}

export function isTelephoneWav(info: WavInfo): boolean {
  return (
    info.audioFormat === WAVE_FORMAT_PCM &&
    info.channels === 1 &&
    info.sampleRate === TELEPHONE_SAMPLE_RATE &&
    info.bitsPerSample === 16
  );
}

/**
 * Returns the audio as a canonical 8 kHz 16-bit mono WAV, converting when needed: other rates are resampled,
 * several channels are mixed down, A-law/µ-law/8/24/32-bit/float samples are widened or narrowed to 16 bits.
 * Headerless input is accepted only when the caller states its rate (raw 16-bit little-endian mono).
 */
export async function toTelephoneWav(
  audio: Uint8Array,
  options: { label?: string; rawSampleRate?: number } = {},
): Promise<Buffer> {
  const label = options.label ?? 'audio';
  const bytes = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength);
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' && options.rawSampleRate !== undefined) {
    if (bytes.length % 2 !== 0) throw new Error(`${label}: raw 16-bit PCM has an odd byte count (${bytes.length})`);
    const samples = new Int16Array(bytes.length / 2);
    for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
    return encodeTelephoneWav(await resampleInt16(samples, options.rawSampleRate, TELEPHONE_SAMPLE_RATE));
  }
  const info = readWavInfo(bytes, label);
  if (isTelephoneWav(info)) {
    // Re-wrap the samples so stored prompts always have the same plain 44-byte header (no LIST/fact chunks).
    return encodeTelephoneWav(telephoneSamples(bytes, label));
  }
  const mono = decodeToMonoInt16(bytes, info, label);
  return encodeTelephoneWav(await resampleInt16(mono, info.sampleRate, TELEPHONE_SAMPLE_RATE));
}

function decodeToMonoInt16(bytes: Buffer, info: WavInfo, label: string): Int16Array {
  const supported = [WAVE_FORMAT_PCM, WAVE_FORMAT_IEEE_FLOAT, WAVE_FORMAT_ALAW, WAVE_FORMAT_MULAW];
  if (!supported.includes(info.audioFormat)) {
    throw new Error(`${label}: unsupported WAV sample format ${info.audioFormat} (need PCM, float, A-law or µ-law)`);
  }
  const wav = new WaveFile(bytes);
  if (info.audioFormat === WAVE_FORMAT_MULAW) wav.fromMuLaw();
  else if (info.audioFormat === WAVE_FORMAT_ALAW) wav.fromALaw();
  wav.toBitDepth('16');
  const decoded = wav.getSamples(false, Int16Array) as unknown as Int16Array | Int16Array[];
  if (!Array.isArray(decoded)) return decoded;
  const length = decoded[0]?.length ?? 0;
  const mono = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (const channel of decoded) sum += channel[i] ?? 0;
    mono[i] = Math.round(sum / decoded.length);
  }
  return mono;
}

/** The samples of an 8 kHz 16-bit mono WAV (e.g. to measure loudness); refuses any other format. */
export function telephoneSamples(wav: Uint8Array, label = 'audio'): Int16Array {
  const info = readWavInfo(wav, label);
  if (!isTelephoneWav(info)) {
    throw new Error(
      `${label} is not 8 kHz 16-bit mono PCM (${info.sampleRate} Hz, ${info.bitsPerSample}-bit, ${info.channels} ch)`,
    );
  }
  const bytes = Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength);
  const samples = new Int16Array(Math.floor(info.dataBytes / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(info.dataOffset + i * 2);
  return samples;
}

/** Root-mean-square level in dBFS (-Infinity for digital silence). */
export function rmsDbfs(samples: Int16Array): number {
  if (samples.length === 0) return -Infinity;
  let sum = 0;
  for (const sample of samples) sum += (sample / 32768) ** 2;
  return 10 * Math.log10(sum / samples.length);
}

/** Root mean square of the samples, 0..32767: near 0 for silence. */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

/** A quiet 440 Hz tone standing for what a simulated caller said: audible, obviously not a real voice. */
export function quietToneWav(durationMs: number): Buffer {
  const count = Math.max(0, Math.round((durationMs / 1000) * TELEPHONE_SAMPLE_RATE));
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i += 1)
    samples[i] = Math.round(1500 * Math.sin((2 * Math.PI * 440 * i) / TELEPHONE_SAMPLE_RATE));
  return encodeTelephoneWav(samples);
}

export interface WavPcm {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** The 16-bit samples of the first channel. */
  samples: Int16Array;
  durationMs: number;
}

/** Reads a 16-bit PCM WAV of any rate (Asterisk's recordings may carry more chunks than fmt and data). */
export function readWav(file: Uint8Array, where = 'WAV file'): WavPcm {
  const info = readWavInfo(file, where);
  if (info.audioFormat !== WAVE_FORMAT_PCM || info.bitsPerSample !== 16) {
    throw new Error(`${where} is not 16-bit PCM (format ${info.audioFormat}, ${info.bitsPerSample} bits)`);
  }
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  // A file still being written may announce more (or 0xFFFFFFFF) bytes than it holds: readWavInfo trusts the bytes.
  const frames = Math.floor(info.dataBytes / (2 * info.channels));
  const samples = new Int16Array(frames);
  for (let i = 0; i < frames; i += 1) samples[i] = bytes.readInt16LE(info.dataOffset + i * 2 * info.channels);
  return {
    sampleRate: info.sampleRate,
    channels: info.channels,
    bitsPerSample: info.bitsPerSample,
    samples,
    durationMs: Math.round((frames / info.sampleRate) * 1000),
  };
}
