// GET /flows/:flowId/live: calls in progress per node of the flow, as server-sent events ("counts", a LiveCounts),
// sent at once and then whenever they change; the canvas shows them as badges on the nodes.
import { getFlow } from '#db/flows.ts';
import type { LiveCounts } from '#app/traffic/canvas-traffic.ts';
import { createVersionOwners, liveCountsOf, sameCounts } from '#app/traffic/live.server.ts';
import { requireRole } from '../auth.server.ts';
import { simulationsOf } from '../simulator/services.server.ts';
import type { Route } from './+types/flow-live';

/** How often the counts are looked at: well within the second the canvas promises. */
const SAMPLE_MS = 250;
/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const { services } = context;
  if (!getFlow(services.db, params.flowId)) {
    return Response.json({ error: `There is no flow "${params.flowId}".` }, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  }
  const simulations = simulationsOf(context);
  const ownerOf = createVersionOwners(services.db);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      let last: LiveCounts | null = null;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const sample = () => {
        let counts: LiveCounts;
        try {
          counts = liveCountsOf(services, simulations, params.flowId, ownerOf);
        } catch {
          return; // the database is busy or closing: say nothing new rather than end the stream
        }
        if (last && sameCounts(last, counts)) return;
        last = counts;
        send(`event: counts\ndata: ${JSON.stringify(counts)}\n\n`);
      };
      const ticker = setInterval(sample, SAMPLE_MS);
      const heartbeat = setInterval(() => send(': still here\n\n'), HEARTBEAT_MS);
      const close = () => {
        if (!open) return;
        open = false;
        clearInterval(ticker);
        clearInterval(heartbeat);
        request.signal.removeEventListener('abort', close);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener('abort', close, { once: true });
      cleanup = close;
      sample();
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
