import { afterEach, describe, expect, it } from 'vitest';
import { RenderWorkerPool, WorkerTtsProvider } from './worker-provider.ts';

const pools: RenderWorkerPool[] = [];
function pool(idleMs: number): RenderWorkerPool {
  const created = new RenderWorkerPool(idleMs);
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('WorkerTtsProvider', () => {
  it('renders an 8 kHz mono WAV in a child process, which exits once idle', async () => {
    const renders = pool(300);
    const espeak = new WorkerTtsProvider('espeak', renders);
    const wav = await espeak.render({ text: 'Bonjour', language: 'fr-FR' });
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt16LE(22)).toBe(1); // mono
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.length).toBeGreaterThan(4000); // some real audio, not a bare header
    expect(renders.running).toBe(true);
    await waitFor(() => !renders.running, 5000);
  });

  it("passes on the provider's error with its message", async () => {
    const espeak = new WorkerTtsProvider('espeak', pool(1000));
    await expect(espeak.render({ text: 'Bonjour', language: 'fr-FR', voice: 'no-such-voice' })).rejects.toThrow(
      /no voice "no-such-voice"/,
    );
  });

  it('stops waiting when the signal aborts, and the worker keeps serving the next render', async () => {
    const renders = pool(1000);
    const espeak = new WorkerTtsProvider('espeak', renders);
    const controller = new AbortController();
    const aborted = espeak.render({ text: 'Une phrase un peu plus longue.', language: 'fr-FR' }, controller.signal);
    controller.abort(new Error('caller hung up'));
    await expect(aborted).rejects.toThrow('caller hung up');
    const wav = await espeak.render({ text: 'Encore', language: 'fr-FR' });
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
  });

  it('fails renders in flight when the pool closes', async () => {
    const renders = pool(1000);
    const pending = new WorkerTtsProvider('espeak', renders).render({ text: 'Bonjour', language: 'fr-FR' });
    const failed = expect(pending).rejects.toThrow(/closed/);
    await renders.close();
    await failed;
    expect(renders.running).toBe(false);
  });
});
