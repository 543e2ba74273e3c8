// /voicemail/:messageId/audio: one message's WAV, for the inbox's <audio> players, with byte ranges so they can seek.
// Only for a signed-in account allowed to hear that box; everyone else gets the same 404 as for a message that does
// not exist, so the URL reveals nothing (not even that the message exists).
import { data } from 'react-router';
import { audioFileResponse } from '../audio-file-response.server.ts';
import { getStaffAuth } from '../auth.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { inboxViewerOf, voicemailAudioFile } from '../voicemail/inbox.server.ts';
import type { Route } from './+types/voicemail.audio';

/** The same 404 for every refusal; its sentence in the language of whoever opens the address in a tab. */
function notFound(request: Request, context: Route.LoaderArgs['context']): never {
  throw data(requestTranslator(request, context)('voicemail:errors.noSuchMessage'), {
    status: 404,
    statusText: 'Not Found',
  });
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const auth = getStaffAuth(request, context);
  if (!auth) notFound(request, context);
  const file = voicemailAudioFile(context.services.db, inboxViewerOf(context.services, auth), params.messageId);
  if (!file) notFound(request, context);
  const response = await audioFileResponse(request, file, {
    contentType: 'audio/wav',
    // A person's messages: never in a shared cache, and gone from the browser's once deleted.
    cacheControl: 'private, no-store',
  });
  return response ?? notFound(request, context);
}
