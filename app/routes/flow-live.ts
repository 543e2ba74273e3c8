// GET /flows/:flowId/live: calls in progress per node of the flow, as server-sent events ("counts", a LiveCounts),
// sent at once and then whenever they change; the canvas shows them as badges on the nodes.
import type { LiveCounts } from '#app/traffic/canvas-traffic.ts';
import { createVersionOwners, flowExists, liveCountsOf, sameCounts } from '#app/traffic/live.server.ts';
import { requireRole } from '../auth.server.ts';
import { eventStreamResponse } from '../event-stream.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { simulationsOf } from '../simulator/services.server.ts';
import type { Route } from './+types/flow-live';

/** How often the counts are looked at: well within the second the canvas promises. */
const SAMPLE_MS = 250;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const { services } = context;
  if (!flowExists(services.db, params.flowId)) {
    return Response.json(
      { error: requestTranslator(request, context)('editor:errors.noFlow', { id: params.flowId }) },
      { status: 404, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  const simulations = simulationsOf(context);
  const ownerOf = createVersionOwners(services.db);
  return eventStreamResponse(request.signal, (sink) => {
    let last: LiveCounts | null = null;
    const sample = () => {
      let counts: LiveCounts;
      try {
        counts = liveCountsOf(services, simulations, params.flowId, ownerOf);
      } catch {
        return; // the database is busy or closing: say nothing new rather than end the stream
      }
      if (last && sameCounts(last, counts)) return;
      last = counts;
      sink.send('counts', counts);
    };
    const ticker = setInterval(sample, SAMPLE_MS);
    sample();
    return () => clearInterval(ticker);
  });
}
