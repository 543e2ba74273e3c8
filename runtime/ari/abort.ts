// Small helpers to wait on several AbortSignals (the caller's hangup and an executor's own signal) without
// AbortSignal.any, whose listeners live until garbage collection on Node 20: every wait here removes its own.

/** The reason of the first already-aborted signal, or undefined when none is aborted. */
export function abortedReason(signals: readonly AbortSignal[]): { reason: unknown } | undefined {
  for (const signal of signals) if (signal.aborted) return { reason: signal.reason };
  return undefined;
}

/** Calls `onAbort` once, with the reason, when any signal aborts. Returns a function that removes the listeners. */
export function onAnyAbort(signals: readonly AbortSignal[], onAbort: (reason: unknown) => void): () => void {
  let fired = false;
  const entries = signals.map((signal) => {
    const listener = () => {
      if (fired) return;
      fired = true;
      remove();
      onAbort(signal.reason);
    };
    signal.addEventListener('abort', listener, { once: true });
    return { signal, listener };
  });
  const remove = () => {
    for (const { signal, listener } of entries) signal.removeEventListener('abort', listener);
  };
  return remove;
}

/** Resolves after `ms`, or rejects with the abort reason; leaves no timer or listener behind either way. */
export function sleep(ms: number, signals: readonly AbortSignal[]): Promise<void> {
  const already = abortedReason(signals);
  if (already) return Promise.reject(already.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopListening();
      resolve();
    }, ms);
    const stopListening = onAnyAbort(signals, (reason) => {
      clearTimeout(timer);
      reject(reason);
    });
  });
}
