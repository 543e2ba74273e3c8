import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CanvasTraffic } from './canvas-traffic.ts';
import { presetPeriod, trafficSearch, type Period, type PeriodPreset } from './period.ts';

// The traffic overlay's state in the browser: on or off, the period picked, real or test calls, and the figures.

export interface TrafficSettings {
  preset: PeriodPreset;
  /** For 'custom': the datetime-local values typed ("2026-11-26T08:00"), read in the browser's time zone. */
  customFrom: string;
  customTo: string;
  simulated: boolean;
}

export type TrafficState =
  | { status: 'off' }
  | { status: 'loading'; previous: CanvasTraffic | null }
  | { status: 'shown'; traffic: CanvasTraffic }
  | { status: 'failed'; error: string };

/** The period the settings mean now, or an error to show instead (a catalogue key, see translateMessage). */
export function periodOf(settings: TrafficSettings, now: number): Period | { error: string } {
  if (settings.preset !== 'custom') return presetPeriod(settings.preset, now);
  const from = Date.parse(settings.customFrom);
  const to = Date.parse(settings.customTo);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { error: 'editor:traffic.errors.choosePeriod' };
  if (from > to) return { error: 'editor:traffic.errors.startsAfterEnd' };
  return { from, to };
}

export function useTraffic(flowId: string, enabled: boolean) {
  const [settings, setSettings] = useState<TrafficSettings>({
    preset: 'today',
    customFrom: '',
    customTo: '',
    simulated: false,
  });
  const [state, setState] = useState<TrafficState>({ status: 'off' });
  const { t } = useTranslation('editor');
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (!enabled) {
      setState({ status: 'off' });
      return;
    }
    const period = periodOf(settings, Date.now());
    if ('error' in period) {
      setState({ status: 'failed', error: period.error });
      return;
    }
    const controller = new AbortController();
    setState((current) => ({ status: 'loading', previous: current.status === 'shown' ? current.traffic : null }));
    fetch(`/flows/${encodeURIComponent(flowId)}/traffic?${trafficSearch(period, settings.simulated)}`, {
      credentials: 'same-origin',
      signal: controller.signal,
    })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as (CanvasTraffic & { error?: string }) | null;
        if (!response.ok || !body)
          throw new Error(body?.error ?? t('errors.serverAnswered', { status: response.status }));
        setState({ status: 'shown', traffic: body });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [enabled, flowId, settings, reloads, t]);

  const shown = state.status === 'shown' ? state.traffic : state.status === 'loading' ? state.previous : null;
  const change = useCallback(
    (patch: Partial<TrafficSettings>) => setSettings((current) => ({ ...current, ...patch })),
    [],
  );
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { settings, change, state, shown, reload };
}
