import { useTranslation } from 'react-i18next';
import { translateMessage } from '#app/i18n/translate-message.ts';
import { PERIOD_PRESETS } from './period.ts';
import type { useTraffic } from './use-traffic.ts';

// The strip above the canvas while the traffic overlay is on: which period, real or test calls, and how many calls.

type Traffic = ReturnType<typeof useTraffic>;

export function TrafficBar({ traffic, onClose }: { traffic: Traffic; onClose: () => void }) {
  const { t } = useTranslation('editor');
  const { settings, change, state, shown } = traffic;
  const counted = shown
    ? t(settings.simulated ? 'traffic.testCalls' : 'traffic.calls', { count: shown.calls })
    : t('traffic.loading');
  const summary =
    state.status === 'failed'
      ? translateMessage(t, state.error)
      : shown && state.status === 'loading'
        ? t('traffic.updating', { summary: counted })
        : counted;
  return (
    <div className="traffic-bar" role="group" aria-label={t('traffic.label')} data-testid="traffic-bar">
      <div className="traffic-presets" role="radiogroup" aria-label={t('traffic.period')}>
        {PERIOD_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            role="radio"
            aria-checked={settings.preset === preset}
            data-testid={`traffic-period-${preset}`}
            onClick={() => change({ preset })}
          >
            {t(`traffic.presets.${preset}`)}
          </button>
        ))}
      </div>
      {settings.preset === 'custom' ? (
        <span className="traffic-custom">
          <label>
            {t('traffic.from')}{' '}
            <input
              type="datetime-local"
              data-testid="traffic-from"
              value={settings.customFrom}
              onChange={(event) => change({ customFrom: event.target.value })}
            />
          </label>
          <label>
            {t('traffic.to')}{' '}
            <input
              type="datetime-local"
              data-testid="traffic-to"
              value={settings.customTo}
              onChange={(event) => change({ customTo: event.target.value })}
            />
          </label>
        </span>
      ) : null}
      <div className="traffic-kind" role="radiogroup" aria-label={t('traffic.which')}>
        <button
          type="button"
          role="radio"
          aria-checked={!settings.simulated}
          data-testid="traffic-real"
          onClick={() => change({ simulated: false })}
        >
          {t('traffic.real')}
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={settings.simulated}
          data-testid="traffic-simulated"
          onClick={() => change({ simulated: true })}
        >
          {t('traffic.test')}
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
      <button type="button" data-testid="traffic-refresh" onClick={traffic.reload} title={t('traffic.refreshTitle')}>
        {t('traffic.refresh')}
      </button>
      <button type="button" onClick={onClose} aria-label={t('traffic.hide')}>
        ×
      </button>
    </div>
  );
}
