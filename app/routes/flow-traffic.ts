// GET /flows/:flowId/traffic?from=&to=&simulated=: the canvas overlay's figures (signed-in staff; scripts use
// /api/flows/:id/traffic with a token). Versions of the flow are added together, keyed by node ids.
import { canvasTrafficOfFlow, flowExists } from '#app/traffic/live.server.ts';
import { parseTrafficQuery } from '#app/traffic/period.ts';
import { requireRole } from '../auth.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import type { Route } from './+types/flow-traffic';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const { db } = context.services;
  const headers = { 'Cache-Control': 'no-store' };
  if (!flowExists(db, params.flowId))
    return Response.json(
      { error: requestTranslator(request, context)('editor:errors.noFlow', { id: params.flowId }) },
      { status: 404, headers },
    );
  const parsed = parseTrafficQuery(new URL(request.url).searchParams);
  if (!parsed.ok) {
    const message = parsed.issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    return Response.json({ error: message }, { status: 400, headers });
  }
  return Response.json(canvasTrafficOfFlow(db, params.flowId, parsed.query), { headers });
}
