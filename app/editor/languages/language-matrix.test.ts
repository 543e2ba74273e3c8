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
    edges: [
      { id: 'e1', source: 'start', sourceBranch: 'next', target: 'welcome' },
      { id: 'e2', source: 'welcome', sourceBranch: 'next', target: 'to-english' },
      { id: 'e3', source: 'to-english', sourceBranch: 'next', target: 'menu' },
      { id: 'e4', source: 'menu', sourceBranch: '1', target: 'german' },
    ],
  } as FlowDocument;
}

describe('the language matrix', () => {
  const matrix = languageMatrix(bilingualFlow());

  it("has the flow's language, the ones calls switch to, then any other a prompt is written in", () => {
    expect(matrix.languages).toEqual(['fr-FR', 'en-GB', 'de-DE']);
    expect(matrix.callLanguages).toEqual(['fr-FR', 'en-GB']);
  });

  it('shows each written prompt in each language, marking the translations the calls reaching it need', () => {
    expect(matrix.rows.map((row) => [row.nodeId, row.field, row.cells.map((cell) => cell.kind)])).toEqual([
      ['welcome', '', ['own', 'translated', 'not-needed']],
      ['menu', 'prompt', ['own', 'missing', 'not-needed']],
      ['german', '', ['own', 'missing', 'translated']],
    ]);
    expect(matrix.rows[0]!.cells[1]).toEqual({ kind: 'translated', language: 'en-GB', tag: 'en-GB', text: 'Hello.' });
    expect(matrix.missing).toBe(2);
  });

  it('asks nothing of a prompt heard before any switch (the chooser), as validation does', () => {
    const document = bilingualFlow();
    const chooser = { id: 'chooser', type: 'say', position: { x: 100, y: 0 }, data: { text: 'Tapez 1. Press 2.' } };
    document.nodes.push(chooser);
    document.edges = [
      { id: 'c1', source: 'start', sourceBranch: 'next', target: 'chooser' },
      { id: 'c2', source: 'chooser', sourceBranch: 'next', target: 'to-english' },
      { id: 'c3', source: 'to-english', sourceBranch: 'next', target: 'menu' },
    ];
    const rows = languageMatrix(document).rows;
    expect(rows.find((row) => row.nodeId === 'chooser')!.cells.map((cell) => cell.kind)).toEqual([
      'own',
      'not-needed',
      'not-needed',
    ]);
    expect(rows.find((row) => row.nodeId === 'menu')!.cells[1]!.kind).toBe('missing');
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
