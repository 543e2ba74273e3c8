import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

const otherFlows = [
  { id: 'f-sales', name: 'Sales' },
  { id: 'f-support', name: 'Support' },
];

describe('Go to inspector', () => {
  it('asks for a number, or offers the other flows by name', () => {
    expect(probeInspector('goto', { target: { kind: 'number', number: '6001' } }).fields).toEqual([
      'target.kind',
      'target.number',
    ]);
    const form = probeInspector('goto', { target: { kind: 'flow', flowId: 'f-sales' } }, { otherFlows });
    expect(form.fields).toEqual(['target.kind', 'target.flowId']);
    expect(form.html).toContain('<option value="f-support">Support</option>');
  });

  it('switching to a flow starts on the first other flow; switching to a number starts empty', () => {
    const form = probeInspector('goto', { target: { kind: 'number', number: '6001' } }, { otherFlows });
    expect(form.edit('target.kind', 'flow').data.target).toEqual({ kind: 'flow', flowId: 'f-sales' });
    const onFlow = probeInspector('goto', { target: { kind: 'flow', flowId: 'f-sales' } }, { otherFlows });
    expect(onFlow.edit('target.kind', 'number').data.target).toEqual({ kind: 'number', number: '' });
  });

  it('hands on the number typed and the flow chosen', () => {
    expect(probeInspector('goto', { target: { kind: 'number', number: '' } }).edit('target.number', '6099')).toEqual({
      data: { target: { kind: 'number', number: '6099' } },
      field: 'target.number',
    });
    const onFlow = probeInspector('goto', { target: { kind: 'flow', flowId: 'f-sales' } }, { otherFlows });
    expect(onFlow.edit('target.flowId', 'f-support').data.target).toEqual({ kind: 'flow', flowId: 'f-support' });
  });
});
