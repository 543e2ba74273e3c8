import { describe, expect, it } from 'vitest';
import { MemoryVoicemailBoxes } from './memory-ports.ts';
import { answerMenus, connect, draftNode, exampleFlow, simulate, typedFlow } from './testing/call-harness.ts';

// The language a caller hears (docs/flow-format.md, "Several languages"): the call variable `language`, starting at
// the flow's, switched by a language or set node; prompts and the platform's sentences follow it.

/** start -> choose (1: french, 2: english) -> menu (1: bye; invalid: wrong -> menu) ; the texts in both languages. */
function bilingualMenu(extra: { afterChoice?: string } = {}) {
  return typedFlow({
    numbers: ['6005'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('choose', 'menu', {
        prompt: { text: 'Pour le français, tapez 1. For English, press 2.' },
        options: [{ digit: '1' }, { digit: '2' }],
      }),
      draftNode('french', 'language', { choice: 'fixed', language: 'fr-FR' }),
      draftNode('english', 'language', { choice: 'fixed', language: 'en-GB' }),
      draftNode('menu', 'menu', {
        prompt: {
          text: 'Tapez 1 pour le service compte.',
          translations: { 'en-GB': { text: 'Press 1 for accounts.' } },
        },
        options: [{ digit: '1' }],
      }),
      draftNode('wrong', 'say', { text: 'Option non valide.', translations: { 'en-GB': { text: 'Invalid option.' } } }),
      draftNode('bye', 'say', { text: 'Au revoir.', translations: { 'en-GB': { text: 'Goodbye.' } } }),
    ],
    edges: [
      connect('start', 'next', 'choose'),
      connect('choose', '1', 'french'),
      connect('choose', '2', 'english'),
      connect('french', 'next', extra.afterChoice ?? 'menu'),
      connect('english', 'next', extra.afterChoice ?? 'menu'),
      connect('menu', '1', 'bye'),
      connect('menu', 'invalid', 'wrong'),
      connect('wrong', 'next', 'menu'),
    ],
  });
}

async function heardAfter(keys: string[], document = bilingualMenu()) {
  const sim = simulate({ flows: [{ flowId: 'bi', document }], dialledNumber: '6005' });
  const running = sim.run();
  await answerMenus(sim.call, keys);
  await running;
  return { heard: sim.call.playedTexts(), sim };
}

describe('a call in several languages', () => {
  it('starts in the flow language, and a caller who chooses English hears the menu and the wrong-key message in English', async () => {
    const { heard, sim } = await heardAfter(['2', '9', '1']);
    expect(heard).toEqual([
      'Pour le français, tapez 1. For English, press 2.',
      'Press 1 for accounts.',
      'Invalid option.',
      'Press 1 for accounts.',
      'Goodbye.',
    ]);
    const languages = sim
      .events()
      .filter((event) => event.kind === 'variable-set')
      .map((event) => event.detail);
    expect(languages).toEqual([{ variable: 'language', value: 'en-GB' }]);
  });

  it('keeps French for a caller who chooses French', async () => {
    const { heard } = await heardAfter(['1', '1']);
    expect(heard).toEqual([
      'Pour le français, tapez 1. For English, press 2.',
      'Tapez 1 pour le service compte.',
      'Au revoir.',
    ]);
  });

  it('starts in the language the flow names: a flow in English says the English texts from the first prompt', async () => {
    const document = typedFlow({
      language: 'en-GB',
      numbers: ['6005'],
      nodes: [
        draftNode('start', 'start'),
        draftNode('hello', 'say', { text: 'Bonjour.', translations: { 'en-GB': { text: 'Hello.' } } }),
      ],
      edges: [connect('start', 'next', 'hello')],
    });
    const sim = simulate({ flows: [{ flowId: 'en', document }], dialledNumber: '6005' });
    await sim.run();
    expect(sim.call.playedTexts()).toEqual(['Hello.']);
  });

  it('honours a language set before the call starts (the simulator), and a set node switching it', async () => {
    const document = typedFlow({
      numbers: ['6005'],
      nodes: [
        draftNode('start', 'start'),
        draftNode('hello', 'say', { text: 'Bonjour.', translations: { en: { text: 'Hello.' } } }),
        draftNode('switch', 'set', { assignments: [{ variable: 'language', value: 'fr' }] }),
        draftNode('again', 'say', { text: 'Bonjour.', translations: { en: { text: 'Hello.' } } }),
      ],
      edges: [
        connect('start', 'next', 'hello'),
        connect('hello', 'next', 'switch'),
        connect('switch', 'next', 'again'),
      ],
    });
    const sim = simulate({
      flows: [{ flowId: 'p', document }],
      dialledNumber: '6005',
      presetVariables: { language: 'en-GB' },
    });
    await sim.run();
    expect(sim.call.playedTexts()).toEqual(['Hello.', 'Bonjour.']);
  });

  it('stays in the flow language when a set node puts something that is not a language tag', async () => {
    const document = typedFlow({
      numbers: ['6005'],
      nodes: [
        draftNode('start', 'start'),
        draftNode('switch', 'set', { assignments: [{ variable: 'language', value: 'English please' }] }),
        draftNode('hello', 'say', { text: 'Bonjour.', translations: { 'en-GB': { text: 'Hello.' } } }),
      ],
      edges: [connect('start', 'next', 'switch'), connect('switch', 'next', 'hello')],
    });
    const sim = simulate({ flows: [{ flowId: 'x', document }], dialledNumber: '6005' });
    await sim.run();
    expect(sim.call.playedTexts()).toEqual(['Bonjour.']);
  });

  it("apologises for a technical error in the caller's language", async () => {
    // No voicemail service in this harness: the voicemail node fails, and the caller hears the apology.
    const document = bilingualMenu({ afterChoice: 'box' });
    document.nodes.push({
      id: 'box',
      type: 'voicemail',
      position: { x: 0, y: 0 },
      data: {
        box: '6001',
        greeting: { kind: 'owner' },
        language: 'fr-FR',
        beep: true,
        maxSeconds: 120,
        minSeconds: 1,
        silenceSeconds: 5,
      },
    });
    const { heard } = await heardAfter(['2'], document);
    expect(heard.at(-1)).toBe('We are sorry, a technical error occurred. Goodbye.');
  });
});

