// POST /api/flows/:flowId/publish { comment?, revision? }: validates the draft, renders its prompts and makes it the
// version its numbers reach. Refused with 422 and the diagnostics when the draft has errors; with 409 when
// `revision` is given and the draft has moved on since.
import { z } from 'zod';
import {
  apiEndpoint,
  apiMethods,
  authorOf,
  callerLanguage,
  json,
  parseInput,
  readOptionalJson,
  requireParam,
} from './+shared/api.server.ts';
import { publishDraftFromApi } from './+shared/flows.server.ts';

const body = z
  .object({
    comment: z.string({ error: '"comment" is text' }).max(500, 'Keep the comment under 500 characters').default(''),
    revision: z.int({ error: '"revision" is a whole number' }).positive().optional(),
  })
  .default({ comment: '' });

const publish = apiEndpoint('editor', async (args) => {
  const { db, prompts } = args.context.services;
  const flowId = requireParam(args, 'flowId');
  const input = parseInput(body, await readOptionalJson(args.request));
  const result = await publishDraftFromApi(db, prompts, {
    flowId,
    revision: input.revision,
    author: authorOf(args.caller),
    comment: input.comment,
    language: callerLanguage(args),
  });
  return json(
    {
      version: { id: result.versionId, number: result.versionNumber },
      diagnostics: result.diagnostics,
      promptsRendered: result.promptsRendered,
    },
    { status: 201 },
  );
});

// Resource routes send GET/HEAD to the loader and other methods to the action: both answer from one table.
const methods = apiMethods({ POST: publish });
export const loader = methods;
export const action = methods;
