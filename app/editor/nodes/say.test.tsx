import { describe, expect, it } from 'vitest';
import { probeInspector } from './inspector-probe.tsx';

describe('Say inspector', () => {
  const data = { text: 'Bonjour', language: 'fr-FR' };

  it('shows the sentence, its language and voice, and a Listen button', () => {
    const form = probeInspector('say', data);
    expect(form.fields).toEqual(['text', 'language', 'voice']);
    expect(form.labels).toEqual(['Sentence to say', 'Language', 'Voice']);
    expect(form.html).toContain('Bonjour</textarea>');
    expect(form.html).toContain('Listen');
  });

  it('hands on the edited sentence with the field it came from', () => {
    const form = probeInspector('say', data);
    expect(form.edit('', { ...data, text: 'Salut' }, 'text')).toEqual({
      data: { text: 'Salut', language: 'fr-FR' },
      field: 'text',
    });
  });

  it('removes the voice when it is emptied, rather than keeping the old one', () => {
    const form = probeInspector('say', { ...data, voice: 'fr-FR-A' });
    // The prompt fields hand on the prompt without its voice (withOptional); the node must not merge the old one back.
    expect(form.edit('', { ...data }, 'voice').data).toStrictEqual({ text: 'Bonjour', language: 'fr-FR' });
  });
});
