// /provision/:token: a phone fetches its configuration through a one-time link (app/routes/provision.server.ts).
// A resource route with no sign-in: the link's token is the only key.
import { requestTranslator } from '../i18n/language.server.ts';
import { answerProvisioningRequest } from './provision.server.ts';
import type { Route } from './+types/provision';

export function loader({ request, params, context }: Route.LoaderArgs) {
  return answerProvisioningRequest({
    db: context.services.db,
    request,
    token: params.token,
    t: requestTranslator(request, context),
  });
}
