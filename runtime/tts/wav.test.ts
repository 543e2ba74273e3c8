import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { encodeTelephoneWav, readWavInfo, rmsDbfs, telephoneSamples, toTelephoneWav } from './wav.ts';

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