describe("a node's own sentences", () => {
  function voicemailAfterChoice() {
    const document = bilingualMenu({ afterChoice: 'box' });
    document.nodes.push({
      id: 'box',
      type: 'voicemail',
      position: { x: 0, y: 0 },
      data: {
        box: '6001',
        greeting: { kind: 'owner' },
        language: 'fr-FR',
        beep: true,
        maxSeconds: 120,
        minSeconds: 0,
        silenceSeconds: 5,
      },
    });
    return document;
  }

  async function voicemailHeard(key: string) {
    const sim = simulate({
      flows: [{ flowId: 'vm', document: voicemailAfterChoice() }],
      dialledNumber: '6005',
      voicemail: new MemoryVoicemailBoxes([{ box: '6001', ownerName: 'Alice', pin: '1234' }]),
    });
    const running = sim.run();
    await answerMenus(sim.call, [key]);
    await sim.call.waitingFor('record');
    sim.call.hangUp();
    await running;
    return sim.call.playedTexts();
  }

  it('follow a caller who switched away from the flow language (voicemail in English)', async () => {
    expect((await voicemailHeard('2')).at(-1)).toBe(
      'You have reached the voicemail of Alice. Please leave your message after the tone, then hang up or press the hash key.',
    );
  });

  it("stay in the node's language for a caller in the flow's language", async () => {
    expect((await voicemailHeard('1')).at(-1)).toBe(
      'Vous êtes bien sur la messagerie de Alice. Laissez votre message après le bip, puis raccrochez ou tapez dièse.',
    );
  });
});

describe('ivr-6005, the bilingual example', () => {
  it('speaks the 6003 menu in English to a caller who presses 2, and the wrong-key message in English', async () => {
    const sim = simulate({ flows: [{ flowId: 'ivr-6005', document: exampleFlow('ivr-6005') }], dialledNumber: '6005' });
    const running = sim.run();
    await answerMenus(sim.call, ['2', '9']);
    await sim.call.waitingFor('digits');
    sim.call.hangUp();
    await running;
    expect(sim.call.playedTexts()).toEqual([
      'Pour le français, tapez 1. For English, press 2.',
      'Hello, and welcome to the platform.',
      'Press 1 for the accounts department. Press 2 for human resources. Press 3 for the IT department.',
      'Invalid option.',
      'Hello, and welcome to the platform.',
      'Press 1 for the accounts department. Press 2 for human resources. Press 3 for the IT department.',
    ]);
  });
});
