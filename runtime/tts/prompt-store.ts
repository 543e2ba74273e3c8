// The prompt store: one WAV file per prompt, named by its content hash, in a plain directory Asterisk fetches from
// over HTTP. Publishing renders every prompt ahead of time (renderAll); during a call a miss is rendered under a
// hard timeout and, if the chosen provider fails or is slow, spoken by the embedded voice instead (renderForCall).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { canonicalLanguage, isPromptKey, normalisePromptText, promptKey } from './prompt-key.ts';
import type { TtsProvider, TtsProviderId } from './tts-provider.ts';
import { readWavInfo, toTelephoneWav } from '../audio/wav.ts';

export interface PromptSpec {
  text: string;
  language: string;
  /** A voice of the configured provider; omitted = that provider's default voice for the language. */
  voice?: string;
}

export interface PromptFile {
  hash: string;
  /** Absolute path of the WAV file. */
  path: string;
  durationMs: number;
  /** The provider that rendered it; the hash is that provider's key. */
  provider: TtsProviderId;
  /** The voice that rendered it ("" when the provider chose one for the language). */
  voice: string;
}

export interface CallPromptFile extends PromptFile {
  /** Set when the configured provider failed or was too slow and the embedded voice spoke instead. */
  fallbackReason?: string;
}

/** Default voice per provider, then per language tag ("fr-FR") or bare language ("fr"). */
export type DefaultVoices = Partial<Record<TtsProviderId, Record<string, string>>>;

export interface PromptStoreOptions {
  dir: string;
  provider: TtsProvider;
  /** Speaks at call time when `provider` fails or misses the deadline; normally the embedded espeak-ng voice. */
  fallback?: TtsProvider;
  defaultVoices?: DefaultVoices;
  /** How long a call waits for a missing prompt before falling back. */
  callTimeoutMs?: number;
  /** Upper bound on any single provider render, even one nobody waits for any more. */
  renderTimeoutMs?: number;
  /** How many prompts renderAll renders at once. */
  renderConcurrency?: number;
}

