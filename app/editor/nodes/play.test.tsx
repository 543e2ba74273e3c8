import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

describe('Play sound inspector', () => {
  it("shows the kind of sound and, for one of Asterisk's, its name", () => {
    const form = probeInspector('play', { sound: { kind: 'asterisk', name: 'hello-world' } });
    expect(form.fields).toEqual(['sound.kind', 'sound.name']);
    expect(form.html).toContain('value="hello-world"');
  });

  it('shows the file id for an uploaded sound', () => {
    const form = probeInspector('play', { sound: { kind: 'upload', fileId: 'f1' } });
    expect(form.fields).toEqual(['sound.kind', 'sound.fileId']);
  });

  it('hands on the new sound name, and a fresh sound of the other kind', () => {
    const form = probeInspector('play', { sound: { kind: 'asterisk', name: 'hello-world' } });
    expect(form.edit('sound.name', 'digits/1')).toEqual({
      data: { sound: { kind: 'asterisk', name: 'digits/1' } },
      field: 'sound.name',
    });
    expect(form.edit('sound.kind', 'upload').data.sound.kind).toBe('upload');
  });
});
