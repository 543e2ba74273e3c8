// POST /api/flows/:flowId/validate: judges the saved draft, or the { document } sent (without saving it), exactly
// as publishing would, including numbers other flows already answer.
import { z } from 'zod';
import { hasErrors } from '#flows/validate.ts';
import {
  apiEndpoint,
  apiMethods,
  callerLanguage,
  json,
  parseInput,
  readOptionalJson,
  requireParam,
} from './+shared/api.server.ts';
import { judgeFlowDocument, requireFlow } from './+shared/flows.server.ts';

const body = z.object({ document: z.unknown().optional() }).default({});

const validate = apiEndpoint('viewer', async (args) => {
  const { db } = args.context.services;
  const flowId = requireParam(args, 'flowId');
  const flow = requireFlow(db, flowId);
  const input = parseInput(body, await readOptionalJson(args.request));
  const diagnostics = judgeFlowDocument(db, flowId, input.document ?? flow.draft, callerLanguage(args));
  return json({ valid: !hasErrors(diagnostics), diagnostics });
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ POST: validate });
export const loader = methods;
export const action = methods;
