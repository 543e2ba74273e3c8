// GET /api/conferences/recordings[?room=7000&limit=100]: recordings newest first, each with its audio URL (viewer).
// Works without a runtime: recordings made earlier stay listed.
import { z } from 'zod';
import { apiAudioUrl, listRecordingViews } from '#app/conferences/recordings.server.ts';
import { apiEndpoint, apiMethods, json, parseInput } from './+shared/api.server.ts';

const query = z.object({
  room: z
    .string()
    .regex(/^[0-9*#]{1,20}$/, 'room is a room number (1 to 20 of 0-9, * and #)')
    .optional(),
  limit: z.coerce.number().int('limit is a whole number').min(1).max(1000).default(100),
});

const list = apiEndpoint('viewer', (args) => {
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const { room, limit } = parseInput(query, params, 'The query string');
  return json({
    recordings: listRecordingViews(args.context.services.db, apiAudioUrl, {
      limit,
      ...(room ? { roomNumber: room } : {}),
    }),
  });
});

const methods = apiMethods({ GET: list });
export const loader = methods;
export const action = methods;
