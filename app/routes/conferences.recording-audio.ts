// GET /conferences/recordings/:recordingId/audio: a recording's audio for the room view's player, to signed-in staff
// only (any role), with byte ranges so the player can seek.
import { recordingAudio } from '#app/conferences/recordings.server.ts';
import { requireRole } from '../auth.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import type { Route } from './+types/conferences.recording-audio';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const audio = await recordingAudio(context.services.db, params.recordingId, request);
  // Someone who opens the address in a tab reads why there is nothing to hear, in their language.
  const t = requestTranslator(request, context);
  const id = params.recordingId;
  switch (audio.kind) {
    case 'found':
      return audio.response;
    case 'no-recording':
      return notFound(t('conferences:errors.recordingNotFound', { id }));
    case 'in-progress':
      return notFound(t('conferences:errors.recordingRunning', { id }));
    case 'no-file':
      return notFound(t('conferences:errors.recordingMissing', { id }));
  }
}

function notFound(message: string): Response {
  return new Response(message, {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
