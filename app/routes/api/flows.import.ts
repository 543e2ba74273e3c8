// POST /api/flows/import: the body IS a flow document, e.g. a file from GET /api/flows/:flowId/export. A syntax
// error is reported with its line and column, a shapeless document field by field; either way nothing is written.
import { apiEndpoint, apiMethods, authorOf, callerLanguage, json, readJson } from './+shared/api.server.ts';
import { createFlowFromDocument } from './+shared/flows.server.ts';

const importFlow = apiEndpoint('editor', async ({ request, context, caller }) => {
  const { flowId, flow, diagnostics } = createFlowFromDocument(
    context.services.db,
    await readJson(request),
    authorOf(caller),
    callerLanguage({ request, caller }),
  );
  return json({ flow, diagnostics }, { status: 201, headers: { Location: `/api/flows/${flowId}` } });
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ POST: importFlow });
export const loader = methods;
export const action = methods;
