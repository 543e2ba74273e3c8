// /queues: per department, what happened to queued calls in a period (today, 7 days) and per agent, and the callers
// waiting now. Real calls only: test calls have their own queues and stay out of these figures.
import { useEffect } from 'react';
import { Form, useRevalidator } from 'react-router';
import { formatWait } from '#app/queues/queue-stays.ts';
import { requireRole } from '../auth.server.ts';
import { parseReportPeriod, REPORT_PERIODS, type ReportPeriod } from '#app/queues/report-periods.ts';
import { loadQueuesPage } from './queues.server.ts';
import type { Route } from './+types/queues';

/** How often the page reloads its figures while visible. */
const REFRESH_MS = 5_000;

export function meta() {
  return [{ title: 'Queues · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'viewer');
  const period = parseReportPeriod(new URL(request.url).searchParams.get('period'));
  return loadQueuesPage(context.services, period);
}

function useRefreshWhileVisible() {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && state === 'idle') void revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [revalidate, state]);
}

const AGENT_STATES: Record<string, string> = {
  'logged-out': 'logged out',
  available: 'available',
  ringing: 'ringing',
  'on-call': 'on a call',
  'wrap-up': 'in wrap-up',
  paused: 'paused',
};

/** "2 available, 1 on a call" (logged-out members left out), or "nobody logged in". */
function agentsSummary(agents: readonly { state: string }[]): string {
  const counts = new Map<string, number>();
  for (const agent of agents)
    if (agent.state !== 'logged-out') counts.set(agent.state, (counts.get(agent.state) ?? 0) + 1);
  if (counts.size === 0) return 'nobody logged in';
  return [...counts].map(([state, count]) => `${count} ${AGENT_STATES[state] ?? state}`).join(', ');
}

const utc = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 16);
const orDash = (ms: number | null) => (ms === null ? '—' : formatWait(ms));

export default function Queues({ loaderData }: Route.ComponentProps) {
  const { period, range, figures, live, now } = loaderData;
  useRefreshWhileVisible();
  return (
    <>
      <h1>Queues</h1>
      <section className="panel" aria-labelledby="queues-live-title" data-testid="queues-live">
        <h2 id="queues-live-title">Waiting now</h2>
        <p className="muted">
          {live.source === 'runtime'
            ? 'As the call runtime holds them; refreshed every 5 seconds.'
            : 'The call runtime runs in another process: these are the places it has saved in the database; refreshed every 5 seconds.'}
        </p>
        {live.queues.length === 0 ? (
          <p className="muted">There is no department yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col">Waiting</th>
                <th scope="col">Callers (longest wait first within a priority)</th>
                {live.source === 'runtime' ? <th scope="col">Agents</th> : null}
              </tr>
            </thead>
            <tbody>
              {live.queues.map((queue) => (
                <tr key={queue.department} data-department={queue.department}>
                  <th scope="row">{queue.department}</th>
                  <td data-testid="queues-waiting-count">{queue.waiting.length}</td>
                  <td>
                    {queue.waiting.length === 0 ? (
                      <span className="muted">nobody</span>
                    ) : (
                      <ol className="queues-waiting">
                        {queue.waiting.map((caller) => (
                          <li key={caller.id}>
                            {caller.callerNumber || 'unknown number'} · waiting {formatWait(now - caller.enteredAt)}
                            {caller.priority !== 0 ? ` · priority ${caller.priority}` : ''}
                            {caller.kind === 'callback' ? ' · to be called back' : ''}
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                  {queue.agents ? <td data-testid="queues-agents-now">{agentsSummary(queue.agents)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="queues-report-title" data-testid="queues-report">
        <h2 id="queues-report-title">Report</h2>
        <Form method="get" className="history-filters">
          <label>
            Period{' '}
            <select name="period" defaultValue={period}>
              {(Object.keys(REPORT_PERIODS) as ReportPeriod[]).map((key) => (
                <option key={key} value={key}>
                  {REPORT_PERIODS[key]}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit">Show</button>
        </Form>
        <p className="muted">
          Calls that joined a queue from {utc(range.from)} to {utc(now)} UTC, test calls apart. Waits are those of
          answered calls; 90% of them were answered within the “90% within” time.
        </p>
        {figures.length === 0 ? (
          <p className="muted">There is no department yet.</p>
        ) : (
          <table data-testid="queues-report-table">
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col">Queued</th>
                <th scope="col">Answered</th>
                <th scope="col">Abandoned</th>
                <th scope="col">Average wait before abandoning</th>
                <th scope="col">Timed out</th>
                <th scope="col">Callbacks (of which answered)</th>
                <th scope="col">Other</th>
                <th scope="col">Average wait</th>
                <th scope="col">90% within</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((row) => (
                <tr key={row.department} data-department={row.department}>
                  <th scope="row">{row.department}</th>
                  <td>{row.queued}</td>
                  <td>{row.answered}</td>
                  <td>{row.abandoned}</td>
                  <td>{orDash(row.averageAbandonWaitMs)}</td>
                  <td>{row.timeout}</td>
                  <td>
                    {row.callbacks} ({row.callbacksAnswered})
                  </td>
                  <td title="Queue full, no agent logged in, left with the leave key, or lost in a restart">
                    {row.other}
                    {row.stillWaiting > 0 ? ` · ${row.stillWaiting} still waiting` : ''}
                  </td>
                  <td>{orDash(row.averageWaitMs)}</td>
                  <td>{orDash(row.p90WaitMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {figures.map((row) => (
          <details key={row.department} data-testid="queues-agents" data-department={row.department}>
            <summary>Agents of {row.department}</summary>
            {row.agents.length === 0 ? (
              <p className="muted">No member, and nobody was rung in this period.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Agent</th>
                    <th scope="col">Calls answered</th>
                    <th scope="col">Rings missed</th>
                  </tr>
                </thead>
                <tbody>
                  {row.agents.map((agent) => (
                    <tr key={agent.username} data-agent={agent.username}>
                      <th scope="row">{agent.username}</th>
                      <td>{agent.answered}</td>
                      <td>{agent.missedRings}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </details>
        ))}
        <p className="muted">
          Other: the queue was full, no agent was logged in, the caller left with the leave key, or the call was lost in
          a restart. A missed ring is one that ended with no answer, busy or a failure.
        </p>
      </section>
    </>
  );
}
