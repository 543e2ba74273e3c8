import { z } from 'zod';

// The period a traffic view covers: the picker's presets (computed in the viewer's browser, so "today" is their
// today) and the query string both the API and the editor's overlay read: ?from=&to=&simulated=.

export type PeriodPreset = 'last-hour' | 'today' | 'last-7-days' | 'custom';

/** The picker's choices, in order; each is named by editor:traffic.presets.<id>. */
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['last-hour', 'today', 'last-7-days', 'custom'];

export interface Period {
  /** ms since the epoch, inclusive */
  from: number;
  /** ms since the epoch, exclusive */
  to: number;
}

const HOUR = 3_600_000;

/** A preset's period ending at `now`; "today" starts at local midnight. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, now: number): Period {
  switch (preset) {
    case 'last-hour':
      return { from: now - HOUR, to: now + 1 };
    case 'today': {
      const midnight = new Date(now);
      midnight.setHours(0, 0, 0, 0);
      return { from: midnight.getTime(), to: now + 1 };
    }
    case 'last-7-days':
      return { from: now - 7 * 24 * HOUR, to: now + 1 };
  }
}

/** A moment in the query string: milliseconds since the epoch, or an ISO 8601 date ("2026-11-26T08:00:00Z"). */
const instant = z.string().transform((text, context) => {
  const value = /^\d{1,15}$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) {
    context.addIssue({
      code: 'custom',
      message: `"${text}" is neither milliseconds since the epoch nor an ISO 8601 date`,
    });
    return z.NEVER;
  }
  return value;
});

const trafficQuerySchema = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    simulated: z
      .enum(['true', 'false', '1', '0'], { message: 'simulated must be true or false' })
      .optional()
      .transform((value) => value === 'true' || value === '1'),
  })
  .transform((query, context) => {
    const to = query.to ?? Date.now();
    const from = query.from ?? to - 24 * HOUR;
    if (from > to) {
      context.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to' });
      return z.NEVER;
    }
    return { from, to, simulated: query.simulated };
  });

export type TrafficQuery = z.output<typeof trafficQuerySchema>;

/** Reads ?from=&to=&simulated= (defaults: the last 24 hours, real calls). */
export function parseTrafficQuery(
  params: URLSearchParams,
): { ok: true; query: TrafficQuery } | { ok: false; issues: { path: string; message: string }[] } {
  const raw: Record<string, string> = {};
  for (const key of ['from', 'to', 'simulated']) {
    const value = params.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  const result = trafficQuerySchema.safeParse(raw);
  if (result.success) return { ok: true, query: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  };
}

/** The query string for a period, as parseTrafficQuery reads it. */
export function trafficSearch(period: Period, simulated: boolean): string {
  return new URLSearchParams({
    from: String(period.from),
    to: String(period.to),
    simulated: String(simulated),
  }).toString();
}
