import { describe, expect, it } from 'vitest';
import { MAX_FLOW_NODES } from './document.ts';
import { connect, draftNode, flowDocument, generateLargeFlow, smallMenuFlow } from './testing/documents.ts';
import { validateFlow, type Diagnostic } from './validate.ts';

// The same documents judged for a French and an English reader: the codes, node ids and fields are identical, only
// the sentences follow the language.

const where = ({ severity, code, nodeId, edgeId, field }: Diagnostic) => ({ severity, code, nodeId, edgeId, field });

/** The small menu with key 2 left unconnected, a lost hangup, a number twice and a menu without prompt text. */
function brokenMenuFlow() {
  const document = smallMenuFlow();
  document.numbers = ['6003', '6003'];
  document.nodes.push(draftNode('lost', 'hangup'));
  const menu = document.nodes.find((node) => node.id === 'main-menu')!;
  menu.data = { prompt: { text: '' }, options: [{ digit: '1' }, { digit: '1' }] };
  return document;
}

describe('validateFlow in French and English', () => {
  it('says an unconnected branch in French, naming the node and the branch with their French words', () => {
    const document = smallMenuFlow();
    document.edges = document.edges.filter((edge) => edge.sourceBranch !== '2');
    const french = validateFlow(document, { language: 'fr' }).diagnostics;
    expect(french.filter((diagnostic) => diagnostic.code === 'branch-unconnected')).toEqual([
      {
        severity: 'error',
        code: 'branch-unconnected',
        message: "Menu « main-menu » : la sortie « Touche 2 » n'est reliée à aucune étape suivante.",
        nodeId: 'main-menu',
      },
    ]);
    expect(validateFlow(document, { language: 'en' }).diagnostics[0]?.message).toBe(
      'Menu "main-menu": the branch "Key 2" is not connected to a next step.',
    );
  });

  it('keeps English when no language is given, so existing callers read what they always read', () => {
    const document = brokenMenuFlow();
    expect(validateFlow(document).diagnostics).toEqual(validateFlow(document, { language: 'en' }).diagnostics);
  });

  it('gives the same codes, nodes and fields in both languages, and different sentences', () => {
    const document = brokenMenuFlow();
    const french = validateFlow(document, { language: 'fr' }).diagnostics;
    const english = validateFlow(document, { language: 'en' }).diagnostics;
    expect(french.map(where)).toEqual(english.map(where));
    expect(french.map((diagnostic) => diagnostic.code)).toEqual([
      'number-duplicate',
      'menu-digit-duplicate',
      'node-data-invalid',
      'node-unreachable',
    ]);
    expect(french.map((diagnostic) => diagnostic.message)).toEqual([
      'Le numéro 6003 figure deux fois dans les numéros de ce parcours.',
      'Menu « main-menu » : la touche 1 est utilisée deux fois.',
      "Menu « main-menu » : prompt.text : Saisissez ce que l'appelant doit entendre.",
      'Raccrocher « lost » : aucun appel ne peut atteindre ce bloc depuis le bloc Début.',
    ]);
    expect(english.map((diagnostic) => diagnostic.message)).toEqual([
      "The number 6003 is listed twice in this flow's numbers.",
      'Menu "main-menu": key 1 is used twice.',
      'Menu "main-menu": prompt.text: Type what the caller should hear.',
      'Hang up "lost": no call can reach this node from Start.',
    ]);
  });

  it("words zod's generic problems and the document's shape in French", () => {
    const document = flowDocument({
      nodes: [
        draftNode('start', 'start'),
        draftNode('ring', 'dial', { target: { kind: 'extension', extension: '6001' }, ringSeconds: 'ten' }),
        draftNode('digits', 'collect', { maxDigits: 'four' }),
        draftNode('hold', 'queue', { department: 'Support', maxWaitSeconds: 100_000 }),
      ],
      edges: [connect('start', 'next', 'ring')],
    });
    const messages = validateFlow(document, { language: 'fr' }).diagnostics.map((diagnostic) => diagnostic.message);
    expect(messages).toContain('Appeler « ring » : ringSeconds : Saisissez un nombre de secondes.');
    expect(messages).toContain('Saisie de chiffres « digits » : variable : Ce champ est absent.');
    expect(messages).toContain(
      'Saisie de chiffres « digits » : maxDigits : Il faut un nombre, mais ce champ contient le texte « four ».',
    );
    expect(messages).toContain("File d'attente « hold » : maxWaitSeconds : Au plus 86400 s.");

    const notAFlow = validateFlow({ format: 2, name: '' }, { language: 'fr' }).diagnostics;
    expect(notAFlow.map((diagnostic) => [diagnostic.field, diagnostic.message])).toEqual([
      [
        'format',
        "Ce n'est pas un document de parcours valide (champ format) : Ce n'est pas un parcours Switchboard au format 1.",
      ],
      ['name', "Ce n'est pas un document de parcours valide (champ name) : Donnez un nom au parcours."],
    ]);
  });

  it('writes the numbers of the size limit the way each language writes them', () => {
    const tooLarge = generateLargeFlow(MAX_FLOW_NODES + 8);
    const [french] = validateFlow(tooLarge, { language: 'fr' }).diagnostics;
    const [english] = validateFlow(tooLarge, { language: 'en' }).diagnostics;
    expect(french?.code).toBe('flow-too-large');
    expect(english?.code).toBe('flow-too-large');
    // French groups thousands with a narrow no-break space, English with a comma.
    expect(french?.message).toMatch(
      /^Ce parcours compte 2\u202f00\d blocs ; un parcours en compte au plus 2\u202f000\./,
    );
    expect(english?.message).toMatch(/^This flow has 2,00\d nodes; a flow may have at most 2,000\./);
  });

  it('says a loop and a missing calendar in French', () => {
    const loop = flowDocument({
      nodes: [
        draftNode('start', 'start'),
        draftNode('again', 'set'),
        draftNode('open', 'business-hours', { calendarId: 'gone' }),
      ],
      edges: [connect('start', 'next', 'again'), connect('again', 'next', 'again')],
    });
    const messages = validateFlow(loop, { language: 'fr', calendars: new Map() }).diagnostics.map(
      (diagnostic) => diagnostic.message,
    );
    expect(messages).toContain(
      "Variables « again » revient sur lui-même sans jamais attendre l'appelant (ni message, ni touche, ni sonnerie) : l'appel tournerait sans fin. Ajoutez une étape qui attend, ou cassez la boucle.",
    );
    expect(messages).toContain(
      "Horaires d'ouverture « open » : le calendrier « gone » n'existe pas (il a été supprimé, ou le parcours vient d'un autre serveur) ; choisissez l'un des calendriers.",
    );
  });
});
