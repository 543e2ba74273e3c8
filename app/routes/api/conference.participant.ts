// POST /api/conferences/:room/participants/:participantId/mute | unmute | kick (editor). Participant ids are those
// GET /api/conferences lists; one who has left is a 404.
import type { ParticipantActionKind } from '#app/conferences/room-actions.server.ts';
import { apiEndpoint, apiMethods, requireParam } from './+shared/api.server.ts';
import { commandOf, roomActionResponse } from './+shared/conferences.server.ts';

const PARTICIPANT_COMMANDS: Record<string, ParticipantActionKind> = { mute: 'mute', unmute: 'unmute', kick: 'kick' };

const command = apiEndpoint('editor', (args) =>
  roomActionResponse(args, {
    kind: commandOf(args, PARTICIPANT_COMMANDS, 'participant'),
    room: requireParam(args, 'room'),
    participantId: requireParam(args, 'participantId'),
  }),
);

const methods = apiMethods({ POST: command });
export const loader = methods;
export const action = methods;
