// GET /departments/events: agents' states as server-sent events (app/departments/agent-events.server.ts). Supervisors
// (editor, admin) get every agent; anyone else only the person their account is linked to.
import { agentEventStream } from '#app/departments/agent-events.server.ts';
import { requireRole } from '../auth.server.ts';
import type { Route } from './+types/departments.events';

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  return agentEventStream(context.services.db, { id: account.id, role: account.role }, request.signal);
}
