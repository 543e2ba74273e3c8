import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '#flows/document.ts';
import { languageMatrix, withPromptText } from './language-matrix.ts';

/** Welcome, a bilingual chooser, a "language" node switching to English, and a menu translated in part. */
function bilingualFlow(): FlowDocument {
  return {
    format: 1,
    name: 'Accueil bilingue',
    description: '',
    numbers: ['6005'],
    language: 'fr-FR',
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'welcome',
        type: 'say',
        position: { x: 200, y: 0 },
        data: { text: 'Bonjour.', language: 'fr-FR', translations: { 'en-GB': { text: 'Hello.' } } },
      },
      { id: 'to-english', type: 'language', position: { x: 400, y: 0 }, data: { choice: 'fixed', language: 'en-GB' } },
      {
        id: 'menu',
        type: 'menu',
        position: { x: 600, y: 0 },
        data: { prompt: { text: 'Tapez 1.', language: 'fr-FR' }, options: [{ digit: '1' }] },
      },
      {
        id: 'german',
        type: 'say',
        position: { x: 800, y: 0 },
        data: { text: 'Au revoir.', language: 'fr-FR', translations: { 'de-DE': { text: 'Auf Wiedersehen.' } } },
      },
    ],
    edges: [],
  } as FlowDocument;
}

describe('the language matrix', () => {
  const matrix = languageMatrix(bilingualFlow());

  it("has the flow's language, the ones calls switch to, then any other a prompt is written in", () => {
    expect(matrix.languages).toEqual(['fr-FR', 'en-GB', 'de-DE']);
    expect(matrix.callLanguages).toEqual(['fr-FR', 'en-GB']);
  });

  it('shows each written prompt in each language, marking the translations calls need and do not have', () => {
    expect(matrix.rows.map((row) => [row.nodeId, row.field, row.cells.map((cell) => cell.kind)])).toEqual([
      ['welcome', '', ['own', 'translated', 'not-needed']],
      ['menu', 'prompt', ['own', 'missing', 'not-needed']],
      ['german', '', ['own', 'missing', 'translated']],
    ]);
    expect(matrix.rows[0]!.cells[1]).toEqual({ kind: 'translated', language: 'en-GB', tag: 'en-GB', text: 'Hello.' });
    expect(matrix.missing).toBe(2);
  });

  it('writes a missing translation into the prompt, and removes it when emptied, leaving the rest as it was', () => {
    const menu = bilingualFlow().nodes[3]!.data;
    const translated = withPromptText(menu, 'prompt', { kind: 'missing', language: 'en-GB' }, 'Press 1.');
    expect(translated).toEqual({
      prompt: { text: 'Tapez 1.', language: 'fr-FR', translations: { 'en-GB': { text: 'Press 1.' } } },
      options: [{ digit: '1' }],
    });
    const cell = { kind: 'translated', language: 'en-GB', tag: 'en-GB', text: 'Press 1.' } as const;
    expect(withPromptText(translated, 'prompt', cell, '')).toEqual(menu);
  });

  it("edits a prompt's own text, and a Say node whose data is the prompt itself", () => {
    const welcome = bilingualFlow().nodes[1]!.data;
    expect(withPromptText(welcome, '', { kind: 'own', language: 'fr-FR', text: 'Bonjour.' }, 'Salut.')).toEqual({
      text: 'Salut.',
      language: 'fr-FR',
      translations: { 'en-GB': { text: 'Hello.' } },
    });
  });

  it('writes a translation found under a close tag back under that tag', () => {
    const data = { text: 'Bonjour.', language: 'fr-FR', translations: { en: { text: 'Hi.' } } };
    const cell = { kind: 'translated', language: 'en-GB', tag: 'en', text: 'Hi.' } as const;
    expect(withPromptText(data, '', cell, 'Hello.')).toEqual({ ...data, translations: { en: { text: 'Hello.' } } });
  });
});
