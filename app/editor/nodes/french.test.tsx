import { describe, expect, it } from 'vitest';
import { enCatalogue } from '#i18n/catalogues/en/index.ts';
import { probeInspector } from './inspector-probe.tsx';

// The forms speak the page's language: a French page shows French labels and buttons, and none of the English ones.

describe('a node form on a French page', () => {
  const data = {
    prompt: { text: 'Tapez 1 ou 2', language: 'fr-FR' },
    options: [{ digit: '1' as const, label: 'Ventes' }],
    timeoutSeconds: 5,
    retries: 2,
    bargeIn: true,
  };

  it('labels its fields and buttons in French', () => {
    const form = probeInspector('menu', data, { language: 'fr' });
    expect(form.labels).toContain("Ce qu'entend l'appelant");
    expect(form.labels).toContain('Attendre une touche (secondes)');
    expect(form.buttons).toContain('Ajouter une touche');
    expect(form.html).toContain('Touches');
  });

  it('shows none of the English labels of the same form', () => {
    const english = probeInspector('menu', data).labels;
    const french = probeInspector('menu', data, { language: 'fr' }).labels;
    expect(english).toContain(`${enCatalogue.editor.forms.menu.timeout} (seconds)`);
    expect(french.filter((label) => english.includes(label))).toEqual([]);
  });
});
