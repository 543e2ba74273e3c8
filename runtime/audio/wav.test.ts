import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import {
  encodeTelephoneWav,
  quietToneWav,
  readWav,
  readWavInfo,
  rms,
  rmsDbfs,
  telephoneSamples,
  toTelephoneWav,
} from './wav.ts';

function sine(frequency: number, sampleRate: number, seconds: number, amplitude = 0.5): Int16Array {
  const samples = new Int16Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
  return samples;
}

function wavOf(channels: number, sampleRate: number, bitDepth: string, samples: Int16Array[] | Int16Array): Buffer {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(channels, sampleRate, bitDepth, samples);
  return Buffer.from(wav.toBuffer());
}

describe('encodeTelephoneWav / readWavInfo', () => {
  it('writes an 8 kHz 16-bit mono PCM WAV with a 44-byte header', () => {
    const wav = encodeTelephoneWav(sine(440, 8000, 0.5));
    expect(wav.length).toBe(44 + 8000);
    expect(readWavInfo(wav)).toEqual({
      audioFormat: 1,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 16,
      dataOffset: 44,
      dataBytes: 8000,
      durationMs: 500,
    });
  });

  it('refuses something that is not a WAV, saying so', () => {
    expect(() => readWavInfo(Buffer.from('ID3\u0004 an mp3'), 'Google TTS audio')).toThrow(
      /Google TTS audio is not a RIFF\/WAVE file/,
    );
  });
});

describe('toTelephoneWav', () => {
  it('keeps the samples of an already conforming WAV', async () => {
    const samples = sine(300, 8000, 0.25);
    const out = await toTelephoneWav(encodeTelephoneWav(samples));
    expect(telephoneSamples(out)).toEqual(samples);
  });

  it('resamples and mixes down a 16 kHz stereo WAV to 8 kHz mono, keeping a 1 kHz tone audible', async () => {
    const left = sine(1000, 16000, 1);
    const out = await toTelephoneWav(wavOf(2, 16000, '16', [left, left]));
    const info = readWavInfo(out);
    expect(info).toMatchObject({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
    expect(info.durationMs).toBeGreaterThanOrEqual(990);
    expect(info.durationMs).toBeLessThanOrEqual(1010);
    // A 0.5-amplitude sine is at -9 dBFS RMS; the converter must keep it (a 1 kHz tone is far below 4 kHz).
    expect(rmsDbfs(telephoneSamples(out))).toBeGreaterThan(-10);
  });

  it('filters out what an 8 kHz line cannot carry instead of folding it back (a 6 kHz tone)', async () => {
    const out = await toTelephoneWav(wavOf(1, 16000, '16', sine(6000, 16000, 1)));
    expect(rmsDbfs(telephoneSamples(out))).toBeLessThan(-40);
  });

  it('widens µ-law to 16-bit PCM', async () => {
    const wav = new wavefile.WaveFile();
    wav.fromScratch(1, 8000, '16', sine(440, 8000, 0.5));
    wav.toMuLaw();
    const out = await toTelephoneWav(Buffer.from(wav.toBuffer()));
    expect(readWavInfo(out)).toMatchObject({ audioFormat: 1, sampleRate: 8000, bitsPerSample: 16, durationMs: 500 });
    expect(rmsDbfs(telephoneSamples(out))).toBeGreaterThan(-10);
  });

  it('accepts headerless 16-bit PCM only when its rate is stated', async () => {
    const samples = sine(440, 8000, 0.5);
    const raw = Buffer.from(samples.buffer);
    expect(telephoneSamples(await toTelephoneWav(raw, { rawSampleRate: 8000 }))).toEqual(samples);
    await expect(toTelephoneWav(raw)).rejects.toThrow(/not a RIFF\/WAVE file/);
  });
});

describe('readWav (recordings and voicemail messages)', () => {
  it('reads the first channel of a stereo 16-bit file and its duration', () => {
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, 16000, '16', [new Int16Array([1, 2, 3, 4]), new Int16Array([9, 9, 9, 9])]);
    const read = readWav(wav.toBuffer());
    expect(read).toMatchObject({ sampleRate: 16000, channels: 2, bitsPerSample: 16, durationMs: 0 });
    expect([...read.samples]).toEqual([1, 2, 3, 4]);
  });

  it('trusts the bytes present when a file still being written announces more', () => {
    const wav = Buffer.from(encodeTelephoneWav(new Int16Array(800).fill(1000)));
    wav.writeUInt32LE(0xffffffff, 40); // data chunk size of a recording in progress
    const read = readWav(wav);
    expect(read.samples.length).toBe(800);
    expect(read.durationMs).toBe(100);
    expect(rms(read.samples)).toBe(1000);
  });

  it('refuses what is not 16-bit PCM, saying which file', () => {
    const wav = new wavefile.WaveFile();
    wav.fromScratch(1, 8000, '32f', [0.5, -0.5]);
    expect(() => readWav(wav.toBuffer(), 'message 7')).toThrow(/message 7 is not 16-bit PCM/);
  });

  it('makes a quiet tone of the asked length for simulated callers', () => {
    const read = readWav(quietToneWav(250));
    expect(read.durationMs).toBe(250);
    expect(rms(read.samples)).toBeGreaterThan(500);
  });
});
