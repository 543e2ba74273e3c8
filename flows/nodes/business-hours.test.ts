import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { connect, draftNode, flowDocument } from '../testing/documents.ts';
import { validateFlow } from '../validate.ts';
import { businessHoursNode } from './business-hours.ts';

function hoursFlow(branches: string[], calendarId = 'cal_1') {
  return flowDocument({
    numbers: ['7700'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('hours', 'business-hours', { calendarId }),
      draftNode('open', 'hangup'),
      draftNode('closed', 'hangup'),
      draftNode('holiday', 'hangup'),
    ],
    edges: [connect('start', 'next', 'hours'), ...branches.map((id) => connect('hours', id, id))],
  });
}

describe('business-hours node', () => {
  it('holds a calendar id, which must be chosen', () => {
    expect(businessHoursNode.data.parse({ calendarId: ' cal_1 ' })).toEqual({ calendarId: 'cal_1' });
    expect(businessHoursNode.data.safeParse(businessHoursNode.defaults()).error?.issues[0]?.message).toBe(
      'Choose a calendar',
    );
  });

  it('has the branches open (required), closed and holiday, named in words; instant, silent, no directory reference', () => {
    const data = { calendarId: 'cal_1' };
    expect(
      inEnglish(businessHoursNode.branches(data)).map(({ id, label, required }) => ({ id, label, required })),
    ).toEqual([
      { id: 'open', label: 'Open', required: true },
      { id: 'closed', label: 'Closed', required: false },
      { id: 'holiday', label: 'Holiday or closure', required: false },
    ]);
    expect(businessHoursNode.waitsForCaller).toBe(false);
    expect(businessHoursNode.spokenPrompts(data)).toEqual([]);
    expect(businessHoursNode.references(data)).toEqual([]);
    expect(businessHoursNode.calendars?.(data)).toEqual(['cal_1']);
  });

  it('validates with all three branches connected, and with holiday left out (it falls back to closed)', () => {
    expect(validateFlow(hoursFlow(['open', 'closed', 'holiday'])).diagnostics).toEqual([]);
    expect(validateFlow(hoursFlow(['open', 'closed'])).diagnostics.filter((d) => d.nodeId === 'hours')).toEqual([]);
  });

  it('warns, without blocking, when the closed branch is not connected; open unconnected is an error', () => {
    const result = validateFlow(hoursFlow(['open', 'holiday']));
    const hours = result.diagnostics.filter((diagnostic) => diagnostic.nodeId === 'hours');
    expect(hours).toEqual([
      {
        severity: 'warning',
        code: 'branch-unconnected-warning',
        message:
          'Business hours "hours": the branch "Closed" is not connected, so callers who call while it is closed (or on a holiday, with no holiday branch) are hung up on.',
        nodeId: 'hours',
      },
    ]);
    expect(result.typed).not.toBeNull();
    const noOpen = validateFlow(hoursFlow(['closed']));
    expect(noOpen.diagnostics.find((diagnostic) => diagnostic.nodeId === 'hours')).toMatchObject({
      severity: 'error',
      code: 'branch-unconnected',
    });
  });

  it('reports a calendar that does not exist when the calendars are known, and only then', () => {
    const known = new Map([['cal_1', 'Accueil']]);
    const all = ['open', 'closed', 'holiday'];
    expect(validateFlow(hoursFlow(all), { calendars: known }).diagnostics).toEqual([]);
    const missing = validateFlow(hoursFlow(all, 'cal_gone'), { calendars: known });
    expect(missing.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'calendar-missing',
        message:
          'Business hours "hours": the calendar "cal_gone" does not exist (it was deleted, or the flow comes from another server); choose one of the calendars.',
        nodeId: 'hours',
        field: 'calendarId',
      },
    ]);
    expect(missing.typed).toBeNull();
    // A file checked offline knows no calendars: no check
    expect(validateFlow(hoursFlow(all, 'cal_gone')).diagnostics).toEqual([]);
  });
});
