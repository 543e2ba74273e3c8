// POST /softphone/credentials: the signed-in staff member's browser device identity and this session's password,
// for the web softphone (app/softphone/credentials.ts says what the answer holds; app/softphone/credentials.server.ts
// how the password is derived and revoked). A fetch() from our own pages: session cookie, X-CSRF-Token header.
import { getStaffAuth, requireUser } from '../auth.server.ts';
import { softphoneCredentials, softphoneDeps } from '../softphone/credentials.server.ts';
import type { Route } from './+types/softphone.credentials';

// The answer holds a password: never stored by the browser or anything in between.
const NO_STORE = { 'Cache-Control': 'no-store' };

function problem(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { ...NO_STORE, ...headers } });
}

export function loader() {
  return problem(405, 'Use POST (with the X-CSRF-Token header) to get the softphone credentials.', { Allow: 'POST' });
}

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== 'POST') return problem(405, 'Use POST.', { Allow: 'POST' });
  // A script needs a status it can read, not the sign-in page a redirect would bring.
  if (!getStaffAuth(request, context)) return problem(401, 'Not signed in.');
  // Checks the CSRF token (X-CSRF-Token header) and the request's origin; a refusal is thrown as a 403.
  const auth = await requireUser(request, context);
  const credentials = await softphoneCredentials(softphoneDeps(context.services), auth, request.url);
  return Response.json(credentials, { headers: NO_STORE });
}
