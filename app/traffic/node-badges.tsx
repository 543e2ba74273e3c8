import './traffic.css';
import { useCanvasOverlay } from './overlay-context.ts';

/**
 * Under a node's title: calls in it now (real, and test calls apart) and, with the traffic shown, its hang-ups. In a
 * queue node (`queue`) the calls are told apart: waiting for an agent, or talking to one.
 */
export function NodeOverlayBadges({ nodeId, queue = false }: { nodeId: string; queue?: boolean }) {
  const { live, dropOff } = useCanvasOverlay();
  const real = live.real[nodeId] ?? 0;
  const test = live.simulated[nodeId] ?? 0;
  const split = (count: number, waiting: number, kind: string) => {
    const talking = Math.max(0, count - waiting);
    return {
      text: `${waiting} waiting · ${talking} talking${kind}`,
      title: `${kind ? 'Test calls' : 'Calls'} in this queue now: ${waiting} waiting for an agent, ${talking} talking to one`,
      waiting,
      talking,
    };
  };
  const realQueue = queue ? split(real, live.waiting?.real[nodeId] ?? 0, '') : null;
  const testQueue = queue ? split(test, live.waiting?.simulated[nodeId] ?? 0, ' (test)') : null;
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
          title={realQueue ? realQueue.title : 'Calls in this step now'}
        >
          ● {realQueue ? realQueue.text : `${real} live`}
        </span>
      ) : null}
      {test > 0 ? (
        <span
          className="badge live-test"
          data-testid={`live-test-count-${nodeId}`}
          data-count={test}
          data-waiting={testQueue?.waiting}
          data-talking={testQueue?.talking}
          title={testQueue ? testQueue.title : 'Test calls in this step now'}
        >
          ● {testQueue ? testQueue.text : `${test} test`}
        </span>
      ) : null}
      {hungUp > 0 ? (
        <span
          className="badge drop-off"
          data-testid={`drop-off-${nodeId}`}
          data-count={hungUp}
          title="Callers who hung up in this step during the period"
        >
          {hungUp} hung up
        </span>
      ) : null}
    </div>
  );
}
