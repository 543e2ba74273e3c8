import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

const calendars = [
  { id: 'cal_paris', name: 'Accueil Paris' },
  { id: 'cal_lyon', name: 'Support Lyon' },
];

describe('Business hours inspector', () => {
  it('offers the calendars by name and hands on the one chosen', () => {
    const form = probeInspector('business-hours', { calendarId: 'cal_paris' }, { calendars });
    expect(form.fields).toEqual(['calendarId']);
    expect(form.html).toContain('<option value="cal_lyon">Support Lyon</option>');
    expect(form.edit('calendarId', 'cal_lyon')).toEqual({ data: { calendarId: 'cal_lyon' }, field: 'calendarId' });
  });

  it('asks to choose when none is chosen, and points at the Calendars page when there are none', () => {
    expect(probeInspector('business-hours', { calendarId: '' }, { calendars }).html).toContain('Choose…');
    expect(probeInspector('business-hours', { calendarId: '' }).html).toContain('/calendars');
  });

  it('keeps a calendar that no longer exists visible instead of showing another', () => {
    const form = probeInspector('business-hours', { calendarId: 'cal_gone' }, { calendars });
    expect(form.html).toMatch(/<option value="cal_gone"[^>]*>cal_gone<\/option>/);
  });
});
