// TTS providers that render in a child process. espeak-ng's WASM module (~100 MB of code and heap once loaded) and
// Google's gRPC client are needed for a moment at publish time or on a rare cache miss during a call, never at rest:
// the renderer starts on the first render and exits after a quiet spell, and its memory goes with it. A child
// process rather than a worker thread: a thread's freed memory stays in this process's allocator
// (docs/decisions/023-runtime-efficiency.md).
import { fork, type ChildProcess } from 'node:child_process';
import type { RenderJob, RenderReply } from './render-worker.ts';
import type { TtsProvider, TtsProviderId, TtsRequest } from './tts-provider.ts';

/** How long the worker stays after its last render (publishing renders prompts in bursts). */
export const DEFAULT_RENDER_WORKER_IDLE_MS = 20_000;

interface Pending {
  resolve(wav: Buffer): void;
  reject(error: Error): void;
}

/** The production bundle has render-worker.js beside runtime-main.js; from source it runs through tsx. */
function startRenderer(): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './render-worker.ts' : './render-worker.js', import.meta.url);
  return fork(entry, [], {
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    // Structured clone: WAV bytes travel as bytes, not as JSON arrays of numbers.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export class RenderWorkerPool {
  #worker: ChildProcess | undefined;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly idleMs = DEFAULT_RENDER_WORKER_IDLE_MS) {}

  /** True while a renderer process exists (for tests and diagnostics). */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  render(provider: TtsProviderId, request: TtsRequest, signal?: AbortSignal): Promise<Buffer> {
    signal?.throwIfAborted();
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    clearTimeout(this.#idleTimer);
    // A render someone waits for keeps this process alive (a CLI publishing prompts); an idle renderer does not.
    worker.channel?.ref();
    return new Promise<Buffer>((resolve, reject) => {
      // An abort only stops the waiting: the worker finishes the sentence and the reply is dropped.
      const onAbort = () => {
        this.#settle(id);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error('The render was aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        resolve: (wav) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(wav);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      worker.send({ id, provider, request } satisfies RenderJob);
    });
  }

  /** Ends the worker now; renders in flight fail. */
  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll(new Error('The TTS worker was closed'));
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill();
      await exited;
    }
  }

  #ensureWorker(): ChildProcess {
    if (this.#worker) return this.#worker;
    const worker = startRenderer();
    worker.unref();
    worker.on('message', (reply: RenderReply) => {
      const pending = this.#settle(reply.id);
      if (!pending) return;
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(Buffer.from(reply.wav.buffer, reply.wav.byteOffset, reply.wav.byteLength));
    });
    worker.on('error', (error) => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#failAll(new Error(`The TTS worker failed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#failAll(new Error(`The TTS worker exited (code ${code})`));
    });
    this.#worker = worker;
    return worker;
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0 && this.#worker) {
      clearTimeout(this.#idleTimer);
      const worker = this.#worker;
      worker.channel?.unref();
      this.#idleTimer = setTimeout(() => {
        if (this.#worker !== worker || this.#pending.size > 0) return;
        this.#worker = undefined;
        worker.kill();
      }, this.idleMs);
      this.#idleTimer.unref();
    }
    return pending;
  }

  #failAll(error: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const request of pending) request.reject(error);
  }
}

/** A provider whose renders run in the pool's renderer process. */
export class WorkerTtsProvider implements TtsProvider {
  constructor(
    readonly id: TtsProviderId,
    private readonly pool: RenderWorkerPool,
  ) {}

  render(request: TtsRequest, signal?: AbortSignal): Promise<Buffer> {
    return this.pool.render(this.id, request, signal);
  }
}
