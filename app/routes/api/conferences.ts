// GET /api/conferences: the live rooms with their participants (viewer).
import { apiEndpoint, apiMethods, json } from './+shared/api.server.ts';
import { conferencesOf } from './+shared/conferences.server.ts';

const list = apiEndpoint('viewer', (args) => json({ rooms: conferencesOf(args).rooms() }));

const methods = apiMethods({ GET: list });
export const loader = methods;
export const action = methods;
