// PUT /api/flows/:flowId/draft { document, revision }: replaces the draft if nobody saved since `revision`;
// otherwise 409 with the current revision, and nothing is written.
import { z } from 'zod';
import {
  apiEndpoint,
  apiMethods,
  authorOf,
  callerLanguage,
  json,
  readJsonInput,
  requireParam,
} from './+shared/api.server.ts';
import { saveDraftFromApi } from './+shared/flows.server.ts';

const body = z.object({
  document: z.record(z.string(), z.unknown(), { error: 'Send the flow document as "document"' }),
  revision: z.int({ error: 'Send the revision your edit started from as "revision" (a whole number)' }).positive(),
});

const save = apiEndpoint('editor', async (args) => {
  const flowId = requireParam(args, 'flowId');
  const input = await readJsonInput(args.request, body);
  const { revision, diagnostics } = saveDraftFromApi(
    args.context.services.db,
    { flowId, document: input.document, expectedRevision: input.revision, author: authorOf(args.caller) },
    callerLanguage(args),
  );
  return json({ revision, diagnostics });
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ PUT: save });
export const loader = methods;
export const action = methods;
