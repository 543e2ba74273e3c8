// GET /calendars/verdicts?at=2026-12-25T09:00:00.000Z -> {at, verdicts: {calendarId: {name, branch, reason}}}
// The editor's "what happens at time T": which branch each calendar gives then, and why (viewer role), in the
// language of the page that asks.
import { requireRole } from '../auth.server.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import { translatorFor } from '#i18n/translator.ts';
import { calendarVerdictsAt } from './calendars.server.ts';
import type { Route } from './+types/calendars.verdicts';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const language = requestLanguage(request, context);
  const at = new URL(request.url).searchParams.get('at') ?? '';
  const instant = new Date(at);
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(at) || Number.isNaN(instant.getTime())) {
    return Response.json(
      { error: translatorFor(language)('calendars:errors.badInstant') },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }
  return Response.json(
    { at: instant.toISOString(), verdicts: calendarVerdictsAt(context.services.db, instant, language) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
