// GET /simulations/:simulationId/events: the test call as server-sent events (app/simulator/events.ts), the past
// ones first, so a page that connects late or reconnects sees the whole call. The stream closes after the end.
import type { SimulationEvent } from '#runtime/simulator/events.ts';
import { requireRole } from '../auth.server.ts';
import { ownedSimulation, simulationsOf } from '../simulator/services.server.ts';
import type { Route } from './+types/simulations.events';

/** A comment line now and then keeps proxies from closing a quiet stream (a caller thinking at a menu). */
const HEARTBEAT_MS = 15_000;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const auth = await requireRole(request, context, 'editor');
  const manager = simulationsOf(context);
  ownedSimulation(manager, params.simulationId, auth);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        request.signal.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      const send = (event: SimulationEvent) => {
        if (!open) return;
        controller.enqueue(encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
        if (event.type === 'ended') queueMicrotask(close);
      };
      const heartbeat = setInterval(() => open && controller.enqueue(encoder.encode(': still here\n\n')), HEARTBEAT_MS);
      let unsubscribe = () => {};
      unsubscribe = manager.subscribe(params.simulationId, send);
      request.signal.addEventListener('abort', close, { once: true });
      cleanup = close;
    },
    cancel() {
      cleanup();
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
