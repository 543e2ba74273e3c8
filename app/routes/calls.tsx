// /calls: call history, newest first, filtered by flow, number, outcome, time and kind; keyset pages (listCalls).
import { Form, Link } from 'react-router';
import {
  CALL_OUTCOMES,
  durationMs,
  filtersQuery,
  formatDuration,
  outcomeLabel,
  parseHistoryFilters,
} from '#app/history/filters.ts';
import { formatWait, stayOutcomeLabel } from '#app/queues/queue-stays.ts';
import { requireRole } from '../auth.server.ts';
import { loadCallHistoryPage } from './calls.server.ts';
import type { Route } from './+types/calls';

const PAGE_SIZE = 50;

export function meta() {
  return [{ title: 'Call history · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const url = new URL(request.url);
  const { values, filter, problems } = parseHistoryFilters(url.searchParams);
  const cursor = url.searchParams.get('cursor');
  const { page, cursorProblem, flows, queues } = loadCallHistoryPage(context.services.db, {
    filter,
    cursor,
    pageSize: PAGE_SIZE,
  });
  if (cursorProblem) problems.push(cursorProblem);
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
  const { values, problems, calls, nextCursor, firstPage, flows, queues } = loaderData;
  return (
    <>
      <h1>Call history</h1>
      <Form method="get" className="panel history-filters" data-testid="history-filters">
        <label>
          Flow{' '}
          <select name="flow" defaultValue={values.flowId}>
            <option value="">All flows</option>
            {flows.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Number <input name="number" defaultValue={values.number} size={8} inputMode="tel" />
        </label>{' '}
        <label>
          Outcome{' '}
          <select name="outcome" defaultValue={values.outcome}>
            <option value="">Any</option>
            {CALL_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {outcomeLabel(outcome)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          From (UTC) <input type="datetime-local" name="from" defaultValue={values.from} />
        </label>{' '}
        <label>
          To (UTC) <input type="datetime-local" name="to" defaultValue={values.to} />
        </label>{' '}
        <label>
          Calls{' '}
          <select name="kind" defaultValue={values.kind}>
            <option value="all">Real and simulated</option>
            <option value="real">Real only</option>
            <option value="simulated">Simulated only</option>
          </select>
        </label>{' '}
        <button type="submit">Filter</button> <Link to="/calls">Clear</Link>{' '}
        <a href={`/calls.csv${filtersQuery(values)}`} data-testid="history-csv" download>
          Export CSV
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
        <p className="muted">No call matches these filters.</p>
      ) : (
        <table data-testid="history-table">
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Number</th>
              <th>Caller</th>
              <th>Flow</th>
              <th>Duration</th>
              <th>Outcome</th>
              <th>Queue</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => (
              <tr key={call.id} data-call-id={call.id}>
                <td>
                  <Link to={`/calls/${call.id}`}>
                    {new Date(call.startedAt).toISOString().replace('T', ' ').slice(0, 19)}
                  </Link>
                  {call.simulated ? <span className="badge"> test</span> : null}
                </td>
                <td>{call.dialledNumber}</td>
                <td>
                  {call.callerNumber || <span className="muted">unknown</span>}
                  {call.callerName ? <span className="muted"> {call.callerName}</span> : null}
                </td>
                <td>
                  {call.flowName ?? <span className="muted">none</span>}
                  {call.versionNumber !== null
                    ? ` v${call.versionNumber}`
                    : call.flowId && call.simulated
                      ? ' (draft)'
                      : ''}
                </td>
                <td>{formatDuration(durationMs(call))}</td>
                <td>
                  {outcomeLabel(call.outcome)}
                  {call.reason ? (
                    <span className="muted" title={call.reason}>
                      {' '}
                      ⓘ
                    </span>
                  ) : null}
                </td>
                <td data-testid="history-queue">
                  {queues[call.id] ? (
                    <>
                      {queues[call.id]!.department} · waited {formatWait(queues[call.id]!.waitMs)} ·{' '}
                      {queues[call.id]!.answeredBy
                        ? `answered by ${queues[call.id]!.answeredBy}`
                        : stayOutcomeLabel(queues[call.id]!.outcome).toLowerCase()}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="history-pages">
        {!firstPage ? <Link to={`/calls${filtersQuery(values)}`}>Newest</Link> : null}{' '}
        {nextCursor ? (
          <Link to={`/calls${filtersQuery(values, { cursor: nextCursor })}`} data-testid="history-older">
            Older calls →
          </Link>
        ) : null}
      </p>
    </>
  );
}
