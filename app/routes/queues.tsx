// /queues: per department, what happened to queued calls in a period (today, 7 days) and per agent, and the callers
// waiting now. Real calls only: test calls have their own queues and stay out of these figures.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, useRevalidator } from 'react-router';
import { utcDateTimeFormat } from '#app/queues/utc-time.ts';
import type { Translate } from '#i18n/translator.ts';
import { requireRole } from '../auth.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { useFormat } from '../i18n/use-format.ts';
import { usePageLanguage } from '../i18n/use-language.ts';
import { parseReportPeriod, REPORT_PERIODS } from '#app/queues/report-periods.ts';
import { loadQueuesPage } from './queues.server.ts';
import type { Route } from './+types/queues';

/** How often the page reloads its figures while visible. */
const REFRESH_MS = 5_000;

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'queues:title') }];
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

const COUNTED_STATES = ['available', 'ringing', 'on-call', 'wrap-up', 'paused'] as const;
type CountedState = (typeof COUNTED_STATES)[number];

/** "2 available, 1 on a call" (logged-out members left out), or "nobody logged in". */
function agentsSummary(t: Translate, agents: readonly { state: string }[]): string {
  const counts = new Map<CountedState, number>();
  for (const agent of agents) {
    const state = COUNTED_STATES.find((known) => known === agent.state);
    if (state) counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  if (counts.size === 0) return t('queues:live.nobodyLoggedIn');
  return [...counts].map(([state, count]) => t(`queues:live.agentStates.${state}`, { count })).join(', ');
}

export default function Queues({ loaderData }: Route.ComponentProps) {
  const { period, range, figures, live, now } = loaderData;
  const { t } = useTranslation(['queues', 'common']);
  const format = useFormat();
  const utc = utcDateTimeFormat(usePageLanguage());
  const wait = (ms: number) => format.duration(ms / 1000);
  const orDash = (ms: number | null) => (ms === null ? '—' : wait(ms));
  useRefreshWhileVisible();
  return (
    <>
      <h1>{t('title')}</h1>
      <section className="panel" aria-labelledby="queues-live-title" data-testid="queues-live">
        <h2 id="queues-live-title">{t('live.title')}</h2>
        <p className="muted">{live.source === 'runtime' ? t('live.fromRuntime') : t('live.fromDatabase')}</p>
        {live.queues.length === 0 ? (
          <p className="muted">{t('noDepartment')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('live.columns.department')}</th>
                <th scope="col">{t('live.columns.waiting')}</th>
                <th scope="col">{t('live.columns.callers')}</th>
                {live.source === 'runtime' ? <th scope="col">{t('live.columns.agents')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {live.queues.map((queue) => (
                <tr key={queue.department} data-department={queue.department}>
                  <th scope="row">{queue.department}</th>
                  <td data-testid="queues-waiting-count">{queue.waiting.length}</td>
                  <td>
                    {queue.waiting.length === 0 ? (
                      <span className="muted">{t('live.nobody')}</span>
                    ) : (
                      <ol className="queues-waiting">
                        {queue.waiting.map((caller) => (
                          <li key={caller.id}>
                            {[
                              caller.callerNumber || t('live.unknownNumber'),
                              t('live.waitingFor', { wait: wait(now - caller.enteredAt) }),
                              ...(caller.priority !== 0 ? [t('live.priority', { priority: caller.priority })] : []),
                              ...(caller.kind === 'callback' ? [t('live.toCallBack')] : []),
                            ].join(' · ')}
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                  {queue.agents ? <td data-testid="queues-agents-now">{agentsSummary(t, queue.agents)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="queues-report-title" data-testid="queues-report">
        <h2 id="queues-report-title">{t('report.title')}</h2>
        <Form method="get" className="history-filters">
          <label>
            {t('report.period')}{' '}
            <select name="period" defaultValue={period}>
              {REPORT_PERIODS.map((key) => (
                <option key={key} value={key}>
                  {t(`report.periods.${key}`)}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="submit">{t('report.show')}</button>
        </Form>
        <p className="muted">{t('report.explanation', { from: utc(range.from), to: utc(now) })}</p>
        {figures.length === 0 ? (
          <p className="muted">{t('noDepartment')}</p>
        ) : (
          <table data-testid="queues-report-table">
            <thead>
              <tr>
                <th scope="col">{t('report.columns.department')}</th>
                <th scope="col">{t('report.columns.queued')}</th>
                <th scope="col">{t('report.columns.answered')}</th>
                <th scope="col">{t('report.columns.abandoned')}</th>
                <th scope="col">{t('report.columns.abandonWait')}</th>
                <th scope="col">{t('report.columns.timeout')}</th>
                <th scope="col">{t('report.columns.callbacks')}</th>
                <th scope="col">{t('report.columns.other')}</th>
                <th scope="col">{t('report.columns.averageWait')}</th>
                <th scope="col">{t('report.columns.p90')}</th>
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
                  <td title={t('report.otherTitle')}>
                    {row.other}
                    {row.stillWaiting > 0 ? ` · ${t('report.stillWaiting', { count: row.stillWaiting })}` : ''}
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
            <summary>{t('report.agentsOf', { department: row.department })}</summary>
            {row.agents.length === 0 ? (
              <p className="muted">{t('report.noAgents')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('report.agentColumns.agent')}</th>
                    <th scope="col">{t('report.agentColumns.answered')}</th>
                    <th scope="col">{t('report.agentColumns.missedRings')}</th>
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
        <p className="muted">{t('report.footnote')}</p>
      </section>
    </>
  );
}
