import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from './validate.ts';

const examplesFolder = new URL('./examples/', import.meta.url);
const exampleFiles = readdirSync(examplesFolder)
  .filter((file) => file.endsWith('.json'))
  .sort();

function readExample(file: string): unknown {
  return JSON.parse(readFileSync(new URL(file, examplesFolder), 'utf8'));
}

function typedExample(file: string) {
  const result = validateFlow(readExample(file));
  if (!result.typed) throw new Error(`${file} does not validate: ${JSON.stringify(result.diagnostics)}`);
  return result.typed;
}

describe('flows/examples', () => {
  it('holds the flows reproducing the seed brief', () => {
    expect(exampleFiles).toEqual([
      'call-centre-6300.json',
      'conference-7000.json',
      'ivr-6003.json',
      'ivr-6005.json',
      'person-6001.json',
      'person-6002.json',
      'person-6004.json',
      'voicemail-6099.json',
    ]);
  });

  it.each(exampleFiles)('%s validates without errors or warnings', (file) => {
    const result = validateFlow(readExample(file));
    expect(result.diagnostics).toEqual([]);
    expect(result.typed).not.toBeNull();
  });

  it('gives every example its own numbers, so all of them can be published together', () => {
    const owners = new Map<string, string>();
    for (const file of exampleFiles) {
      const typed = typedExample(file);
      const result = validateFlow(typed, { claimedNumbers: owners });
      expect(result.diagnostics).toEqual([]);
      for (const number of typed.numbers) owners.set(number, typed.name);
    }
    expect([...owners.keys()].sort()).toEqual(['6001', '6002', '6003', '6004', '6005', '6099', '6300', '7000']);
  });
});

describe('ivr-6003.json, the main menu of the seed dialplan', () => {
  const flow = typedExample('ivr-6003.json');
  const node = (id: string) => {
    const found = flow.nodes.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no node ${id}`);
    return found;
  };
  const target = (source: string, branch: string) =>
    flow.edges.find((edge) => edge.source === source && edge.sourceBranch === branch)?.target;

  it('answers on 6003 with the welcome sentence, then the menu with the three exact French lines', () => {
    expect(flow.numbers).toEqual(['6003']);
    expect(target('start', 'next')).toBe('welcome');
    expect(node('welcome').data).toMatchObject({ text: 'Bonjour, et bienvenue à la plateforme' });
    expect(target('welcome', 'next')).toBe('main-menu');
    const menu = node('main-menu');
    if (menu.type !== 'menu') throw new Error('main-menu is not a menu');
    expect(menu.data.prompt.text).toBe(
      'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.',
    );
    expect(menu.data.timeoutSeconds).toBe(5);
    expect(menu.data.options).toEqual([
      { digit: '1', label: 'Compte' },
      { digit: '2', label: 'RH' },
      { digit: '3', label: 'Informatique' },
    ]);
  });

  it.each([
    ['1', 'alice', '6001'],
    ['2', 'bob', '6002'],
    ['3', 'julien', '6004'],
  ])('key %s rings %s for 10 s, then falls back to voicemail box %s', (digit, username, box) => {
    const dialId = target('main-menu', digit)!;
    const dial = node(dialId);
    expect(dial).toMatchObject({ type: 'dial', data: { target: { kind: 'user', username }, ringSeconds: 10 } });
    for (const outcome of ['no-answer', 'busy', 'failed']) {
      const voicemail = node(target(dialId, outcome)!);
      expect(voicemail).toMatchObject({ type: 'voicemail', data: { box } });
    }
  });

  it('says the seed sentences on a wrong key, on silence and before hanging up', () => {
    expect(node(target('main-menu', 'invalid')!).data).toMatchObject({ text: 'Option non valide.' });
    expect(target(target('main-menu', 'invalid')!, 'next')).toBe('welcome');
    expect(node(target('main-menu', 'timeout')!).data).toMatchObject({ text: "Vous n'avez pas saisi d'option." });
    expect(target(target('main-menu', 'timeout')!, 'next')).toBe('welcome');
    const goodbye = target('main-menu', 'failed')!;
    expect(node(goodbye).data).toMatchObject({ text: 'Merci de votre appel. Au revoir.' });
    expect(node(target(goodbye, 'next')!).type).toBe('hangup');
  });

  it('lays the graph out left to right: each step of the main path sits right of the one before', () => {
    const path = ['start', 'welcome', 'main-menu', 'dial-alice', 'vm-alice'];
    const xs = path.map((id) => node(id).position.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(path.length);
  });
});

describe('ivr-6005.json, the 6003 menu in French and English', () => {
  const flow = typedExample('ivr-6005.json');
  const french = typedExample('ivr-6003.json');
  const node = (document: typeof flow, id: string) => {
    const found = document.nodes.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no node ${id}`);
    return found;
  };
  const target = (source: string, branch: string) =>
    flow.edges.find((edge) => edge.source === source && edge.sourceBranch === branch)?.target;

  it('answers on 6005 in French with the language choice, 1 for French and 2 for English', () => {
    expect(flow.numbers).toEqual(['6005']);
    expect(flow.language).toBe('fr-FR');
    const choose = node(flow, target('start', 'next')!);
    expect(choose).toMatchObject({
      type: 'menu',
      data: { prompt: { text: 'Pour le français, tapez 1. For English, press 2.', language: 'fr-FR' } },
    });
    expect(node(flow, target(choose.id, '1')!).data).toEqual({ choice: 'fixed', language: 'fr-FR' });
    expect(node(flow, target(choose.id, '2')!).data).toEqual({ choice: 'fixed', language: 'en-GB' });
    // A caller who chooses nothing goes on in French.
    expect(target(choose.id, 'failed')).toBe(target(choose.id, '1'));
    expect(target(target(choose.id, '1')!, 'next')).toBe('welcome');
    expect(target(target(choose.id, '2')!, 'next')).toBe('welcome');
  });

  it('is the 6003 menu from the welcome on, each sentence with its English translation', () => {
    for (const original of french.nodes.filter((candidate) => candidate.id !== 'start')) {
      const bilingual = node(flow, original.id);
      expect(bilingual.type).toBe(original.type);
      if (original.type === 'say' && bilingual.type === 'say') {
        expect(bilingual.data.text).toBe(original.data.text);
        expect(Object.keys(bilingual.data.translations ?? {})).toEqual(['en-GB']);
      }
    }
    const menu = node(flow, 'main-menu');
    if (menu.type !== 'menu') throw new Error('main-menu is not a menu');
    expect(menu.data.prompt.translations).toEqual({
      'en-GB': {
        text: 'Press 1 for the accounts department. Press 2 for human resources. Press 3 for the IT department.',
      },
    });
    expect(node(flow, 'invalid-option').data).toMatchObject({ translations: { 'en-GB': { text: 'Invalid option.' } } });
    const sameEdges = french.edges.filter((edge) => edge.source !== 'start');
    for (const edge of sameEdges) expect(target(edge.source, edge.sourceBranch)).toBe(edge.target);
  });
});

