// GET /api/flows/:flowId/traffic?from=&to=&simulated=: where the flow's calls of a period went (db/call-stats.ts).
import { parseTrafficQuery } from '#app/traffic/period.ts';
import { ApiError, apiEndpoint, apiMethods, json, requireParam } from './+shared/api.server.ts';
import { flowTrafficReport, requireFlow } from './+shared/flows.server.ts';

const traffic = apiEndpoint('viewer', (args) => {
  const { db } = args.context.services;
  const flowId = requireParam(args, 'flowId');
  requireFlow(db, flowId);
  const parsed = parseTrafficQuery(new URL(args.request.url).searchParams);
  if (!parsed.ok) {
    const summary = parsed.issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; ');
    throw new ApiError(400, `The query string is not valid: ${summary}`, { issues: parsed.issues });
  }
  const { from, to, simulated } = parsed.query;
  return json(flowTrafficReport(db, { flowId, from, to, simulated }));
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ GET: traffic });
export const loader = methods;
export const action = methods;
