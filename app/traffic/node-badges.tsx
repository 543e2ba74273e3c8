import './traffic.css';
import { useCanvasOverlay } from './overlay-context.ts';

/** Under a node's title: calls in it now (real, and test calls apart) and, with the traffic shown, its hang-ups. */
export function NodeOverlayBadges({ nodeId }: { nodeId: string }) {
  const { live, dropOff } = useCanvasOverlay();
  const real = live.real[nodeId] ?? 0;
  const test = live.simulated[nodeId] ?? 0;
  const hungUp = dropOff?.get(nodeId) ?? 0;
  if (real === 0 && test === 0 && hungUp === 0) return null;
  return (
    <div className="canvas-node-overlay">
      {real > 0 ? (
        <span
          className="badge live"
          data-testid={`live-count-${nodeId}`}
          data-count={real}
          title="Calls in this step now"
        >
          ● {real} live
        </span>
      ) : null}
      {test > 0 ? (
        <span
          className="badge live-test"
          data-testid={`live-test-count-${nodeId}`}
          data-count={test}
          title="Test calls in this step now"
        >
          ● {test} test
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
