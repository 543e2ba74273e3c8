import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

const data = {
  assignments: [
    { variable: 'language', value: 'fr' },
    { variable: 'vip', value: 'yes' },
  ],
};

describe('Set variables inspector', () => {
  it('shows a name and a value per variable', () => {
    const form = probeInspector('set', data);
    expect(form.fields).toEqual([
      'assignments.0.variable',
      'assignments.0.value',
      'assignments.1.variable',
      'assignments.1.value',
    ]);
    expect(form.buttons).toContain('Add a variable');
  });

  it('hands on an edited value', () => {
    expect(probeInspector('set', data).edit('assignments.1.value', 'no')).toEqual({
      data: { assignments: [data.assignments[0], { variable: 'vip', value: 'no' }] },
      field: 'assignments.1.value',
    });
  });

  it('adds and removes variables', () => {
    const form = probeInspector('set', data);
    expect(form.press('Add a variable').data.assignments).toEqual([...data.assignments, { variable: '', value: '' }]);
    expect(form.press('Remove variable 1').data.assignments).toEqual([data.assignments[1]]);
  });
});
