// GET /simulations/:simulationId/events: the test call as server-sent events (app/simulator/events.ts), the past
// ones first, so a page that connects late or reconnects sees the whole call. The stream closes after the end.
import type { SimulationEvent } from '#runtime/simulator/events.ts';
import { requireRole } from '../auth.server.ts';
import { eventStreamResponse } from '../event-stream.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { ownedSimulation, simulationsOf } from '../simulator/services.server.ts';
import type { Route } from './+types/simulations.events';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const auth = await requireRole(request, context, 'editor');
  const manager = simulationsOf(context);
  ownedSimulation(manager, params.simulationId, auth, requestTranslator(request, context));
  return eventStreamResponse(request.signal, (sink) =>
    manager.subscribe(params.simulationId, (event: SimulationEvent) => {
      sink.send(event.type, event);
      if (event.type === 'ended') queueMicrotask(sink.close);
    }),
  );
}
