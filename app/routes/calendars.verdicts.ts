// GET /calendars/verdicts?at=2026-12-25T09:00:00.000Z -> {at, verdicts: {calendarId: {name, branch, reason}}}
// The editor's "what happens at time T": which branch each calendar gives then, and why (viewer role).
import { requireRole } from '../auth.server.ts';
import { calendarVerdictsAt } from './calendars.server.ts';
import type { Route } from './+types/calendars.verdicts';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const at = new URL(request.url).searchParams.get('at') ?? '';
  const instant = new Date(at);
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(at) || Number.isNaN(instant.getTime())) {
    return Response.json(
      { error: 'Give ?at= a date-time with its offset, e.g. 2026-12-25T10:00:00+01:00' },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  return Response.json(
    { at: instant.toISOString(), verdicts: calendarVerdictsAt(context.services.db, instant) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
