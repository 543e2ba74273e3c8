import { describe, expect, it } from 'vitest';
import { validateFlow } from '#flows/validate.ts';
import { emptyFlowDocument } from '#flows/document.ts';
import { fieldMessage, indexDiagnostics, nodeFieldMessages } from './diagnostics.ts';

describe('diagnostics for the screen', () => {
  const document = {
    ...emptyFlowDocument('Reception'),
    numbers: ['6003', '6003'],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'menu-1',
        type: 'menu',
        position: { x: 200, y: 0 },
        data: {
          prompt: { text: '', language: 'fr-FR' },
          options: [
            { digit: '1', label: '' },
            { digit: '1', label: '' },
          ],
        },
      },
    ],
    edges: [{ id: 'start-next', source: 'start', sourceBranch: 'next', target: 'menu-1' }],
  };
  const { diagnostics } = validateFlow(document);
  const index = indexDiagnostics(diagnostics);

  it('counts errors and warnings and groups them by node', () => {
    expect(index.errors).toBe(diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length);
    expect(index.errors + index.warnings).toBe(diagnostics.length);
    expect(index.byNode.get('menu-1')!.length).toBeGreaterThanOrEqual(2);
  });

  it('puts problems with the flow numbers on the settings fields', () => {
    expect(index.settingsFields.get('numbers.1')).toEqual(["The number 6003 is listed twice in this flow's numbers."]);
  });

  it('shortens messages next to a field to what is wrong with it', () => {
    const fields = nodeFieldMessages(index.byNode.get('menu-1')!, 'menu', 'en');
    expect(fields.get('prompt.text')).toEqual(['Type what the caller should hear.']);
    expect(fields.get('options.1.digit')).toEqual(['Key 1 is used twice.']);
  });

  it('shortens a French message by the French title of the node, whatever its quotes', () => {
    const said = (message: string) =>
      fieldMessage(
        { code: 'node-data-invalid', severity: 'error', message, nodeId: 'saisie', field: 'variable' },
        'collect',
        'fr',
      );
    expect(said('Saisie de chiffres « saisie » : variable : donnez un nom.')).toBe('Donnez un nom.');
    expect(said('Saisie de chiffres "saisie": variable: donnez un nom.')).toBe('Donnez un nom.');
    // The English title is not the French one: an English sentence is left whole.
    expect(said('Collect digits "saisie": give it a name.')).toBe('Collect digits "saisie": give it a name.');
  });

  it('reads the document-level message for an empty name', () => {
    const result = validateFlow({ ...document, name: '' });
    expect(indexDiagnostics(result.diagnostics).settingsFields.get('name')).toEqual(['Give the flow a name.']);
  });
});
