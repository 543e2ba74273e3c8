// GET /softphone/directory -> [{displayName, extension}]: the people the browser's phone can search and call.
// Any signed-in staff member may read it (they see the same names on the people page's extensions).
import { requireUser } from '../auth.server.ts';
import { loadSoftphoneDirectory } from './softphone.directory.server.ts';
import type { Route } from './+types/softphone.directory';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, context);
  return Response.json(loadSoftphoneDirectory(context.services.db), {
    headers: { 'Cache-Control': 'private, no-store' },
  });
}
