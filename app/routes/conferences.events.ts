// GET /conferences/events: the live rooms as server-sent events for the room view (app/conferences/
// room-events.server.ts): all rooms on connecting, then again after every change, with a heartbeat.
import { roomEventStream } from '#app/conferences/room-events.server.ts';
import { requireRole } from '../auth.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import type { Route } from './+types/conferences.events';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const { conferences } = context.services;
  if (!conferences) {
    return new Response(requestTranslator(request, context)('conferences:errors.noRuntime'), {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  return roomEventStream(conferences, request.signal);
}
