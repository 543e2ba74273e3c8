// GET /api/flows/:flowId: the flow with its draft, and what the validator thinks of that draft.
import { flowDocumentForRole } from '#flows/redact.ts';
import { apiEndpoint, apiMethods, callerLanguage, json, requireParam } from './+shared/api.server.ts';
import { showFlow } from './+shared/flows.server.ts';

const show = apiEndpoint('viewer', (args) => {
  const { db } = args.context.services;
  const flowId = requireParam(args, 'flowId');
  const { flow, diagnostics } = showFlow(db, flowId, callerLanguage(args));
  return json({ flow: { ...flow, draft: flowDocumentForRole(flow.draft, args.caller.role) }, diagnostics });
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ GET: show });
export const loader = methods;
export const action = methods;
