// The periods the queue report (/queues) offers, shared by the page and its loader.

// Their names are in the catalogues (queues:report.periods).
export const REPORT_PERIODS = ['today', '7d'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export function parseReportPeriod(value: string | null): ReportPeriod {
  return value === '7d' ? '7d' : 'today';
}

/** [from, to) of a period: today from midnight UTC, or the 7 days up to now. */
export function periodRange(period: ReportPeriod, now: number): { from: number; to: number } {
  if (period === '7d') return { from: now - 7 * 24 * 3_600_000, to: now + 1 };
  const midnight = new Date(now);
  midnight.setUTCHours(0, 0, 0, 0);
  return { from: midnight.getTime(), to: now + 1 };
}
