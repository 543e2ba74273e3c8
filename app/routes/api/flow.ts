// GET /api/flows/:flowId: the flow with its draft, and what the validator thinks of that draft.
import { claimedNumbers, getFlow } from '#db/flows.ts';
import { FlowNotFoundError } from '#db/errors.ts';
import { flowDocumentForRole } from '#flows/redact.ts';
import { validateFlow } from '#flows/validate.ts';
import { apiEndpoint, apiMethods, json, requireParam } from './+shared/api.server.ts';

const show = apiEndpoint('viewer', (args) => {
  const { db } = args.context.services;
  const flowId = requireParam(args, 'flowId');
  const flow = getFlow(db, flowId);
  if (!flow) throw new FlowNotFoundError(flowId);
  const { diagnostics } = validateFlow(flow.draft, { claimedNumbers: claimedNumbers(db, flowId) });
  return json({ flow: { ...flow, draft: flowDocumentForRole(flow.draft, args.caller.role) }, diagnostics });
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ GET: show });
export const loader = methods;
export const action = methods;
