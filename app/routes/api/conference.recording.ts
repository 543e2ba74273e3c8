// POST /api/conferences/:room/recording/start | stop (editor): records the room's mix; the file is listed by
// GET /api/conferences/recordings once started.
import type { RoomActionKind } from '#app/conferences/room-actions.server.ts';
import { apiEndpoint, apiMethods, requireParam } from './+shared/api.server.ts';
import { commandOf, roomActionResponse } from './+shared/conferences.server.ts';

const RECORDING_COMMANDS: Record<string, RoomActionKind> = { start: 'start-recording', stop: 'stop-recording' };

const command = apiEndpoint('editor', (args) =>
  roomActionResponse(args, {
    kind: commandOf(args, RECORDING_COMMANDS, 'recording'),
    room: requireParam(args, 'room'),
  }),
);

const methods = apiMethods({ POST: command });
export const loader = methods;
export const action = methods;
