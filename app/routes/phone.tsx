// /phone: the browser's phone on a whole page (the start page of the installed web app on a mobile phone). The
// phone itself lives in the root Layout's provider, so leaving this page does not drop the call.
import { requireUser } from '../auth.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { SoftphonePage } from '../softphone/softphone-panel.tsx';
import type { Route } from './+types/phone';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'softphone:pageTitle') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, context);
  return null;
}

export default function Phone() {
  return <SoftphonePage />;
}
