// /calls/:callId: one call, its path drawn on the graph it ran (read-only), time per node, and every event.
import '#app/simulator/test-call.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { documentToCanvas } from '#app/editor/conversion.ts';
import { eventsForDisplay, simulatedDraftOf, startVersionId } from '#app/history/call-graph.ts';
import { durationMs, outcomeLabel } from '#app/history/filters.ts';
import { markEdges, markNodes, pathFromEvents } from '#app/simulator/path.ts';
import { isNodeType } from '#flows/catalogue.ts';
import { nodeTitle } from '#flows/node-texts.ts';
import { flowDocumentForRole } from '#flows/redact.ts';
import { requireRole } from '../auth.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { useFormat } from '../i18n/use-format.ts';
import { ReadOnlyGraph } from '#app/editor/read-only-graph.tsx';
import { QueueStaysSection } from '#app/queues/queue-stays-section.tsx';
import { loadCallDetail } from './calls.server.ts';
import type { Route } from './+types/calls.detail';

export function meta({ data, matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'calls:detail.title', { number: data?.call.dialledNumber ?? '?' }) }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const found = loadCallDetail(context.services.db, params.callId);
  const t = requestTranslator(request, context);
  if (!found) {
    throw new Response(t('calls:detail.notFound', { callId: params.callId }), {
      status: 404,
      statusText: 'Not found',
    });
  }
  const { call, version, queueStays } = found;
  const draft = version ? null : simulatedDraftOf(call.events);
  const { events: _all, ...summary } = call;
  return {
    call: summary,
    graph: version
      ? { document: flowDocumentForRole(version.document, account.role), version: version.number, revision: null }
      : draft
        ? { document: flowDocumentForRole(draft.document, account.role), version: null, revision: draft.revision }
        : null,
    startVersionId: startVersionId(call),
    events: eventsForDisplay(call.events, t),
    queueStays,
  };
}

export default function CallPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation(['calls', 'common']);
  const format = useFormat();
  const { call, graph, events, queueStays, startVersionId: versionId } = loaderData;
  const seconds = (ms: number) =>
    format.number(ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  const callDuration = durationMs(call);
  const graphLabel = !graph
    ? ''
    : graph.version !== null
      ? t('detail.graphVersion', { number: graph.version })
      : t('detail.graphDraft', { revision: graph.revision });
  // Only the events of the graph drawn: after a goto, nodes of another flow would light up ids that mean nothing here.
  const path = useMemo(
    () => pathFromEvents(events.filter((event) => event.versionId === versionId)),
    [events, versionId],
  );
  const canvas = useMemo(() => (graph ? documentToCanvas(graph.document) : null), [graph]);
  const nodes = useMemo(() => (canvas ? markNodes(canvas.nodes, path) : []), [canvas, path]);
  const edges = useMemo(() => (canvas ? markEdges(canvas.edges, path) : []), [canvas, path]);
  const start = events[0]?.at ?? call.startedAt;

  return (
    <>
      <p>
        <Link to="/calls">{t('detail.back')}</Link>
      </p>
      <h1>
        {t('detail.heading', { number: call.dialledNumber })}{' '}
        {call.simulated ? <span className="badge">{t('detail.testCall')}</span> : null}
      </h1>
      <section className="panel" data-testid="call-summary">
        <p>
          {t('detail.startedUtc', { time: new Date(call.startedAt).toISOString().replace('T', ' ').slice(0, 19) })} ·{' '}
          {t('detail.from', {
            caller: `${call.callerNumber || t('detail.unknown')}${call.callerName ? ` (${call.callerName})` : ''}`,
          })}{' '}
          · {call.flowName ?? t('detail.noFlow')}
          {graphLabel ? ` ${graphLabel}` : ''} ·{' '}
          {callDuration === null ? t('outcomes.running') : format.duration(callDuration / 1000)} ·{' '}
          <strong>{outcomeLabel(call.outcome, t)}</strong>
          {call.reason ? ` — ${call.reason}` : ''}
        </p>
      </section>
      {canvas ? (
        <ReadOnlyGraph nodes={nodes} edges={edges} testId="call-graph" />
      ) : (
        <p className="muted">
          {events.some((event) => event.kind === 'note' && typeof event.detail?.featureCode === 'string')
            ? t('detail.featureCode', { number: call.dialledNumber })
            : t('detail.noGraph')}
        </p>
      )}
      <QueueStaysSection stays={queueStays} />
      {path.timeByNode.size > 0 ? (
        <section className="panel">
          <h2>{t('detail.timePerStep')}</h2>
          <table data-testid="call-time-per-node">
            <tbody>
              {[...path.timeByNode].map(([nodeId, ms]) => (
                <tr key={nodeId}>
                  <td>{nodeId}</td>
                  <td>{t('detail.seconds', { value: seconds(ms) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="panel">
        <h2>{t('detail.events')}</h2>
        <table data-testid="call-events">
          <thead>
            <tr>
              <th>{t('detail.columns.offset')}</th>
              <th>{t('detail.columns.event')}</th>
              <th>{t('detail.columns.step')}</th>
              <th>{t('detail.columns.details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.seq} data-kind={event.kind}>
                <td>{seconds(event.at - start)}</td>
                <td>{t(`eventKinds.${event.kind}`)}</td>
                <td>
                  {event.nodeId ?? ''}
                  {event.nodeType && isNodeType(event.nodeType) ? (
                    <span className="muted"> · {nodeTitle(event.nodeType, t)}</span>
                  ) : null}
                </td>
                <td>
                  {event.branch ? `${t('detail.branch', { branch: event.branch })} ` : ''}
                  {event.digits ? `${t('detail.keys', { digits: event.digits })} ` : ''}
                  {typeof event.detail?.text === 'string' ? `“${event.detail.text}” ` : ''}
                  {event.detail && typeof event.detail.text !== 'string' ? (
                    <code>{JSON.stringify(event.detail)}</code>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
