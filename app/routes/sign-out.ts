import { redirect } from 'react-router';
import { getStaffAuth, requireUser, signOutAndRedirect } from '../auth.server.ts';
import type { Route } from './+types/sign-out';

// Signing out is a POST with the CSRF token (the top bar's button): a GET that signed people out could be triggered
// by any page embedding an image of this URL.
export function loader({ request, context }: Route.LoaderArgs) {
  return redirect(getStaffAuth(request, context) ? '/' : '/sign-in');
}

export async function action({ request, context }: Route.ActionArgs) {
  if (!getStaffAuth(request, context)) return redirect('/sign-in');
  await requireUser(request, context);
  return signOutAndRedirect(request, context);
}
