import { describe, expect, it } from 'vitest';
import { parseCalendar, type CalendarInput } from '#flows/calendar/calendar.ts';
import { MemoryCalendarDirectory } from '../memory-ports.ts';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';

const office = (input: Partial<CalendarInput> = {}) => parseCalendar({ name: 'Accueil', ...input });

/** start -> hours -> a say node per connected branch; `branches` says which branches have an edge. */
function hoursFlow(branches: ('open' | 'closed' | 'holiday')[] = ['open', 'closed', 'holiday'], calendarId = 'cal_1') {
  return typedFlow({
    numbers: ['7700'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('hours', 'business-hours', { calendarId }),
      draftNode('open', 'say', { text: 'Bonjour, nous sommes ouverts.' }),
      draftNode('closed', 'say', { text: 'Nous sommes fermés.' }),
      draftNode('holiday', 'say', { text: 'Jour férié.' }),
    ],
    edges: [connect('start', 'next', 'hours'), ...branches.map((id) => connect('hours', id, id))],
  });
}

async function callAt(
  iso: string,
  options: { calendars?: MemoryCalendarDirectory; branches?: ('open' | 'closed' | 'holiday')[] } = {},
) {
  const harness = simulate({
    flows: [{ flowId: 'f', document: hoursFlow(options.branches) }],
    dialledNumber: '7700',
    calendars: options.calendars ?? new MemoryCalendarDirectory({ cal_1: office() }),
    clock: () => new Date(iso),
  });
  const summary = await harness.run();
  const left = harness.events().find((event) => event.kind === 'node-left' && event.nodeId === 'hours');
  const note = harness.events().find((event) => event.kind === 'note' && event.nodeId === 'hours');
  return { summary, branch: left?.branch, note: note?.detail, visited: harness.visited() };
}

describe('business-hours executor', () => {
  it('takes open inside the hours, closed outside, holiday on a public holiday, and says why in history', async () => {
    // GIVEN the default calendar (Monday to Friday, Paris), WHEN calls arrive at three moments
    const open = await callAt('2026-12-07T09:00:00Z');
    const closed = await callAt('2026-12-12T10:00:00Z');
    const holiday = await callAt('2026-12-25T09:00:00Z');
    // THEN each takes its branch and leads to its node
    expect(open.branch).toBe('open');
    expect(open.visited).toEqual(['start', 'hours', 'open']);
    expect(closed.branch).toBe('closed');
    expect(closed.visited).toEqual(['start', 'hours', 'closed']);
    expect(holiday.branch).toBe('holiday');
    expect(holiday.visited).toEqual(['start', 'hours', 'holiday']);
    // AND the history says why
    expect(holiday.note).toMatchObject({
      message: 'Accueil: Christmas Day (public holiday in France)',
      calendar: 'Accueil',
      calendarId: 'cal_1',
      at: '2026-12-25T09:00:00.000Z',
      branch: 'holiday',
    });
    expect(closed.note?.message).toBe('Accueil: outside opening hours: Saturday');
    expect(open.summary.outcome).toBe('completed');
  });

  it('takes closed on a holiday when the holiday branch is not connected, and says so', async () => {
    const result = await callAt('2026-12-25T09:00:00Z', { branches: ['open', 'closed'] });
    expect(result.branch).toBe('closed');
    expect(result.visited).toEqual(['start', 'hours', 'closed']);
    expect(result.note?.message).toBe(
      'Accueil: Christmas Day (public holiday in France); no holiday branch, so the closed branch',
    );
  });

  it('ends the call when closed and the closed branch is not connected', async () => {
    const result = await callAt('2026-12-12T10:00:00Z', { branches: ['open'] });
    expect(result.branch).toBe('closed');
    expect(result.visited).toEqual(['start', 'hours']);
    expect(result.summary.outcome).toBe('completed');
  });

  it('reads the calendar at each call: the switch flipped between two calls changes the way', async () => {
    const calendars = new MemoryCalendarDirectory({ cal_1: office() });
    expect((await callAt('2026-12-07T09:00:00Z', { calendars })).branch).toBe('open');
    calendars.set('cal_1', office({ override: { state: 'closed', reason: 'weather', setAt: 0, setBy: 'alice' } }));
    const switched = await callAt('2026-12-07T09:00:00Z', { calendars });
    expect(switched.branch).toBe('closed');
    expect(switched.note?.message).toBe('Accueil: closed: weather (switched by alice)');
  });

  it('takes closed with a note when the calendar no longer exists or cannot be read', async () => {
    const gone = await callAt('2026-12-07T09:00:00Z', { calendars: new MemoryCalendarDirectory() });
    expect(gone.branch).toBe('closed');
    expect(gone.note?.message).toBe('the calendar "cal_1" no longer exists: taking the closed branch');
    expect(gone.summary.outcome).toBe('completed');

    const broken = await callAt('2026-12-07T09:00:00Z', {
      calendars: {
        calendar: () => {
          throw new Error('disk on fire');
        },
      } as unknown as MemoryCalendarDirectory,
    });
    expect(broken.branch).toBe('closed');
    expect(broken.note?.message).toMatch(/could not be read \(disk on fire\): taking the closed branch/);
  });

  it('fails like other services when the runtime has no calendars at all', async () => {
    const harness = simulate({ flows: [{ flowId: 'f', document: hoursFlow() }], dialledNumber: '7700' });
    // The directory is missing entirely (not a missing calendar): the note says it could not be read, closed.
    await harness.run();
    const left = harness.events().find((event) => event.kind === 'node-left' && event.nodeId === 'hours');
    expect(left?.branch).toBe('closed');
  });
});
