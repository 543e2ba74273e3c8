// GET /api/conferences/:room: one live room by its number, 404 when nobody is in it (viewer).
import { apiEndpoint, apiMethods, json, requireParam } from './+shared/api.server.ts';
import { liveRoomOf } from './+shared/conferences.server.ts';

const read = apiEndpoint('viewer', (args) => json({ room: liveRoomOf(args, requireParam(args, 'room')) }));

const methods = apiMethods({ GET: read });
export const loader = methods;
export const action = methods;
