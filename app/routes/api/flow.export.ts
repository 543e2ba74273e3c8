// GET /api/flows/:flowId/export[?version=N]: the draft (or a published version) as a flow document file, ready for
// POST /api/flows/import or `switchboard flows import`.
import { z } from 'zod';
import { flowDocumentForRole } from '#flows/redact.ts';
import { flowDownload } from '../../flow-download.server.ts';
import { apiEndpoint, apiMethods, parseInput, requireParam } from './+shared/api.server.ts';
import { flowToExport } from './+shared/flows.server.ts';

const query = z.object({
  version: z.coerce.number({ error: 'version is a version number' }).int().positive().optional(),
});

const exportFlow = apiEndpoint('viewer', (args) => {
  const { db } = args.context.services;
  const flowId = requireParam(args, 'flowId');
  const { version } = parseInput(query, Object.fromEntries(new URL(args.request.url).searchParams), 'The query string');
  const { flow, document } = flowToExport(db, flowId, version);
  return flowDownload(flowDocumentForRole(document, args.caller.role), flow, version);
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ GET: exportFlow });
export const loader = methods;
export const action = methods;
