// POST /api/conferences/:room/lock | unlock | end (editor): lock keeps newcomers out (they hear the room is locked),
// end disconnects everyone. Answers `{ room }` as it is afterwards (null once ended).
import type { RoomActionKind } from '#app/conferences/room-actions.server.ts';
import { apiEndpoint, apiMethods, requireParam } from './+shared/api.server.ts';
import { commandOf, roomActionResponse } from './+shared/conferences.server.ts';

const ROOM_COMMANDS: Record<string, RoomActionKind> = { lock: 'lock', unlock: 'unlock', end: 'end' };

const command = apiEndpoint('editor', (args) =>
  roomActionResponse(args, { kind: commandOf(args, ROOM_COMMANDS, 'room'), room: requireParam(args, 'room') }),
);

const methods = apiMethods({ POST: command });
export const loader = methods;
export const action = methods;
