import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EspeakProvider } from './espeak-provider.ts';
import { promptKey } from './prompt-key.ts';
import { PromptRenderError, PromptStore, PromptTimeoutError, type PromptStoreOptions } from './prompt-store.ts';
import type { TtsProvider, TtsProviderId, TtsRequest } from './tts-provider.ts';
import { encodeTelephoneWav, readWavInfo, rmsDbfs, telephoneSamples } from '../audio/wav.ts';

/** A provider of our own interface: counts calls, can be slow, fail, or ignore abort signals. */
class FakeProvider implements TtsProvider {
  readonly calls: TtsRequest[] = [];
  readonly signals: AbortSignal[] = [];
  active = 0;
  maxActive = 0;

  constructor(
    readonly id: TtsProviderId,
    private readonly behaviour: {
      delayMs?: number;
      /** Renders only once this settles: the test, not the clock, decides when a slow provider is done. */
      gate?: Promise<void>;
      fail?: string;
      ignoreAbort?: boolean;
      wav?: () => Buffer;
    } = {},
  ) {}

  async render(request: TtsRequest, signal?: AbortSignal): Promise<Buffer> {
    this.calls.push(request);
    if (signal) this.signals.push(signal);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.behaviour.gate) await this.behaviour.gate;
      else await sleep(this.behaviour.delayMs ?? 5, this.behaviour.ignoreAbort ? undefined : signal);
      if (this.behaviour.fail) throw new Error(this.behaviour.fail);
      return this.behaviour.wav?.() ?? encodeTelephoneWav(tone(8000, 0.5));
    } finally {
      this.active--;
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

function tone(sampleRate: number, seconds: number): Int16Array {
  const samples = new Int16Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
  return samples;
}

const hello = { text: 'Bonjour et bienvenue.', language: 'fr-FR' };

describe('PromptStore', () => {
  let dir: string;
  const stores: PromptStore[] = [];
  function storeWith(options: Omit<PromptStoreOptions, 'dir'>): PromptStore {
    const store = new PromptStore({ dir, ...options });
    stores.push(store);
    return store;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-prompts-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('ensure', () => {
    it('renders once, stores <hash>.wav and reports its duration', async () => {
      const provider = new FakeProvider('espeak');
      const store = storeWith({ provider });
      const file = await store.ensure(hello);
      expect(file).toEqual({
        hash: promptKey({ provider: 'espeak', voice: '', ...hello }),
        path: join(dir, `${file.hash}.wav`),
        durationMs: 500,
        provider: 'espeak',
        voice: '',
      });
      expect(store.has(file.hash)).toBe(true);
      expect(store.path(file.hash)).toBe(file.path);
      expect(await readdir(dir)).toEqual([`${file.hash}.wav`]); // no temporary file left behind

      expect(await store.ensure({ ...hello, text: '  Bonjour  et bienvenue. ' })).toEqual(file);
      expect(provider.calls).toHaveLength(1);
    });

    it('renders once for concurrent requests of the same prompt', async () => {
      const provider = new FakeProvider('espeak', { delayMs: 50 });
      const store = storeWith({ provider });
      const files = await Promise.all([1, 2, 3, 4, 5].map(() => store.ensure(hello)));
      expect(new Set(files.map((file) => file.hash)).size).toBe(1);
      expect(provider.calls).toHaveLength(1);
    });

    it('finds files rendered by another store (another process) over the same directory', async () => {
      const first = await storeWith({ provider: new FakeProvider('espeak') }).ensure(hello);
      const provider = new FakeProvider('espeak');
      expect(await storeWith({ provider }).ensure(hello)).toEqual(first);
      expect(provider.calls).toHaveLength(0);
    });

    it("uses the provider's default voice for the language, which is part of the key", async () => {
      const provider = new FakeProvider('google');
      const store = storeWith({
        provider,
        defaultVoices: { google: { 'fr-FR': 'fr-FR-Wavenet-C' }, espeak: { 'fr-FR': 'fr' } },
      });
      const byDefault = await store.ensure(hello);
      const chosen = await store.ensure({ ...hello, voice: 'fr-FR-Wavenet-D' });
      expect(provider.calls).toEqual([
        { text: hello.text, language: 'fr-FR', voice: 'fr-FR-Wavenet-C' },
        { text: hello.text, language: 'fr-FR', voice: 'fr-FR-Wavenet-D' },
      ]);
      expect(byDefault.hash).toBe(promptKey({ provider: 'google', voice: 'fr-FR-Wavenet-C', ...hello }));
      expect(chosen.hash).not.toBe(byDefault.hash);
      expect(store.keyFor(hello)).toBe(byDefault.hash);
    });

    it('stores what Asterisk can play even when a provider answers in another format', async () => {
      const wav16k = () => {
        const wav = new wavefile.WaveFile();
        wav.fromScratch(1, 16000, '16', tone(16000, 1));
        return Buffer.from(wav.toBuffer());
      };
      const file = await storeWith({ provider: new FakeProvider('google', { wav: wav16k }) }).ensure(hello);
      const info = readWavInfo(await readFile(file.path));
      expect(info).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
      expect(file.durationMs).toBeGreaterThan(990);
      expect(file.durationMs).toBeLessThan(1010);
    });

    it('gives up on a provider that outlives renderTimeoutMs, aborting it', async () => {
      const provider = new FakeProvider('google', { delayMs: 5000, ignoreAbort: true });
      const store = storeWith({ provider, renderTimeoutMs: 50 });
      await expect(store.ensure(hello)).rejects.toThrow(PromptTimeoutError);
      expect(provider.signals[0]?.aborted).toBe(true);
      expect(store.has(store.keyFor(hello))).toBe(false);
    });

    it('refuses empty text and bad language tags before calling the provider', async () => {
      const provider = new FakeProvider('espeak');
      const store = storeWith({ provider });
      await expect(store.ensure({ text: '  ', language: 'fr-FR' })).rejects.toThrow(/needs some text/);
      await expect(store.ensure({ text: 'Hi', language: 'not a tag' })).rejects.toThrow(/not a valid language tag/);
      expect(provider.calls).toHaveLength(0);
    });
  });

  describe('path and has', () => {
    it('accept only prompt keys, so a URL cannot reach outside the directory', () => {
      const store = storeWith({ provider: new FakeProvider('espeak') });
      expect(() => store.path('../../etc/passwd')).toThrow(/is not a prompt key/);
      expect(store.has('../../etc/passwd')).toBe(false);
      expect(store.has('0'.repeat(32))).toBe(false);
    });
  });

  describe('renderForCall', () => {
    it('returns a cached prompt at once, without asking the provider', async () => {
      const warm = storeWith({ provider: new FakeProvider('google') });
      const cached = await warm.ensure(hello);
      const slow = new FakeProvider('google', { delayMs: 5000 });
      const store = storeWith({ provider: slow, fallback: new FakeProvider('espeak') });
      const started = performance.now();
      expect(await store.renderForCall(hello, { timeoutMs: 1000 })).toEqual(cached);
      expect(performance.now() - started).toBeLessThan(100);
      expect(slow.calls).toHaveLength(0);
    });

    it('renders a miss with the configured provider when it answers in time', async () => {
      const store = storeWith({
        provider: new FakeProvider('google', { delayMs: 20 }),
        fallback: new FakeProvider('espeak'),
      });
      const file = await store.renderForCall(hello, { timeoutMs: 1000 });
      expect(file.provider).toBe('google');
      expect(file.fallbackReason).toBeUndefined();
    });

    it('falls back to the embedded voice when the provider is too slow, and keeps the slow render for next time', async () => {
      let finishGoogle!: () => void;
      const slow = new FakeProvider('google', { gate: new Promise<void>((resolve) => (finishGoogle = resolve)) });
      const fallback = new FakeProvider('espeak');
      const store = storeWith({
        provider: slow,
        fallback,
        defaultVoices: { google: { 'fr-FR': 'fr-FR-Wavenet-C' }, espeak: { 'fr-FR': 'fr' } },
      });
      const started = performance.now();
      // Google has not answered (its gate is closed) when this returns: the call did not wait for it.
      const file = await store.renderForCall({ ...hello, voice: 'fr-FR-Wavenet-D' }, { timeoutMs: 50 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
      expect(file.provider).toBe('espeak');
      expect(file.voice).toBe('fr'); // the Google voice means nothing to espeak-ng: its own default speaks
      expect(file.hash).toBe(promptKey({ provider: 'espeak', voice: 'fr', ...hello }));
      expect(file.fallbackReason).toMatch(/^google: Rendering with google took longer than 50 ms/);
      expect(store.has(file.hash)).toBe(true);

      // The Google render was not thrown away: once it lands, the next call gets it from the cache.
      const googleKey = store.keyFor({ ...hello, voice: 'fr-FR-Wavenet-D' });
      expect(store.has(googleKey)).toBe(false);
      finishGoogle();
      await vi.waitFor(() => expect(store.has(googleKey)).toBe(true), { timeout: 5_000 });
      expect((await store.renderForCall({ ...hello, voice: 'fr-FR-Wavenet-D' }, { timeoutMs: 50 })).provider).toBe(
        'google',
      );
      expect(slow.calls).toHaveLength(1);
    });

    it('falls back at once when the provider fails', async () => {
      const store = storeWith({
        provider: new FakeProvider('google', { fail: 'PERMISSION_DENIED: no credentials' }),
        fallback: new FakeProvider('espeak'),
      });
      const file = await store.renderForCall(hello, { timeoutMs: 5000 });
      expect(file.provider).toBe('espeak');
      expect(file.fallbackReason).toBe('google: PERMISSION_DENIED: no credentials');
    });

    it('stops waiting when the caller hangs up, without falling back', async () => {
      const fallback = new FakeProvider('espeak');
      const store = storeWith({ provider: new FakeProvider('google', { delayMs: 5000 }), fallback });
      const hangup = new AbortController();
      setTimeout(() => hangup.abort(new Error('caller hung up')), 20);
      await expect(store.renderForCall(hello, { timeoutMs: 1000, signal: hangup.signal })).rejects.toThrow(
        'caller hung up',
      );
      expect(fallback.calls).toHaveLength(0);
    });

    it('waits for the embedded voice past timeoutMs when it is the provider: there is nothing to fall back to', async () => {
      const store = storeWith({
        provider: new FakeProvider('espeak', { delayMs: 150 }),
        fallback: new FakeProvider('espeak'),
      });
      const file = await store.renderForCall(hello, { timeoutMs: 20 });
      expect(file.provider).toBe('espeak');
      expect(file.fallbackReason).toBeUndefined();
    });

    it('reports the failure when the embedded voice itself is the provider', async () => {
      const store = storeWith({
        provider: new FakeProvider('espeak', { fail: 'out of memory' }),
        fallback: new FakeProvider('espeak'),
      });
      await expect(store.renderForCall(hello, { timeoutMs: 1000 })).rejects.toThrow('out of memory');
    });

    describe('with the real embedded voice as fallback', () => {
      const espeak = new EspeakProvider();
      beforeAll(async () => {
        await espeak.render({ text: 'Bonjour', language: 'fr-FR' }); // load the WASM engine outside the timing
      });

      it('speaks the prompt with espeak-ng when the configured provider hangs', async () => {
        const store = storeWith({ provider: new FakeProvider('google', { delayMs: 10_000 }), fallback: espeak });
        const started = performance.now();
        const file = await store.renderForCall(
          { text: 'Tapez 1 pour le service commercial.', language: 'fr-FR' },
          { timeoutMs: 100 },
        );
        expect(performance.now() - started).toBeLessThan(3000); // not the provider's 10 s
        expect(file.provider).toBe('espeak');
        const wav = await readFile(file.path);
        expect(readWavInfo(wav)).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16 });
        expect(file.durationMs).toBeGreaterThan(1000);
        expect(rmsDbfs(telephoneSamples(wav))).toBeGreaterThan(-35);
      });
    });
  });

  describe('renderAll', () => {
    it('renders every prompt once, a few at a time, in the order given', async () => {
      const provider = new FakeProvider('espeak', { delayMs: 20 });
      const store = storeWith({ provider, renderConcurrency: 2 });
      const specs = ['Un.', 'Deux.', 'Trois.', 'Un.', 'Quatre.'].map((text) => ({ text, language: 'fr-FR' }));
      const files = await store.renderAll(specs);
      expect(files.map((file) => file.hash)).toEqual(specs.map((spec) => store.keyFor(spec)));
      expect(provider.calls.map((call) => call.text).sort()).toEqual(['Deux.', 'Quatre.', 'Trois.', 'Un.']);
      expect(provider.maxActive).toBe(2);
      expect(await store.renderAll([])).toEqual([]);
    });

    it('renders what it can and then names every prompt that failed', async () => {
      const flaky: TtsProvider = {
        id: 'google',
        render: (request) =>
          request.text.includes('!')
            ? Promise.reject(new Error('INVALID_ARGUMENT'))
            : Promise.resolve(encodeTelephoneWav(tone(8000, 0.2))),
      };
      const store = storeWith({ provider: flaky });
      const specs = [
        { text: 'Fine.', language: 'en-US' },
        { text: 'Broken!', language: 'en-US' },
      ];
      const failure = await store.renderAll(specs).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PromptRenderError);
      expect((failure as PromptRenderError).message).toMatch(
        /1 prompt could not be rendered:\n {2}"Broken!" \(en-US\): INVALID_ARGUMENT/,
      );
      expect(store.has(store.keyFor(specs[0]!))).toBe(true);
    });
  });
});
