// What the queue report (/queues) reads: queue_calls of a period (db/queues.ts) and the callers waiting now, from the
// runtime of this process when it runs here, otherwise from the places the runtime saves in the database.
import type { SwitchboardDb } from '#db/client.ts';
import { listDepartments } from '#db/departments.ts';
import { queueCallsBetween, savedQueuePlaces } from '#db/queues.ts';
import { queueReportOf, type DepartmentFigures } from '#app/queues/queue-report.ts';
import { periodRange, type ReportPeriod } from '#app/queues/report-periods.ts';
import type { SwitchboardServices } from '#server/services.ts';

export interface WaitingCaller {
  id: string;
  kind: 'caller' | 'callback';
  priority: number;
  callerNumber: string;
  enteredAt: number;
}

export interface LiveQueue {
  department: string;
  waiting: WaitingCaller[];
  /** Agents and their states: only when the runtime runs in this process. */
  agents: { username: string; state: string }[] | null;
}

export interface QueuesPage {
  period: ReportPeriod;
  range: { from: number; to: number };
  figures: DepartmentFigures[];
  live: { source: 'runtime' | 'database'; queues: LiveQueue[] };
  now: number;
}

export function loadQueuesPage(
  services: Pick<SwitchboardServices, 'db' | 'queues'>,
  period: ReportPeriod,
  now = Date.now(),
): QueuesPage {
  const { db } = services;
  const departments = listDepartments(db);
  const range = periodRange(period, now);
  const figures = queueReportOf(
    queueCallsBetween(db, range),
    departments.map((department) => department.name),
  );
  // Every member shows in their department's figures, with zeros when nothing happened to them.
  for (const department of departments) {
    const row = figures.find((entry) => entry.department === department.name);
    if (!row) continue;
    for (const member of department.members)
      if (!row.agents.some((agent) => agent.username === member.username))
        row.agents.push({ username: member.username, answered: 0, missedRings: 0 });
  }
  return {
    period,
    range,
    figures,
    live: liveQueues(
      db,
      services.queues,
      departments.map((d) => d.name),
    ),
    now,
  };
}

function liveQueues(
  db: SwitchboardDb,
  snapshot: SwitchboardServices['queues'],
  departments: readonly string[],
): QueuesPage['live'] {
  if (snapshot) {
    return {
      source: 'runtime',
      queues: snapshot().map((queue) => ({
        department: queue.department,
        waiting: queue.waiting.map((entry) => ({
          id: entry.entryId,
          kind: entry.kind,
          priority: entry.priority,
          callerNumber: entry.callerNumber,
          enteredAt: entry.enteredAt,
        })),
        agents: queue.agents.map((agent) => ({ username: agent.username, state: agent.state })),
      })),
    };
  }
  const byDepartment = new Map<string, LiveQueue>(
    departments.map((name) => [name.toLowerCase(), { department: name, waiting: [], agents: null }]),
  );
  const places = savedQueuePlaces(db).sort((a, b) => b.priority - a.priority || a.seq - b.seq);
  for (const place of places) {
    const key = place.department.toLowerCase();
    const queue = byDepartment.get(key) ?? { department: place.department, waiting: [], agents: null };
    queue.waiting.push({
      id: place.id,
      kind: place.kind,
      priority: place.priority,
      callerNumber: place.callerNumber,
      enteredAt: place.enteredAt,
    });
    byDepartment.set(key, queue);
  }
  return { source: 'database', queues: [...byDepartment.values()] };
}
