// /api/flows: GET lists the flows; POST creates one from a flow document, sent as { "document": { ... } }.
import { z } from 'zod';
import { apiEndpoint, apiMethods, authorOf, callerLanguage, json, parseInput, readJson } from './+shared/api.server.ts';
import { createFlowFromDocument, listFlowsForApi } from './+shared/flows.server.ts';

const listQuery = z.object({
  archived: z.enum(['include', 'exclude'], { error: 'archived is "include" or "exclude"' }).default('exclude'),
});

const list = apiEndpoint('viewer', ({ request, context }) => {
  const query = parseInput(listQuery, Object.fromEntries(new URL(request.url).searchParams), 'The query string');
  return json({ flows: listFlowsForApi(context.services.db, query.archived === 'include') });
});

const createBody = z.object({
  document: z.record(z.string(), z.unknown(), { error: 'Send the flow as { "document": { ... } }' }),
});

const create = apiEndpoint('editor', async ({ request, context, caller }) => {
  const { document } = parseInput(createBody, await readJson(request));
  const { flowId, flow, diagnostics } = createFlowFromDocument(
    context.services.db,
    document,
    authorOf(caller),
    callerLanguage({ request, caller }),
  );
  return json({ flow, diagnostics }, { status: 201, headers: { Location: `/api/flows/${flowId}` } });
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ GET: list, POST: create });
export const loader = methods;
export const action = methods;
