import { PERIOD_PRESETS, type PeriodPreset } from './period.ts';
import type { useTraffic } from './use-traffic.ts';

// The strip above the canvas while the traffic overlay is on: which period, real or test calls, and how many calls.

type Traffic = ReturnType<typeof useTraffic>;

export function TrafficBar({ traffic, onClose }: { traffic: Traffic; onClose: () => void }) {
  const { settings, change, state, shown } = traffic;
  const summary =
    state.status === 'failed'
      ? state.error
      : shown
        ? `${shown.calls} ${settings.simulated ? 'test ' : ''}call${shown.calls === 1 ? '' : 's'} in the period${state.status === 'loading' ? ' (updating…)' : ''}`
        : 'Loading…';
  return (
    <div className="traffic-bar" role="group" aria-label="Traffic on the graph" data-testid="traffic-bar">
      <div className="traffic-presets" role="radiogroup" aria-label="Period">
        {PERIOD_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            role="radio"
            aria-checked={settings.preset === preset.id}
            data-testid={`traffic-period-${preset.id}`}
            onClick={() => change({ preset: preset.id as PeriodPreset })}
          >
            {preset.label}
          </button>
        ))}
      </div>
      {settings.preset === 'custom' ? (
        <span className="traffic-custom">
          <label>
            From{' '}
            <input
              type="datetime-local"
              data-testid="traffic-from"
              value={settings.customFrom}
              onChange={(event) => change({ customFrom: event.target.value })}
            />
          </label>
          <label>
            to{' '}
            <input
              type="datetime-local"
              data-testid="traffic-to"
              value={settings.customTo}
              onChange={(event) => change({ customTo: event.target.value })}
            />
          </label>
        </span>
      ) : null}
      <div className="traffic-kind" role="radiogroup" aria-label="Which calls">
        <button
          type="button"
          role="radio"
          aria-checked={!settings.simulated}
          data-testid="traffic-real"
          onClick={() => change({ simulated: false })}
        >
          Real calls
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={settings.simulated}
          data-testid="traffic-simulated"
          onClick={() => change({ simulated: true })}
        >
          Test calls
        </button>
      </div>
      <span
        className={`traffic-summary${state.status === 'failed' ? ' failed' : ''}`}
        data-testid="traffic-summary"
        data-status={state.status}
        data-calls={shown?.calls ?? ''}
        role="status"
      >
        {summary}
      </span>
      <button type="button" data-testid="traffic-refresh" onClick={traffic.reload} title="Count again">
        Refresh
      </button>
      <button type="button" onClick={onClose} aria-label="Hide the traffic">
        ×
      </button>
    </div>
  );
}
