// GET /api/conferences/recordings/:recordingId/audio: the recording's audio file (viewer), with byte ranges.
import { recordingAudio } from '#app/conferences/recordings.server.ts';
import { ApiError, apiEndpoint, apiMethods, requireParam } from './+shared/api.server.ts';

const audio = apiEndpoint('viewer', async (args) => {
  const recordingId = requireParam(args, 'recordingId');
  const found = await recordingAudio(args.context.services.db, recordingId, args.request);
  switch (found.kind) {
    case 'found':
      return found.response;
    case 'no-recording':
      throw new ApiError(404, `There is no conference recording "${recordingId}".`);
    case 'in-progress':
      throw new ApiError(404, `Recording "${recordingId}" is still running: its audio is saved when it stops.`);
    case 'no-file':
      throw new ApiError(404, `The audio of recording "${recordingId}" is missing from the server's disk.`);
  }
});

const methods = apiMethods({ GET: audio });
export const loader = methods;
export const action = methods;
