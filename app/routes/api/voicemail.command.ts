// POST /api/voicemail/:messageId/heard {"heard": true|false} and POST /api/voicemail/:messageId/delete (soft delete:
// the message leaves the web and phone inboxes). Admin tokens only.
import { z } from 'zod';
import {
  ApiError,
  apiEndpoint,
  apiMethods,
  json,
  parseInput,
  readOptionalJson,
  requireParam,
} from './+shared/api.server.ts';
import { deleteVoicemailMessage, markVoicemailMessageHeard } from '../../voicemail/inbox.server.ts';

const heardBody = z.object({ heard: z.boolean({ error: 'heard is true or false' }) }).strict();

const command = apiEndpoint('admin', async (args) => {
  const { db } = args.context.services;
  const messageId = requireParam(args, 'messageId');
  const name = requireParam(args, 'command');
  let outcome;
  if (name === 'heard') {
    const body = parseInput(heardBody, (await readOptionalJson(args.request)) ?? { heard: true });
    outcome = markVoicemailMessageHeard(db, { kind: 'all-boxes' }, messageId, body.heard);
  } else if (name === 'delete') {
    outcome = deleteVoicemailMessage(db, { kind: 'all-boxes' }, messageId);
  } else {
    throw new ApiError(404, `Unknown voicemail command "${name}"; use heard or delete.`);
  }
  if (outcome === 'not-found') throw new ApiError(404, `No voicemail message with id "${messageId}".`);
  return json({ ok: true });
});

const methods = apiMethods({ POST: command });
export const loader = methods;
export const action = methods;
