// One server-sent event stream, shared by every live view (test calls, live counts on the canvas, conference
// rooms): the response headers, a heartbeat comment so proxies keep a quiet stream open, and one close path that
// runs the view's own clean-up whether the browser went away, the request was aborted or the view ended it.

/** A comment line now and then keeps proxies from closing a quiet stream. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface EventStreamSink {
  /** Sends one event; does nothing once the stream is closed. */
  send(event: string, data: unknown): void;
  /** Ends the stream (the view has nothing more to say). */
  close(): void;
}

/**
 * `start` begins the view's work (subscriptions, timers) and returns what stops it; it runs exactly once, when the
 * stream closes for any reason.
 */
export function eventStreamResponse(
  signal: AbortSignal,
  start: (sink: EventStreamSink) => () => void,
  { heartbeatMs = DEFAULT_HEARTBEAT_MS }: { heartbeatMs?: number } = {},
): Response {
  const encoder = new TextEncoder();
  let closeStream = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let stopView = () => {};
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const close = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        signal.removeEventListener('abort', close);
        stopView();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      const heartbeat = setInterval(() => write(': still here\n\n'), heartbeatMs);
      closeStream = close;
      stopView = start({ send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`), close });
      if (!open) stopView(); // the view closed the stream while starting
      signal.addEventListener('abort', close, { once: true });
      if (signal.aborted) close();
    },
    cancel() {
      closeStream();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