export class PromptTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${ms} ms`);
    this.name = 'PromptTimeoutError';
  }
}

export class PromptRenderError extends Error {
  constructor(readonly failures: { spec: PromptSpec; error: unknown }[]) {
    super(
      `${failures.length} prompt${failures.length === 1 ? '' : 's'} could not be rendered:\n` +
        failures
          .map(({ spec, error }) => `  "${spec.text.slice(0, 60)}" (${spec.language}): ${messageOf(error)}`)
          .join('\n'),
    );
    this.name = 'PromptRenderError';
  }
}

interface ResolvedPrompt {
  hash: string;
  provider: TtsProvider;
  voice: string;
  language: string;
  text: string;
}

/** Resolved specs remembered at most (dynamic texts, e.g. with the caller's number, must not grow it for ever). */
const MAX_RESOLVED_SPECS = 10_000;

export class PromptStore {
  readonly dir: string;
  readonly provider: TtsProvider;
  readonly #fallback: TtsProvider | undefined;
  readonly #defaultVoices: DefaultVoices;
  readonly #callTimeoutMs: number;
  readonly #renderTimeoutMs: number;
  readonly #renderConcurrency: number;
  /** Renders in progress by hash: concurrent requests for one prompt share one synthesis. */
  readonly #inFlight = new Map<string, Promise<PromptFile>>();
  readonly #durations = new Map<string, number>();
  /** Specs already resolved (normalised text, language, voice, hash): the same few prompts are asked for all day. */
  readonly #resolved = new Map<string, ResolvedPrompt>();
  #dirReady: Promise<unknown> | undefined;

  constructor(options: PromptStoreOptions) {
    this.dir = resolve(options.dir);
    this.provider = options.provider;
    this.#fallback = options.fallback;
    this.#defaultVoices = options.defaultVoices ?? {};
    this.#callTimeoutMs = options.callTimeoutMs ?? 3000;
    this.#renderTimeoutMs = options.renderTimeoutMs ?? 30_000;
    this.#renderConcurrency = options.renderConcurrency ?? 4;
  }

  /** The hash a spec renders to with the configured provider (what ensure() would store). */
  keyFor(spec: PromptSpec): string {
    return this.#resolve(spec, this.provider).hash;
  }

  /** Absolute path of a prompt file; refuses anything that is not a prompt key (it may come from a URL). */
  path(hash: string): string {
    if (!isPromptKey(hash)) throw new Error(`"${hash}" is not a prompt key (32 lower-case hex digits)`);
    return join(this.dir, `${hash}.wav`);
  }

  has(hash: string): boolean {
    return isPromptKey(hash) && existsSync(this.path(hash));
  }

  /** Renders the prompt with the configured provider unless its file exists already. */
  async ensure(spec: PromptSpec): Promise<PromptFile> {
    return this.#ensureResolved(this.#resolve(spec, this.provider));
  }

  /** Publish time: renders every prompt (several at once), so no caller ever waits for synthesis. */
  async renderAll(specs: readonly PromptSpec[]): Promise<PromptFile[]> {
    const results: PromiseSettledResult<PromptFile>[] = new Array(specs.length);
    let next = 0;
    const worker = async () => {
      while (next < specs.length) {
        const index = next++;
        results[index] = await this.ensure(specs[index]!).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#renderConcurrency, specs.length) }, worker));
    const failures = results.flatMap((result, index) =>
      result.status === 'rejected' ? [{ spec: specs[index]!, error: result.reason }] : [],
    );
    if (failures.length > 0) throw new PromptRenderError(failures);
    return results.map((result) => (result as PromiseFulfilledResult<PromptFile>).value);
  }

  /**
   * Call time: a cached prompt returns at once. A miss waits at most `timeoutMs` for the configured provider, then
   * falls back to the embedded voice (whose key the result carries). The slow render is not cancelled: it carries
   * on in the background (within renderTimeoutMs) so the next caller finds the file. When the embedded voice is
   * itself the provider there is nothing to fall back to, so the call waits for it (up to renderTimeoutMs).
   */
  async renderForCall(
    spec: PromptSpec,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<CallPromptFile> {
    const { signal } = options;
    signal?.throwIfAborted();
    const primary = this.#resolve(spec, this.provider);
    if (this.has(primary.hash)) {
      // The common case during calls: a published prompt already read once. No second look at the disk.
      const durationMs = this.#durations.get(primary.hash);
      if (durationMs === undefined) return this.#ensureResolved(primary);
      const { hash, provider, voice } = primary;
      return { hash, path: this.path(hash), provider: provider.id, voice, durationMs };
    }
    const fallback = this.#fallback && this.#fallback.id !== this.provider.id ? this.#fallback : undefined;
    // With nothing to fall back to (the embedded voice is the provider), giving up early would only mean silence.
    const timeoutMs = fallback ? (options.timeoutMs ?? this.#callTimeoutMs) : this.#renderTimeoutMs;
    try {
      return await waitAtMost(this.#ensureResolved(primary), timeoutMs, `Rendering with ${this.provider.id}`, signal);
    } catch (error) {
      if (signal?.aborted || !fallback) throw error;
      // The spec's voice belongs to the configured provider; the fallback speaks with its own default voice.
      const spoken = this.#resolve({ text: spec.text, language: spec.language }, fallback);
      const file = await waitAtMost(
        this.#ensureResolved(spoken),
        this.#renderTimeoutMs,
        `Rendering with ${fallback.id}`,
        signal,
      );
      return { ...file, fallbackReason: `${this.provider.id}: ${messageOf(error)}` };
    }
  }

  #resolve(spec: PromptSpec, provider: TtsProvider): ResolvedPrompt {
    const key = `${provider.id}\u0000${spec.voice ?? ''}\u0000${spec.language}\u0000${spec.text}`;
    const known = this.#resolved.get(key);
    if (known) return known;
    const resolved = this.#resolveAnew(spec, provider);
    if (this.#resolved.size >= MAX_RESOLVED_SPECS) this.#resolved.clear();
    this.#resolved.set(key, resolved);
    return resolved;
  }

  #resolveAnew(spec: PromptSpec, provider: TtsProvider): ResolvedPrompt {
    const text = normalisePromptText(spec.text);
    if (!text) throw new Error('A prompt needs some text to speak; this one is empty');
    const language = canonicalLanguage(spec.language);
    const voice = spec.voice?.trim() || this.#defaultVoice(provider.id, language);
    return { hash: promptKey({ provider: provider.id, voice, language, text }), provider, voice, language, text };
  }

  #defaultVoice(provider: TtsProviderId, language: string): string {
    const voices = this.#defaultVoices[provider] ?? {};
    return voices[language] ?? voices[language.split('-')[0]!] ?? '';
  }

  #ensureResolved(prompt: ResolvedPrompt): Promise<PromptFile> {
    const pending = this.#inFlight.get(prompt.hash);
    if (pending) return pending;
    const work = this.#loadOrRender(prompt).finally(() => this.#inFlight.delete(prompt.hash));
    this.#inFlight.set(prompt.hash, work);
    return work;
  }

  async #loadOrRender(prompt: ResolvedPrompt): Promise<PromptFile> {
    const path = this.path(prompt.hash);
    const file = { hash: prompt.hash, path, provider: prompt.provider.id, voice: prompt.voice };
    const known = this.#durations.get(prompt.hash);
    if (known !== undefined && existsSync(path)) return { ...file, durationMs: known };
    if (existsSync(path)) return { ...file, durationMs: this.#remember(prompt.hash, await readFile(path)) };

    const rendered = await renderWithin(prompt, this.#renderTimeoutMs);
    const wav = await toTelephoneWav(rendered, {
      label: `${prompt.provider.id} audio for "${prompt.text.slice(0, 40)}"`,
    });
    await this.#writeAtomically(path, wav);
    return { ...file, durationMs: this.#remember(prompt.hash, wav) };
  }

  #remember(hash: string, wav: Uint8Array): number {
    const { durationMs } = readWavInfo(wav, `prompt ${hash}`);
    this.#durations.set(hash, durationMs);
    return durationMs;
  }

  /** Write to a temporary name, then rename: Asterisk (or another process) never reads half a file. */
  async #writeAtomically(path: string, data: Uint8Array): Promise<void> {
    this.#dirReady ??= mkdir(this.dir, { recursive: true }).catch((error: unknown) => {
      this.#dirReady = undefined;
      throw new Error(`Cannot create the prompt directory ${this.dir}: ${messageOf(error)}`);
    });
    await this.#dirReady;
    const temporary = join(this.dir, `.${randomUUID()}.wav.tmp`);
    try {
      await writeFile(temporary, data);
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}

/** Runs one provider render, aborting it (and giving up on it, even if it ignores the signal) after `ms`. */
async function renderWithin(prompt: ResolvedPrompt, ms: number): Promise<Buffer> {
  const controller = new AbortController();
  const what = `Rendering with ${prompt.provider.id}`;
  const render = prompt.provider.render(
    { text: prompt.text, language: prompt.language, ...(prompt.voice ? { voice: prompt.voice } : {}) },
    controller.signal,
  );
  try {
    return await waitAtMost(render, ms, what);
  } catch (error) {
    controller.abort(error); // tell a provider still working (e.g. a gRPC call) to stop
    throw error;
  }
}

/** Resolves like `work`, or rejects after `ms` or when `signal` aborts; `work` itself keeps running. */
function waitAtMost<T>(work: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolvePromise, rejectPromise) => {
    const timer = setTimeout(() => finish(() => rejectPromise(new PromptTimeoutError(what, ms))), ms);
    const onAbort = () => finish(() => rejectPromise(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    function finish(settle: () => void) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    work.then(
      (value) => finish(() => resolvePromise(value)),
      (error: unknown) => finish(() => rejectPromise(error)),
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
