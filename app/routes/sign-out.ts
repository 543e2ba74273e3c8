import { redirect } from 'react-router';
import { getStaffAuth, requireUser, signOutAndRedirect } from '../auth.server.ts';
import { revokeSessionSoftphone, softphoneDeps } from '../softphone/credentials.server.ts';
import type { Route } from './+types/sign-out';

// Signing out is a POST with the CSRF token (the top bar's button): a GET that signed people out could be triggered
// by any page embedding an image of this URL.
export function loader({ request, context }: Route.LoaderArgs) {
  return redirect(getStaffAuth(request, context) ? '/' : '/sign-in');
}

export async function action({ request, context }: Route.ActionArgs) {
  if (!getStaffAuth(request, context)) return redirect('/sign-in');
  const auth = await requireUser(request, context);
  // The softphone password derived from this session stops working with it (when it is still the current one).
  await revokeSessionSoftphone(softphoneDeps(context.services), auth);
  return signOutAndRedirect(request, context);
}
