import type { Route } from './+types/healthz';

export function loader({ context }: Route.LoaderArgs) {
  const asterisk = context.services.asterisk();
  return Response.json({ ok: true, asterisk: asterisk.state });
}
