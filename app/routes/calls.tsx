// /calls: call history, newest first, filtered by flow, number, outcome, time and kind; keyset pages (listCalls).
import { useTranslation } from 'react-i18next';
import { Form, Link } from 'react-router';
import { CALL_OUTCOMES, durationMs, filtersQuery, outcomeLabel, parseHistoryFilters } from '#app/history/filters.ts';
import { stayOutcomeLabel, type QueueSummary } from '#app/queues/queue-stays.ts';
import { requireRole } from '../auth.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { useFormat } from '../i18n/use-format.ts';
import { loadCallHistoryPage } from './calls.server.ts';
import type { Route } from './+types/calls';

const PAGE_SIZE = 50;
/** Hovered for the reason of an outcome (a symbol, the same in every language). */
const INFO_MARK = 'ⓘ';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'calls:list.title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const url = new URL(request.url);
  const t = requestTranslator(request, context);
  const { values, filter, problems } = parseHistoryFilters(url.searchParams, t);
  const cursor = url.searchParams.get('cursor');
  const { page, cursorUnreadable, flows, queues } = loadCallHistoryPage(context.services.db, {
    filter,
    cursor,
    pageSize: PAGE_SIZE,
  });
  if (cursorUnreadable) problems.push(t('calls:problems.badCursor'));
  return {
    values,
    problems,
    calls: page.calls,
    nextCursor: page.nextCursor,
    firstPage: !cursor,
    flows,
    queues,
  };
}

export default function CallHistory({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation(['calls', 'common']);
  const format = useFormat();
  const duration = (ms: number | null) => (ms === null ? t('outcomes.running') : format.duration(ms / 1000));
  const { values, problems, calls, nextCursor, firstPage, flows, queues } = loaderData;
  return (
    <>
      <h1>{t('list.title')}</h1>
      <Form method="get" className="panel history-filters" data-testid="history-filters">
        <label>
          {t('list.filters.flow')}{' '}
          <select name="flow" defaultValue={values.flowId}>
            <option value="">{t('list.filters.allFlows')}</option>
            {flows.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('list.filters.number')} <input name="number" defaultValue={values.number} size={8} inputMode="tel" />
        </label>{' '}
        <label>
          {t('list.filters.outcome')}{' '}
          <select name="outcome" defaultValue={values.outcome}>
            <option value="">{t('list.filters.anyOutcome')}</option>
            {CALL_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {outcomeLabel(outcome, t)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('list.filters.from')} <input type="datetime-local" name="from" defaultValue={values.from} />
        </label>{' '}
        <label>
          {t('list.filters.to')} <input type="datetime-local" name="to" defaultValue={values.to} />
        </label>{' '}
        <label>
          {t('list.filters.kind')}{' '}
          <select name="kind" defaultValue={values.kind}>
            <option value="all">{t('list.filters.kinds.all')}</option>
            <option value="real">{t('list.filters.kinds.real')}</option>
            <option value="simulated">{t('list.filters.kinds.simulated')}</option>
          </select>
        </label>{' '}
        <button type="submit">{t('list.filters.submit')}</button> <Link to="/calls">{t('list.filters.clear')}</Link>{' '}
        <a href={`/calls.csv${filtersQuery(values)}`} data-testid="history-csv" download>
          {t('list.filters.exportCsv')}
        </a>
      </Form>
      {problems.length > 0 ? (
        <ul className="diagnostics" role="alert">
          {problems.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      ) : null}
      {calls.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <table data-testid="history-table">
          <thead>
            <tr>
              <th>{t('list.columns.time')}</th>
              <th>{t('list.columns.number')}</th>
              <th>{t('list.columns.caller')}</th>
              <th>{t('list.columns.flow')}</th>
              <th>{t('list.columns.duration')}</th>
              <th>{t('list.columns.outcome')}</th>
              <th>{t('list.columns.queue')}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => (
              <tr key={call.id} data-call-id={call.id}>
                <td>
                  <Link to={`/calls/${call.id}`}>
                    {new Date(call.startedAt).toISOString().replace('T', ' ').slice(0, 19)}
                  </Link>
                  {call.simulated ? <span className="badge"> {t('list.testBadge')}</span> : null}
                </td>
                <td>{call.dialledNumber}</td>
                <td>
                  {call.callerNumber || <span className="muted">{t('list.unknown')}</span>}
                  {call.callerName ? <span className="muted"> {call.callerName}</span> : null}
                </td>
                <td>
                  {call.flowName ?? <span className="muted">{t('list.none')}</span>}
                  {call.versionNumber !== null
                    ? ` v${call.versionNumber}`
                    : call.flowId && call.simulated
                      ? t('list.draft')
                      : ''}
                </td>
                <td>{duration(durationMs(call))}</td>
                <td>
                  {outcomeLabel(call.outcome, t)}
                  {call.reason ? (
                    <span className="muted" title={call.reason}>
                      {' '}
                      {INFO_MARK}
                    </span>
                  ) : null}
                </td>
                <td data-testid="history-queue">
                  <QueueCell queue={queues[call.id] ?? null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="history-pages">
        {!firstPage ? <Link to={`/calls${filtersQuery(values)}`}>{t('list.newest')}</Link> : null}{' '}
        {nextCursor ? (
          <Link to={`/calls${filtersQuery(values, { cursor: nextCursor })}`} data-testid="history-older">
            {t('list.older')}
          </Link>
        ) : null}
      </p>
    </>
  );
}

/** A queued call: its department, how long it waited, and who answered (or how the stay ended). */
function QueueCell({ queue }: { queue: QueueSummary | null }) {
  const { t } = useTranslation(['calls', 'common']);
  const format = useFormat();
  if (!queue) return <span className="muted">—</span>;
  const wait = queue.waitMs === null ? '—' : format.duration(queue.waitMs / 1000);
  const ending = queue.answeredBy
    ? t('list.answeredBy', { name: queue.answeredBy })
    : stayOutcomeLabel(queue.outcome, t).toLowerCase();
  return <>{[queue.department, t('list.waited', { wait }), ending].join(' · ')}</>;
}
