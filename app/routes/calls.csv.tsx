// /calls.csv: the history with the same filters as /calls, every page, as CSV streamed a page at a time, so a long
// export never holds the whole history in memory.
import { callCsvLine, csvHeader, csvLine } from '#app/history/csv.ts';
import { parseHistoryFilters } from '#app/history/filters.ts';
import { requireRole } from '../auth.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { callHistoryExportPage } from './calls.server.ts';
import type { Route } from './+types/calls.csv';

const EXPORT_PAGE = 500;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const { db } = context.services;
  // The header line and any refusal in the request's language, like the page the export link is on.
  const t = requestTranslator(request, context);
  const { filter, problems } = parseHistoryFilters(new URL(request.url).searchParams, t);
  if (problems.length > 0)
    return new Response(`${problems.join('\n')}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        // A byte-order mark so spreadsheet programs read the accents as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(csvHeader(t))}`));
        return;
      }
      const page = callHistoryExportPage(db, { filter, cursor, pageSize: EXPORT_PAGE });
      controller.enqueue(
        encoder.encode(page.calls.map((call) => callCsvLine(call, page.queues[call.id] ?? null, t)).join('')),
      );
      cursor = page.nextCursor;
      if (!cursor) controller.close();
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="switchboard-calls-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
