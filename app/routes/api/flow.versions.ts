// GET /api/flows/:flowId/versions: the published versions, newest first, without their documents.
import { apiEndpoint, apiMethods, json, requireParam } from './+shared/api.server.ts';
import { listPublishedVersions } from './+shared/flows.server.ts';

const versions = apiEndpoint('viewer', (args) => {
  const { db } = args.context.services;
  const flowId = requireParam(args, 'flowId');
  return json({ versions: listPublishedVersions(db, flowId) });
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ GET: versions });
export const loader = methods;
export const action = methods;
