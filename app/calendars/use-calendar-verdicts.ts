import { useEffect, useState } from 'react';
import type { CalendarVerdictView } from '#app/editor/editor-context.ts';

// The editor's "what happens at time T": the verdict of every calendar at the date-time chosen in the test call
// panel, from GET /calendars/verdicts?at=... (evaluated on the server: the holiday data never reaches the browser).

/** The instant a datetime-local value ("2026-12-25T10:00") names in the browser's time zone, as ISO; null if none. */
export function instantOfLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function useCalendarVerdicts(at: string | null): ReadonlyMap<string, CalendarVerdictView> | null {
  const [verdicts, setVerdicts] = useState<ReadonlyMap<string, CalendarVerdictView> | null>(null);
  useEffect(() => {
    if (!at) {
      setVerdicts(null);
      return;
    }
    const controller = new AbortController();
    fetch(`/calendars/verdicts?at=${encodeURIComponent(at)}`, {
      credentials: 'same-origin',
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { verdicts?: Record<string, CalendarVerdictView> } | null) => {
        if (!controller.signal.aborted) setVerdicts(body?.verdicts ? new Map(Object.entries(body.verdicts)) : null);
      })
      .catch(() => {
        if (!controller.signal.aborted) setVerdicts(null);
      });
    return () => controller.abort();
  }, [at]);
  return verdicts;
}
