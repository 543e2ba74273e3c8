import { formatWait, type QueueStayView } from './queue-stays.ts';

// The call page's "Queue" section: one block per stay in a department's queue, with every agent rung.

const utc = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 19);

export function QueueStaysSection({ stays }: { stays: readonly QueueStayView[] }) {
  if (stays.length === 0) return null;
  return (
    <section className="panel" data-testid="call-queue" aria-labelledby="call-queue-title">
      <h2 id="call-queue-title">Queue</h2>
      {stays.map((stay, index) => (
        <article key={stay.id} data-testid="queue-stay" data-outcome={stay.outcome ?? 'waiting'}>
          {stays.length > 1 ? <h3>Stay {index + 1}</h3> : null}
          <dl className="queue-stay-facts">
            <dt>Department</dt>
            <dd>{stay.department}</dd>
            <dt>Priority</dt>
            <dd>{stay.priority}</dd>
            <dt>Position on joining</dt>
            <dd>{stay.positionAtEntry}</dd>
            <dt>Joined (UTC)</dt>
            <dd>{utc(stay.enteredAt)}</dd>
            <dt>Left (UTC)</dt>
            <dd>{stay.leftAt === null ? 'still in the queue' : utc(stay.leftAt)}</dd>
            <dt>{stay.outcome === 'abandoned' ? 'Wait before hanging up' : 'Wait'}</dt>
            <dd data-testid="queue-stay-wait">{formatWait(stay.waitMs)}</dd>
            <dt>Outcome</dt>
            <dd data-testid="queue-stay-outcome">
              <strong>{stay.outcomeLabel}</strong>
            </dd>
            <dt>Answered by</dt>
            <dd data-testid="queue-stay-answered-by">{stay.answeredBy ?? '—'}</dd>
          </dl>
          {stay.rings.length === 0 ? (
            <p className="muted">No agent was rung.</p>
          ) : (
            <table data-testid="queue-stay-rings">
              <caption>Agents rung</caption>
              <thead>
                <tr>
                  <th scope="col">+s after joining</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {stay.rings.map((ring, ringIndex) => (
                  <tr key={ringIndex} data-outcome={ring.outcome}>
                    <td>{((ring.at - stay.enteredAt) / 1000).toFixed(1)}</td>
                    <td>{ring.username}</td>
                    <td>{ring.outcomeLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  );
}
