import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

describe('Dial inspector', () => {
  const data = { target: { kind: 'extension' as const, extension: '6001' }, ringSeconds: 10 };

  it('shows the field of the kind of target chosen', () => {
    expect(probeInspector('dial', data).fields).toEqual(['target.kind', 'target.extension', 'ringSeconds', 'callerId']);
    expect(probeInspector('dial', { ...data, target: { kind: 'user', username: 'alice' } }).fields).toContain(
      'target.username',
    );
    expect(probeInspector('dial', { ...data, target: { kind: 'endpoint', endpoint: 'PJSIP/x' } }).fields).toContain(
      'target.endpoint',
    );
  });

  it('starts a target of the newly chosen kind afresh', () => {
    const form = probeInspector('dial', data);
    expect(form.edit('target.kind', 'user')).toEqual({
      data: { ...data, target: { kind: 'user', username: '' } },
      field: 'target.kind',
    });
    expect(form.edit('target.kind', 'endpoint').data.target).toEqual({ kind: 'endpoint', endpoint: 'PJSIP/' });
  });

  it('hands on the extension and ring time, and removes an emptied caller id', () => {
    const form = probeInspector('dial', { ...data, callerId: '0102' });
    expect(form.edit('target.extension', '6002').data.target).toEqual({ kind: 'extension', extension: '6002' });
    expect(form.edit('ringSeconds', 30).data.ringSeconds).toBe(30);
    expect(form.edit('callerId', undefined).data).toStrictEqual(data);
  });
});
