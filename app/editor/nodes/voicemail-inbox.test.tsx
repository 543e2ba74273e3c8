import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

const data = { box: { kind: 'ask' as const }, language: 'fr-FR', maxPinAttempts: 3, lockMinutes: 5 };

describe('Voicemail inbox inspector', () => {
  it('asks for a box number only when the box is fixed', () => {
    expect(probeInspector('voicemail-inbox', data).fields).toEqual([
      'box.kind',
      'language',
      'voice',
      'maxPinAttempts',
      'lockMinutes',
    ]);
    expect(probeInspector('voicemail-inbox', { ...data, box: { kind: 'fixed', box: '6001' } }).fields).toEqual([
      'box.kind',
      'box.box',
      'language',
      'voice',
      'maxPinAttempts',
      'lockMinutes',
    ]);
  });

  it('fixes the box, then hands on its number', () => {
    expect(probeInspector('voicemail-inbox', data).edit('box.kind', 'fixed').data.box).toEqual({
      kind: 'fixed',
      box: '',
    });
    const fixed = probeInspector('voicemail-inbox', { ...data, box: { kind: 'fixed', box: '' } });
    expect(fixed.edit('box.box', '6002')).toEqual({
      data: { ...data, box: { kind: 'fixed', box: '6002' } },
      field: 'box.box',
    });
  });

  it('hands on the PIN rules', () => {
    const form = probeInspector('voicemail-inbox', data);
    expect(form.edit('maxPinAttempts', 5).data.maxPinAttempts).toBe(5);
    expect(form.edit('lockMinutes', 30).data.lockMinutes).toBe(30);
  });
});
