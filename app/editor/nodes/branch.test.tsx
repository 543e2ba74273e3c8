import { describe, expect, it } from 'vitest';
import type { Condition } from '#flows/nodes/branch.ts';
import { probeInspector } from './inspector-probe.tsx';

const mobile: Condition = { id: 'c1', subject: { kind: 'caller-number' }, operator: 'starts-with', value: '06' };
const vip: Condition = { id: 'c2', subject: { kind: 'variable', name: 'vip' }, operator: 'is-not-empty', value: '' };

describe('Branch inspector', () => {
  it('shows per condition what it looks at, the test, and a value only for tests that compare', () => {
    const form = probeInspector('branch', { conditions: [mobile, vip] });
    expect(form.fields).toEqual([
      'conditions.0.subject.kind',
      'conditions.0.operator',
      'conditions.0.value',
      'conditions.1.subject.kind',
      'conditions.1.subject.name',
      'conditions.1.operator',
    ]);
  });

  it('calls the value a pattern for "matches"', () => {
    const form = probeInspector('branch', { conditions: [{ ...mobile, operator: 'matches', value: '^06' }] });
    expect(form.labels).toContain('Pattern (regular expression)');
  });

  it('hands on an edited condition, keeping its id (its edge stays)', () => {
    const form = probeInspector('branch', { conditions: [mobile, vip] });
    expect(form.edit('conditions.0.value', '07')).toEqual({
      data: { conditions: [{ ...mobile, value: '07' }, vip] },
      field: 'conditions.0.value',
    });
    expect(form.edit('conditions.1.subject.kind', 'dialled-number').data.conditions[1]).toEqual({
      ...vip,
      subject: { kind: 'dialled-number' },
    });
  });

  it('moves conditions, and adds one with an id no other condition has', () => {
    const form = probeInspector('branch', { conditions: [mobile, vip] });
    expect(form.isDisabled('Move condition 1 up')).toBe(true);
    expect(form.press('Move condition 1 down').data.conditions).toEqual([vip, mobile]);
    expect(form.press('Add a condition').data.conditions[2]).toEqual({
      id: 'c3',
      subject: { kind: 'caller-number' },
      operator: 'equals',
      value: '',
    });
    const reordered = probeInspector('branch', { conditions: [vip, { ...mobile, id: 'c3' }] });
    expect(reordered.press('Add a condition').data.conditions[2]!.id).toBe('c4');
  });

  it('keeps the last condition: its Remove button is disabled', () => {
    expect(probeInspector('branch', { conditions: [mobile] }).isDisabled('Remove condition 1')).toBe(true);
    expect(probeInspector('branch', { conditions: [mobile, vip] }).press('Remove condition 1').data.conditions).toEqual(
      [vip],
    );
  });
});
