import { describe, expect, it } from 'vitest';
import { spokenPromptsOf } from '../prompts.ts';
import { connect, draftNode, flowDocument } from '../testing/documents.ts';
import { validateFlow } from '../validate.ts';
import { callLanguagesOf } from './call-languages.ts';

/** start -> welcome -> choose (1: french, 2: english) -> goodbye; the menu and goodbye texts as given. */
function bilingualFlow(goodbye: Record<string, unknown>) {
  return flowDocument({
    nodes: [
      draftNode('start', 'start'),
      draftNode('choose', 'menu', {
        prompt: {
          text: 'Pour le français, tapez 1.',
          translations: { 'en-GB': { text: 'For English, press 2.' } },
        },
        options: [{ digit: '1' }, { digit: '2' }],
      }),
      draftNode('french', 'language', { choice: 'fixed', language: 'fr-FR' }),
      draftNode('english', 'language', { choice: 'fixed', language: 'en-GB' }),
      draftNode('goodbye', 'say', goodbye),
    ],
    edges: [
      connect('start', 'next', 'choose'),
      connect('choose', '1', 'french'),
      connect('choose', '2', 'english'),
      connect('french', 'next', 'goodbye'),
      connect('english', 'next', 'goodbye'),
    ],
  });
}

describe('the languages a call may be in', () => {
  it("are the flow's own, then each one a node switches to, each once", () => {
    const typed = validateFlow(bilingualFlow({ text: 'Au revoir.', translations: { en: { text: 'Bye.' } } })).typed!;
    expect(callLanguagesOf(typed)).toEqual(['fr-FR', 'en-GB']);
  });
});

describe('prompt-language-missing', () => {
  it('is worded in French for a French reader, with the same code and place', () => {
    const [french] = validateFlow(bilingualFlow({ text: 'Au revoir.' }), { language: 'fr' }).diagnostics;
    expect(french).toMatchObject({ code: 'prompt-language-missing', nodeId: 'goodbye', field: 'translations' });
    expect(french?.message).toBe(
      "Message parlé « goodbye » : son message n'a pas de texte pour en-GB (il en a pour fr-FR), donc les appelants dans cette langue l'entendent en fr-FR. Ajoutez la traduction.",
    );
  });

  it('warns of a prompt without text in a language the flow switches to, at its translations', () => {
    const result = validateFlow(bilingualFlow({ text: 'Au revoir.' }));
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'prompt-language-missing',
        message:
          'Say "goodbye": its prompt has no text in en-GB (it has fr-FR), so callers in that language hear it in fr-FR. Add the translation.',
        nodeId: 'goodbye',
        field: 'translations',
      },
    ]);
    expect(result.typed).not.toBeNull();
  });

  it('is satisfied by a translation without region, and by the prompt written in that language', () => {
    expect(
      validateFlow(bilingualFlow({ text: 'Au revoir.', translations: { en: { text: 'Bye.' } } })).diagnostics,
    ).toEqual([]);
    expect(
      validateFlow(
        bilingualFlow({ text: 'Goodbye.', language: 'en-GB', translations: { 'fr-FR': { text: 'Au revoir.' } } }),
      ).diagnostics,
    ).toEqual([]);
  });

  it('names the field of a prompt inside a node (a queue’s periodic message)', () => {
    const document = flowDocument({
      nodes: [
        draftNode('start', 'start'),
        draftNode('english', 'set', { assignments: [{ variable: 'language', value: 'en-US' }] }),
        draftNode('wait', 'queue', {
          department: 'Support',
          periodicMessage: { prompt: { text: 'Merci de patienter.' }, everySeconds: 30 },
        }),
      ],
      edges: [connect('start', 'next', 'english'), connect('english', 'next', 'wait')],
    });
    const missing = validateFlow(document).diagnostics.filter((d) => d.code === 'prompt-language-missing');
    expect(missing.map((d) => [d.nodeId, d.field])).toEqual([['wait', 'periodicMessage.prompt.translations']]);
  });

  it('never warns a flow that speaks one language', () => {
    const document = flowDocument({
      nodes: [draftNode('start', 'start'), draftNode('hello', 'say', { text: 'Bonjour.' })],
      edges: [connect('start', 'next', 'hello')],
    });
    expect(validateFlow(document).diagnostics).toEqual([]);
  });
});

describe('publishing a flow in several languages', () => {
  it('renders every prompt in each of its languages', () => {
    const typed = validateFlow(
      bilingualFlow({ text: 'Au revoir.', translations: { 'en-GB': { text: 'Bye.' } } }),
    ).typed!;
    expect(spokenPromptsOf(typed)).toEqual([
      { text: 'Pour le français, tapez 1.', language: 'fr-FR' },
      { text: 'For English, press 2.', language: 'en-GB' },
      { text: 'Au revoir.', language: 'fr-FR' },
      { text: 'Bye.', language: 'en-GB' },
    ]);
  });

  it('renders a queue’s own announcements in every language the call may be in', () => {
    const document = flowDocument({
      nodes: [
        draftNode('start', 'start'),
        draftNode('english', 'language', { choice: 'fixed', language: 'en-GB' }),
        draftNode('wait', 'queue', { department: 'Support', announcePosition: false, leaveKey: '*' }),
        draftNode('bye', 'hangup'),
      ],
      edges: [connect('start', 'next', 'english'), connect('english', 'next', 'wait'), connect('wait', 'left', 'bye')],
    });
    expect(spokenPromptsOf(validateFlow(document).typed!)).toEqual([
      { text: "Pour quitter la file d'attente, appuyez sur étoile.", language: 'fr-FR' },
      { text: 'To leave the queue, press star.', language: 'en-GB' },
    ]);
  });
});

describe('the languages reaching each prompt', () => {
  it('asks nothing of a chooser menu heard before any switch, even when a wrong key loops back to it', () => {
    const document = bilingualFlow({ text: 'Au revoir.', translations: { 'en-GB': { text: 'Bye.' } } });
    document.edges.push(connect('choose', 'invalid', 'choose-again'));
    document.nodes.push(draftNode('choose-again', 'say', { text: 'Choix non valide. Wrong key.' }));
    document.edges.push(connect('choose-again', 'next', 'choose'));
    expect(validateFlow(document).diagnostics).toEqual([]);
  });

  it('asks every language of the flow of a prompt after a set whose language is known only during the call', () => {
    const document = flowDocument({
      nodes: [
        draftNode('start', 'start'),
        draftNode('english', 'language', {
          choice: 'caller-number',
          rules: [{ prefix: '+44', language: 'en-GB' }],
          otherwise: 'fr-FR',
        }),
        draftNode('preferred', 'set', { assignments: [{ variable: 'language', value: '{{caller_language}}' }] }),
        draftNode('hello', 'say', { text: 'Hallo.', language: 'de-DE' }),
      ],
      edges: [
        connect('start', 'next', 'english'),
        connect('english', 'next', 'preferred'),
        connect('preferred', 'next', 'hello'),
      ],
    });
    const missing = validateFlow(document).diagnostics.filter((d) => d.code === 'prompt-language-missing');
    expect(missing.map((d) => d.message)).toEqual([
      'Say "hello": its prompt has no text in fr-FR, en-GB (it has de-DE), so callers in those languages hear it in de-DE. Add the translation.',
    ]);
  });
});