describe('the other examples', () => {
  it.each([
    ['person-6001.json', 'alice', '6001'],
    ['person-6002.json', 'bob', '6002'],
    ['person-6004.json', 'julien', '6004'],
  ])('%s rings %s for 10 s then takes a message in box %s', (file, username, box) => {
    const flow = typedExample(file);
    expect(flow.numbers).toEqual([box]);
    const first = flow.edges.find((edge) => edge.source === 'start')!.target;
    const dial = flow.nodes.find((node) => node.id === first)!;
    expect(dial).toMatchObject({ type: 'dial', data: { target: { kind: 'user', username }, ringSeconds: 10 } });
    const fallback = flow.edges.find((edge) => edge.source === dial.id && edge.sourceBranch === 'no-answer')!.target;
    expect(flow.nodes.find((node) => node.id === fallback)).toMatchObject({ type: 'voicemail', data: { box } });
  });

  it('voicemail-6099.json asks for the box number', () => {
    const flow = typedExample('voicemail-6099.json');
    expect(flow.numbers).toEqual(['6099']);
    expect(flow.nodes.find((node) => node.type === 'voicemail-inbox')?.data).toMatchObject({ box: { kind: 'ask' } });
  });

  it('conference-7000.json opens room 7000 with the moderator rules', () => {
    const flow = typedExample('conference-7000.json');
    expect(flow.numbers).toEqual(['7000']);
    expect(flow.nodes.find((node) => node.type === 'conference')?.data).toMatchObject({
      room: '7000',
      name: 'Salle de réunion',
      moderatorPin: '4321',
      participantPin: '1111',
      waitForModerator: true,
      endWhenLastModeratorLeaves: true,
      musicWhenAlone: true,
      announceJoinLeave: 'generic',
      maxMembers: 10,
    });
    expect(flow.nodes.map((node) => node.type)).toEqual(['start', 'say', 'conference', 'say', 'say', 'hangup']);
  });
});

describe('call-centre-6300.json, the 6003 menu as a call centre', () => {
  const flow = typedExample('call-centre-6300.json');
  const target = (source: string, branch: string) =>
    flow.edges.find((edge) => edge.source === source && edge.sourceBranch === branch)?.target;
  const node = (id: string | undefined) => flow.nodes.find((candidate) => candidate.id === id);

  it('checks the "Bureaux" calendar after the welcome: the menu when open, a message then voicemail otherwise', () => {
    expect(target('welcome', 'next')).toBe('office-hours');
    expect(node('office-hours')?.data).toEqual({ calendarId: 'cal_bureaux' });
    expect(target('office-hours', 'open')).toBe('main-menu');
    for (const branch of ['closed', 'holiday']) {
      const message = target('office-hours', branch);
      expect(node(message)?.type).toBe('say');
      expect(node(target(message!, 'next'))?.type).toBe('voicemail');
    }
  });

  it.each([
    ['1', 'Service compte', '6001'],
    ['2', 'RH', '6002'],
    ['3', 'Informatique', '6004'],
  ])(
    'key %s queues for %s, with voicemail %s when nobody answers or the caller presses 0',
    (digit, department, box) => {
      const queue = node(target('main-menu', digit));
      expect(queue?.type).toBe('queue');
      expect(queue?.data).toMatchObject({ department, leaveKey: '0', callbackKey: '1' });
      for (const branch of ['timeout', 'no-agents', 'left', 'full'])
        expect(node(target(queue!.id, branch))?.data).toMatchObject({ box });
    },
  );
});
