import { useTranslation } from 'react-i18next';
import { usePageLanguage } from '../i18n/use-language.ts';
import { useFormat } from '../i18n/use-format.ts';
import { ringOutcomeLabel, stayOutcomeLabel, type QueueStayView } from './queue-stays.ts';
import { utcDateTimeFormat } from './utc-time.ts';

// The call page's "Queue" section: one block per stay in a department's queue, with every agent rung.

export function QueueStaysSection({ stays }: { stays: readonly QueueStayView[] }) {
  const { t } = useTranslation(['queues', 'common']);
  const format = useFormat();
  const utc = utcDateTimeFormat(usePageLanguage(), { seconds: true });
  if (stays.length === 0) return null;
  const wait = (ms: number | null) => (ms === null ? '—' : format.duration(ms / 1000));
  return (
    <section className="panel" data-testid="call-queue" aria-labelledby="call-queue-title">
      <h2 id="call-queue-title">{t('stays.title')}</h2>
      {stays.map((stay, index) => (
        <article key={stay.id} data-testid="queue-stay" data-outcome={stay.outcome ?? 'waiting'}>
          {stays.length > 1 ? <h3>{t('stays.stay', { number: index + 1 })}</h3> : null}
          <dl className="queue-stay-facts">
            <dt>{t('stays.department')}</dt>
            <dd>{stay.department}</dd>
            <dt>{t('stays.priority')}</dt>
            <dd>{stay.priority}</dd>
            <dt>{t('stays.position')}</dt>
            <dd>{stay.positionAtEntry}</dd>
            <dt>{t('stays.joined')}</dt>
            <dd>{utc(stay.enteredAt)}</dd>
            <dt>{t('stays.left')}</dt>
            <dd>{stay.leftAt === null ? t('stays.stillInQueue') : utc(stay.leftAt)}</dd>
            <dt>{stay.outcome === 'abandoned' ? t('stays.waitBeforeHangingUp') : t('stays.wait')}</dt>
            <dd data-testid="queue-stay-wait">{wait(stay.waitMs)}</dd>
            <dt>{t('stays.outcome')}</dt>
            <dd data-testid="queue-stay-outcome">
              <strong>{stayOutcomeLabel(stay.outcome, t)}</strong>
            </dd>
            <dt>{t('stays.answeredBy')}</dt>
            <dd data-testid="queue-stay-answered-by">{stay.answeredBy ?? '—'}</dd>
          </dl>
          {stay.rings.length === 0 ? (
            <p className="muted">{t('stays.noRings')}</p>
          ) : (
            <table data-testid="queue-stay-rings">
              <caption>{t('stays.ringsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('stays.ringColumns.after')}</th>
                  <th scope="col">{t('stays.ringColumns.agent')}</th>
                  <th scope="col">{t('stays.ringColumns.result')}</th>
                </tr>
              </thead>
              <tbody>
                {stay.rings.map((ring, ringIndex) => (
                  <tr key={ringIndex} data-outcome={ring.outcome}>
                    <td>
                      {format.number((ring.at - stay.enteredAt) / 1000, {
                        minimumFractionDigits: 1,
                        maximumFractionDigits: 1,
                      })}
                    </td>
                    <td>{ring.username}</td>
                    <td>{ringOutcomeLabel(ring.outcome, t)}</td>
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
