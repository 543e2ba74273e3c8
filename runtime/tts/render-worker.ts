// The child process that speaks: it loads a TTS provider (espeak-ng's WASM, Google's gRPC client) only when a prompt
// must be rendered, so the call process never carries them at rest. See worker-provider.ts for the other side.
import type { TtsProvider, TtsProviderId, TtsRequest } from './tts-provider.ts';

export interface RenderJob {
  id: number;
  provider: TtsProviderId;
  request: TtsRequest;
}

export type RenderReply = { id: number; wav: Uint8Array } | { id: number; error: string };

const providers = new Map<TtsProviderId, Promise<TtsProvider>>();

function providerFor(id: TtsProviderId): Promise<TtsProvider> {
  let provider = providers.get(id);
  if (!provider) {
    provider =
      id === 'google'
        ? import('./google-provider.ts').then(({ GoogleProvider }) => new GoogleProvider())
        : import('./espeak-provider.ts').then(({ EspeakProvider }) => new EspeakProvider());
    providers.set(id, provider);
  }
  return provider;
}

async function render(job: RenderJob): Promise<RenderReply> {
  try {
    const wav = await (await providerFor(job.provider)).render(job.request);
    return { id: job.id, wav: new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength) };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}

process.on('message', (job: RenderJob) => {
  void render(job).then((reply) => process.send?.(reply));
});
// The call process went away (or closed the channel): nothing left to render for.
process.on('disconnect', () => process.exit(0));
