// GET /api/voicemail[?box=6002]: voicemail messages of every box (or one), newest first. Admin tokens only: a token
// belongs to no directory person, so the only scope it can have is "every box" (docs/decisions/007).
import { listVoicemailMessages } from '../../voicemail/inbox.server.ts';
import { ApiError, apiEndpoint, apiMethods, json } from './+shared/api.server.ts';

const list = apiEndpoint('admin', (args) => {
  const box = new URL(args.request.url).searchParams.get('box');
  if (box !== null && !/^[0-9]{1,20}$/.test(box))
    throw new ApiError(400, `box must be a box number such as 6002, not "${box}".`);
  const messages = listVoicemailMessages(args.context.services.db, { kind: 'all-boxes' }, box ?? '');
  return json({
    messages: messages.map((message) => ({ ...message, audioUrl: `/api/voicemail/${message.id}/audio` })),
  });
});

const methods = apiMethods({ GET: list });
export const loader = methods;
export const action = methods;
