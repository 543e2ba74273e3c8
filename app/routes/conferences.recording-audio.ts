// GET /conferences/recordings/:recordingId/audio: a recording's audio for the room view's player, to signed-in staff
// only (any role), with byte ranges so the player can seek.
import { recordingAudio } from '#app/conferences/recordings.server.ts';
import { requireRole } from '../auth.server.ts';
import type { Route } from './+types/conferences.recording-audio';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const audio = await recordingAudio(context.services.db, params.recordingId, request);
  switch (audio.kind) {
    case 'found':
      return audio.response;
    case 'no-recording':
      return notFound(`There is no conference recording "${params.recordingId}".`);
    case 'in-progress':
      return notFound(`Recording "${params.recordingId}" is still running: its audio is saved when it stops.`);
    case 'no-file':
      return notFound(`The audio of recording "${params.recordingId}" is missing from the server's disk.`);
  }
}

function notFound(message: string): Response {
  return new Response(message, {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
