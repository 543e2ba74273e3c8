import { describe, expect, it, vi } from 'vitest';
import { EspeakProvider, espeakInput } from './espeak-provider.ts';
import { readWavInfo, rmsDbfs, telephoneSamples } from '../audio/wav.ts';

const FRENCH = 'Bonjour, bienvenue chez Switchboard. Tapez 1 pour le service commercial.';
const ENGLISH = 'Hello, welcome to Switchboard. Press 1 for sales.';

// Sentences this long take 2.5 to 6 seconds at any sane speaking rate.
function expectSpokenTelephoneWav(wav: Buffer, minMs: number, maxMs: number) {
  const info = readWavInfo(wav);
  expect(info).toMatchObject({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
  expect(info.durationMs).toBeGreaterThan(minMs);
  expect(info.durationMs).toBeLessThan(maxMs);
  // Speech sits around -20 to -25 dBFS RMS; silence or near-silence would be below -50.
  expect(rmsDbfs(telephoneSamples(wav))).toBeGreaterThan(-35);
}

describe('EspeakProvider', () => {
  const espeak = new EspeakProvider();

  it('renders French to a spoken 8 kHz 16-bit mono WAV', async () => {
    expectSpokenTelephoneWav(await espeak.render({ text: FRENCH, language: 'fr-FR' }), 2500, 7000);
  });

  it('renders English to a spoken 8 kHz 16-bit mono WAV', async () => {
    expectSpokenTelephoneWav(await espeak.render({ text: ENGLISH, language: 'en-US' }), 2000, 6000);
  });

  it('makes a longer sentence last longer', async () => {
    const short = readWavInfo(await espeak.render({ text: 'Bonjour.', language: 'fr-FR' })).durationMs;
    const long = readWavInfo(await espeak.render({ text: FRENCH, language: 'fr-FR' })).durationMs;
    expect(short).toBeGreaterThan(200);
    expect(long).toBeGreaterThan(short * 3);
  });

  it('renders overlapping requests each with its own voice and text (synthesis is serialised)', async () => {
    // espeak-ng is not bit-exact from one run to the next (a few samples of jitter), so compare durations.
    const requests = [
      { text: FRENCH, language: 'fr-FR' },
      { text: ENGLISH, language: 'en-US' },
      { text: 'Au revoir.', language: 'fr-FR' },
    ];
    vi.resetModules(); // a fresh module: the engine is not loaded yet, so every render also waits for the load
    const fresh = new (await import('./espeak-provider.ts')).EspeakProvider();
    const together = await Promise.all(requests.map((request) => fresh.render(request)));
    for (const [index, request] of requests.entries()) {
      const alone = readWavInfo(await espeak.render(request)).durationMs;
      expect(Math.abs(readWavInfo(together[index]!).durationMs - alone)).toBeLessThan(alone * 0.05);
    }
  });

  it('uses an explicit espeak voice when given one', async () => {
    const french = await espeak.render({ text: 'Bonjour', language: 'fr-FR' });
    const variant = await espeak.render({ text: 'Bonjour', language: 'fr-FR', voice: 'fr+f3' });
    expect(variant.equals(french)).toBe(false);
    expectSpokenTelephoneWav(variant, 200, 3000);
  });

  it('refuses an unknown language or voice with a clear error', async () => {
    await expect(espeak.render({ text: 'Hi', language: 'xx-YY' })).rejects.toThrow(/cannot speak language "xx-YY"/);
    await expect(espeak.render({ text: 'Hi', language: 'en-US', voice: 'no-such-voice' })).rejects.toThrow(
      /espeak-ng has no voice "no-such-voice"/,
    );
    await expect(espeak.render({ text: '   ', language: 'en-US' })).rejects.toThrow(/empty prompt/);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('caller hung up'));
    await expect(espeak.render({ text: 'Hi', language: 'en-US' }, controller.signal)).rejects.toThrow('caller hung up');
  });

  it('reads plain text: SSML-like tags are not obeyed, <, > and & reach espeak escaped', async () => {
    // GIVEN a prompt with a tag espeak would obey in SSML mode (a 60-second pause)
    const tagged = 'Bonjour <break time="60s"/> et au revoir.';
    // THEN espeak's input holds no markup, and the rendering lasts as long as the same words without the tag
    expect(espeakInput(tagged)).toBe('Bonjour et au revoir.');
    expect(espeakInput('1 < 2 & 3 > 2')).toBe('1 &lt; 2 &amp; 3 &gt; 2');
    const withTag = readWavInfo(await espeak.render({ text: tagged, language: 'fr-FR' })).durationMs;
    const plain = readWavInfo(await espeak.render({ text: 'Bonjour et au revoir.', language: 'fr-FR' })).durationMs;
    expect(withTag).toBeLessThan(5_000);
    expect(Math.abs(withTag - plain)).toBeLessThan(plain * 0.05);
    expectSpokenTelephoneWav(await espeak.render({ text: '1 < 2 & 3 > 2', language: 'en-US' }), 500, 6000);
  });
});
