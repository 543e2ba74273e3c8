import { useTranslation } from 'react-i18next';
import './traffic.css';
import { useCanvasOverlay } from './overlay-context.ts';

/** The mark of calls in progress, before their count. */
const LIVE = '●';

/**
 * Under a node's title: calls in it now (real, and test calls apart) and, with the traffic shown, its hang-ups. In a
 * queue node (`queue`) the calls are told apart: waiting for an agent, or talking to one.
 */
export function NodeOverlayBadges({ nodeId, queue = false }: { nodeId: string; queue?: boolean }) {
  const { t } = useTranslation('editor');
  const { live, dropOff } = useCanvasOverlay();
  const real = live.real[nodeId] ?? 0;
  const test = live.simulated[nodeId] ?? 0;
  const split = (count: number, waiting: number, simulated: boolean) => {
    const talking = Math.max(0, count - waiting);
    const values = { waiting, talking };
    return {
      text: t(simulated ? 'traffic.badges.queueTest' : 'traffic.badges.queue', values),
      title: t(simulated ? 'traffic.badges.queueTestTitle' : 'traffic.badges.queueTitle', values),
      waiting,
      talking,
    };
  };
  const realQueue = queue ? split(real, live.waiting?.real[nodeId] ?? 0, false) : null;
  const testQueue = queue ? split(test, live.waiting?.simulated[nodeId] ?? 0, true) : null;
  const hungUp = dropOff?.get(nodeId) ?? 0;
  if (real === 0 && test === 0 && hungUp === 0) return null;
  return (
    <div className="canvas-node-overlay">
      {real > 0 ? (
        <span
          className="badge live"
          data-testid={`live-count-${nodeId}`}
          data-count={real}
          data-waiting={realQueue?.waiting}
          data-talking={realQueue?.talking}
          title={realQueue ? realQueue.title : t('traffic.badges.liveTitle')}
        >
          {LIVE} {realQueue ? realQueue.text : t('traffic.badges.live', { count: real })}
        </span>
      ) : null}
      {test > 0 ? (
        <span
          className="badge live-test"
          data-testid={`live-test-count-${nodeId}`}
          data-count={test}
          data-waiting={testQueue?.waiting}
          data-talking={testQueue?.talking}
          title={testQueue ? testQueue.title : t('traffic.badges.liveTestTitle')}
        >
          {LIVE} {testQueue ? testQueue.text : t('traffic.badges.liveTest', { count: test })}
        </span>
      ) : null}
      {hungUp > 0 ? (
        <span
          className="badge drop-off"
          data-testid={`drop-off-${nodeId}`}
          data-count={hungUp}
          title={t('traffic.badges.hungUpTitle')}
        >
          {t('traffic.badges.hungUp', { count: hungUp })}
        </span>
      ) : null}
    </div>
  );
}
