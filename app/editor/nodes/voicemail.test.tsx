import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

const data = {
  box: '6001',
  greeting: { kind: 'owner' as const },
  language: 'fr-FR',
  beep: true,
  maxSeconds: 120,
  minSeconds: 1,
  silenceSeconds: 5,
};

describe('Voicemail inspector', () => {
  it("shows the box, the greeting and the recording's limits; the sentence only for a spoken greeting", () => {
    expect(probeInspector('voicemail', data).fields).toEqual([
      'box',
      'greeting.kind',
      'language',
      'voice',
      'beep',
      'maxSeconds',
      'minSeconds',
      'silenceSeconds',
    ]);
    const spoken = probeInspector('voicemail', { ...data, greeting: { kind: 'spoken', text: 'Bip' } });
    expect(spoken.fields).toContain('greeting.text');
    expect(spoken.html).toContain('Listen');
  });

  it('starts a spoken greeting with a French sentence, and goes back to the owner’s greeting', () => {
    expect(probeInspector('voicemail', data).edit('greeting.kind', 'spoken').data.greeting).toEqual({
      kind: 'spoken',
      text: 'Laissez votre message après le bip.',
    });
    const spoken = probeInspector('voicemail', { ...data, greeting: { kind: 'spoken', text: 'Bip' } });
    expect(spoken.edit('greeting.kind', 'owner').data.greeting).toEqual({ kind: 'owner' });
    expect(spoken.edit('greeting.text', 'Hello').data.greeting).toEqual({ kind: 'spoken', text: 'Hello' });
  });

  it('hands on the box, the beep and the limits', () => {
    const form = probeInspector('voicemail', data);
    expect(form.edit('box', '6002')).toEqual({ data: { ...data, box: '6002' }, field: 'box' });
    expect(form.edit('beep', false).data.beep).toBe(false);
    expect(form.edit('maxSeconds', 60).data.maxSeconds).toBe(60);
    expect(form.edit('voice', undefined).data).toStrictEqual(data);
  });
});
