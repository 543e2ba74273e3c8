// /calls/:callId: one call, its path drawn on the graph it ran (read-only), time per node, and every event.
import '#app/simulator/test-call.css';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { documentToCanvas } from '#app/editor/conversion.ts';
import { eventsForDisplay, simulatedDraftOf, startVersionId } from '#app/history/call-graph.ts';
import { durationMs, formatDuration, outcomeLabel } from '#app/history/filters.ts';
import { markEdges, markNodes, pathFromEvents } from '#app/simulator/path.ts';
import { flowDocumentForRole } from '#flows/redact.ts';
import { requireRole } from '../auth.server.ts';
import { ReadOnlyGraph } from '#app/editor/read-only-graph.tsx';
import { QueueStaysSection } from '#app/queues/queue-stays-section.tsx';
import { loadCallDetail } from './calls.server.ts';
import type { Route } from './+types/calls.detail';

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `Call to ${data?.call.dialledNumber ?? '?'} · Switchboard` }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const found = loadCallDetail(context.services.db, params.callId);
  if (!found) throw new Response(`There is no call "${params.callId}".`, { status: 404, statusText: 'Not found' });
  const { call, version, queueStays } = found;
  const draft = version ? null : simulatedDraftOf(call.events);
  const { events: _all, ...summary } = call;
  return {
    call: summary,
    graph: version
      ? { document: flowDocumentForRole(version.document, account.role), label: `version ${version.number}` }
      : draft
        ? { document: flowDocumentForRole(draft.document, account.role), label: `draft revision ${draft.revision}` }
        : null,
    startVersionId: startVersionId(call),
    events: eventsForDisplay(call.events),
    queueStays,
  };
}

export default function CallPage({ loaderData }: Route.ComponentProps) {
  const { call, graph, events, queueStays, startVersionId: versionId } = loaderData;
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
        <Link to="/calls">← Call history</Link>
      </p>
      <h1>
        Call to {call.dialledNumber} {call.simulated ? <span className="badge">test call</span> : null}
      </h1>
      <section className="panel" data-testid="call-summary">
        <p>
          {new Date(call.startedAt).toISOString().replace('T', ' ').slice(0, 19)} UTC · from{' '}
          {call.callerNumber || 'unknown'}
          {call.callerName ? ` (${call.callerName})` : ''} · {call.flowName ?? 'no flow'}
          {graph ? ` ${graph.label}` : ''} · {formatDuration(durationMs(call))} ·{' '}
          <strong>{outcomeLabel(call.outcome)}</strong>
          {call.reason ? ` — ${call.reason}` : ''}
        </p>
      </section>
      {canvas ? (
        <ReadOnlyGraph nodes={nodes} edges={edges} testId="call-graph" />
      ) : (
        <p className="muted">
          {events.some((event) => event.kind === 'note' && typeof event.detail?.featureCode === 'string')
            ? `${call.dialledNumber} is a feature code: Switchboard answered it itself, without a flow (see the events).`
            : 'The graph of this call is not available (the number was not in service).'}
        </p>
      )}
      <QueueStaysSection stays={queueStays} />
      {path.timeByNode.size > 0 ? (
        <section className="panel">
          <h2>Time per step</h2>
          <table data-testid="call-time-per-node">
            <tbody>
              {[...path.timeByNode].map(([nodeId, ms]) => (
                <tr key={nodeId}>
                  <td>{nodeId}</td>
                  <td>{(ms / 1000).toFixed(1)} s</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section className="panel">
        <h2>Events</h2>
        <table data-testid="call-events">
          <thead>
            <tr>
              <th>+s</th>
              <th>Event</th>
              <th>Step</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.seq} data-kind={event.kind}>
                <td>{((event.at - start) / 1000).toFixed(1)}</td>
                <td>{event.kind}</td>
                <td>{event.nodeId ?? ''}</td>
                <td>
                  {event.branch ? `→ ${event.branch} ` : ''}
                  {event.digits ? `keys ${event.digits} ` : ''}
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
