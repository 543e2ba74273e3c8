// The keys a caller pressed and nobody has read yet. ChannelDtmfReceived events are pushed here; a barge-in prompt
// watches for the next key, a digit read consumes them. Keys pressed during a barge-in prompt stay buffered so the
// menu that follows sees the key that interrupted it.
import type { DigitRequest, DigitResult } from '#runtime/call-port.ts';
import { abortedReason, onAnyAbort } from './abort.ts';

const DTMF_KEY = /^[0-9*#A-D]$/;

export class DigitBuffer {
  private readonly keys: string[] = [];
  private readonly listeners = new Set<(digit: string) => void>();

  push(digit: string): void {
    if (!DTMF_KEY.test(digit)) return; // Asterisk only sends DTMF keys; anything else is noise, not input
    this.keys.push(digit);
    for (const listener of [...this.listeners]) listener(digit);
  }

  /** The oldest unread key, removed from the buffer. */
  take(): string | undefined {
    return this.keys.shift();
  }

  clear(): void {
    this.keys.length = 0;
  }

  get pending(): string {
    return this.keys.join('');
  }

  /** Called after each pushed key (the key is already in the buffer). Returns the unsubscribe function. */
  onDigit(listener: (digit: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.keys.length = 0;
    this.listeners.clear();
  }
}

export function validateDigitRequest(request: DigitRequest): void {
  if (!Number.isInteger(request.maxDigits) || request.maxDigits < 1) {
    throw new Error(`readDigits: maxDigits must be an integer >= 1, got ${request.maxDigits}`);
  }
  for (const key of ['firstDigitTimeoutMs', 'interDigitTimeoutMs'] as const) {
    const value = request[key];
    if (!Number.isFinite(value) || value < 0) throw new Error(`readDigits: ${key} must be a number >= 0, got ${value}`);
  }
  if (request.terminator !== undefined && !DTMF_KEY.test(request.terminator)) {
    throw new Error(`readDigits: terminator must be one DTMF key (0-9 * # A-D), got "${request.terminator}"`);
  }
}

/**
 * Reads up to maxDigits keys, starting with buffered ones. Ends on the terminator (not included), on maxDigits, or
 * when the first-digit / inter-digit timeout expires. Keys after the end stay buffered. Rejects with the abort reason
 * when `request.signal` or any of `alsoAbortOn` aborts.
 */
export function readDigits(
  buffer: DigitBuffer,
  request: DigitRequest,
  alsoAbortOn: readonly AbortSignal[] = [],
): Promise<DigitResult> {
  validateDigitRequest(request);
  const signals = [request.signal, ...alsoAbortOn];
  const already = abortedReason(signals);
  if (already) return Promise.reject(already.reason);

  return new Promise<DigitResult>((resolve, reject) => {
    let collected = '';
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const finish = (outcome: { result: DigitResult } | { error: unknown }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stopWatchingKeys();
      stopWatchingAbort();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.result);
    };
    const armTimeout = () => {
      clearTimeout(timer);
      const ms = collected === '' ? request.firstDigitTimeoutMs : request.interDigitTimeoutMs;
      timer = setTimeout(() => finish({ result: { digits: collected, ended: 'timeout' } }), ms);
    };
    const accept = (digit: string) => {
      if (request.terminator !== undefined && digit === request.terminator) {
        finish({ result: { digits: collected, ended: 'terminator' } });
        return;
      }
      collected += digit;
      if (collected.length >= request.maxDigits) finish({ result: { digits: collected, ended: 'max-digits' } });
      else armTimeout();
    };
    const drain = () => {
      while (!done) {
        const digit = buffer.take();
        if (digit === undefined) return;
        accept(digit);
      }
    };

    const stopWatchingKeys = buffer.onDigit(drain);
    const stopWatchingAbort = onAnyAbort(signals, (reason) => finish({ error: reason }));
    armTimeout();
    drain();
  });
}
