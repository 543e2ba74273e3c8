// GET /api/voicemail/:messageId/audio: the message's WAV (8 kHz mono), whole or by byte range. Admin tokens only.
import { audioFileResponse } from '../../audio-file-response.server.ts';
import { voicemailAudioFile } from '../../voicemail/inbox.server.ts';
import { ApiError, apiEndpoint, apiMethods, requireParam } from './+shared/api.server.ts';

const audio = apiEndpoint('admin', async (args) => {
  const messageId = requireParam(args, 'messageId');
  const file = voicemailAudioFile(args.context.services.db, { kind: 'all-boxes' }, messageId);
  if (!file) throw new ApiError(404, `No voicemail message with id "${messageId}".`);
  const response = await audioFileResponse(args.request, file, {
    contentType: 'audio/wav',
    cacheControl: 'private, no-store',
  });
  if (!response)
    throw new ApiError(404, `The audio file of voicemail message "${messageId}" is missing on the server.`);
  return response;
});

const methods = apiMethods({ GET: audio });
export const loader = methods;
export const action = methods;
