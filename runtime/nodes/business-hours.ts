import { evaluateCalendar, type CalendarBranch } from '#flows/calendar/calendar.ts';
import { branch, type NodeExecutor } from './executor.ts';

// Business hours: reads the node's calendar as it is at this moment (its switch included) and takes the branch the
// calendar gives for the business clock's now (flows/calendar/calendar.ts, precedence: switch, closures and public
// holidays, weekly hours). Two fallbacks, each written in the call's history:
// - a holiday or closure with no `holiday` edge takes `closed` (documented in docs/flow-format.md);
// - a calendar that no longer exists (or cannot be read) takes `closed`: the safest guess for a caller.

export const businessHoursExecutor: NodeExecutor<'business-hours'> = {
  async run(node, context) {
    const { calendarId } = node.data;
    const at = context.now();
    let calendar;
    try {
      calendar = context.calendars.calendar(calendarId);
    } catch (error) {
      context.record({
        kind: 'note',
        detail: {
          message: `the calendar "${calendarId}" could not be read (${error instanceof Error ? error.message : String(error)}): taking the closed branch`,
          calendarId,
          at: at.toISOString(),
          branch: 'closed',
        },
      });
      return branch('closed');
    }
    if (!calendar) {
      context.record({
        kind: 'note',
        detail: {
          message: `the calendar "${calendarId}" no longer exists: taking the closed branch`,
          calendarId,
          at: at.toISOString(),
          branch: 'closed',
        },
      });
      return branch('closed');
    }
    const verdict = evaluateCalendar(calendar, at);
    const taken: CalendarBranch =
      verdict.branch === 'holiday' && !context.connectedBranches.has('holiday') ? 'closed' : verdict.branch;
    context.record({
      kind: 'note',
      detail: {
        message:
          taken === verdict.branch
            ? `${calendar.name}: ${verdict.reason}`
            : `${calendar.name}: ${verdict.reason}; no holiday branch, so the closed branch`,
        calendarId,
        calendar: calendar.name,
        at: at.toISOString(),
        branch: taken,
        reason: verdict.reason,
      },
    });
    return branch(taken);
  },
};
