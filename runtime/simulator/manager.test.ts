import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCall } from '#db/calls.ts';
import { createFlow } from '#db/flows.ts';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { flowDocumentSchema, type FlowDocument } from '#flows/document.ts';
import { log } from '../log.ts';
import { MemoryPromptSource } from '../memory-ports.ts';
import type { SimulationEvent } from './events.ts';
import { SimulationManager, SimulationRefusedError } from './manager.ts';

const ivr6003: FlowDocument = flowDocumentSchema.parse(
  JSON.parse(readFileSync(new URL('../../flows/examples/ivr-6003.json', import.meta.url), 'utf8')),
);

/** Resolves with the first event (past or future) of the simulation that matches. */
function nextEvent(
  manager: SimulationManager,
  id: string,
  matches: (event: SimulationEvent) => boolean,
): Promise<SimulationEvent> {
  return new Promise((resolve) => {
    let stop: (() => void) | null = null;
    let found = false;
    stop = manager.subscribe(id, (event) => {
      if (found || !matches(event)) return;
      found = true;
      resolve(event);
      queueMicrotask(() => stop?.());
    });
    if (found) stop();
  });
}

const waitingForDigits = (event: SimulationEvent) => event.type === 'waiting' && event.wait?.kind === 'digits';

function enteredNodes(events: SimulationEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'call-event' && event.event.kind === 'node-entered' && event.event.nodeId
      ? [event.event.nodeId]
      : [],
  );
}

describe('SimulationManager on the 6003 draft', () => {
  let temp: TempDatabase;
  let manager: SimulationManager;
  let flowId: string;

  beforeEach(async () => {
    temp = openTempDatabase();
    await seedPeople(temp.db);
    // A draft that was never published: the simulation must run it as it is.
    flowId = createFlow(temp.db, { document: ivr6003, author: 'test' }).flowId;
    manager = SimulationManager.forDatabase(temp.db, new MemoryPromptSource(), log, {
      realTimePlayback: false,
      keepEndedMs: 10,
    });
  });

  afterEach(async () => {
    await manager.closeAll();
    temp.dispose();
  });

  const start = (document: unknown = ivr6003) =>
    manager.start({ flowId, flowName: ivr6003.name, revision: 1, document, callerNumber: '0611223344' }).simulationId;

  it('press 2, answer "no-answer" to the dial question: the call reaches bob\'s voicemail node', async () => {
    // GIVEN a test call of the draft, at the menu
    const id = start();
    await nextEvent(manager, id, waitingForDigits);
    // WHEN the tester presses 2 and says bob does not answer
    manager.pressKeys(id, '2');
    const question = await nextEvent(manager, id, (event) => event.type === 'question');
    if (question.type !== 'question') throw new Error('unreachable');
    expect(question.endpoint).toBe('bob');
    manager.answer(id, question.questionId, 'no-answer');
    // AND at bob's voicemail the panel shows "recording…"; the tester ends it with #
    const recording = await nextEvent(
      manager,
      id,
      (event) => event.type === 'waiting' && event.wait?.kind === 'record',
    );
    expect(recording).toMatchObject({ wait: { kind: 'record', terminator: '#' } });
    manager.pressKeys(id, '#');
    const summary = await manager.get(id).done;
    // THEN the path went through dial-bob (branch no-answer) to vm-bob
    const { events } = manager.get(id);
    expect(enteredNodes(events)).toEqual(['start', 'welcome', 'main-menu', 'dial-bob', 'vm-bob', 'end-call']);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'call-event',
        event: expect.objectContaining({ kind: 'node-left', nodeId: 'dial-bob', branch: 'no-answer' }),
      }),
    );
    expect(events.at(-1)).toMatchObject({ type: 'ended', callId: summary?.callId });
    // AND the call is in history as a simulated call of a draft (no version row), with the draft kept for drawing
    const record = getCall(temp.db, summary!.callId)!;
    expect(record).toMatchObject({
      simulated: true,
      flowId,
      versionId: null,
      dialledNumber: '6003',
      callerNumber: '0611223344',
    });
    expect(record.events[0]?.detail).toHaveProperty('simulatedDraft.document.nodes');
    expect(record.events.filter((event) => event.kind === 'node-entered').map((event) => event.nodeId)).toContain(
      'vm-bob',
    );
  });

  it('press 9: the menu takes the invalid branch and says "Option non valide."', async () => {
    const id = start();
    await nextEvent(manager, id, waitingForDigits);
    manager.pressKeys(id, '9');
    // The invalid prompt loops back to the welcome, then the menu waits again: hang up there.
    const invalidPrompt = await nextEvent(
      manager,
      id,
      (event) =>
        event.type === 'call-event' && event.event.kind === 'prompt-played' && event.event.nodeId === 'invalid-option',
    );
    expect(invalidPrompt).toMatchObject({
      event: { detail: { text: 'Option non valide.', hash: expect.stringMatching(/^[0-9a-f]+$/) } },
    });
    await nextEvent(manager, id, (event) => waitingForDigits(event) && enteredNodes(manager.get(id).events).length > 4);
    manager.hangUp(id);
    const summary = await manager.get(id).done;
    expect(summary?.outcome).toBe('caller-hung-up');
    expect(enteredNodes(manager.get(id).events)).toEqual([
      'start',
      'welcome',
      'main-menu',
      'invalid-option',
      'welcome',
      'main-menu',
    ]);
  });

  it('refuses a draft with errors and lists them', () => {
    const broken = { ...ivr6003, edges: ivr6003.edges.filter((edge) => edge.source !== 'start') };
    expect(() => start(broken)).toThrow(SimulationRefusedError);
    try {
      start(broken);
    } catch (error) {
      expect((error as SimulationRefusedError).diagnostics.length).toBeGreaterThan(0);
    }
    expect(manager.size).toBe(0);
  });

  it("says a refused draft's diagnostics in the language of the page that started it", () => {
    const broken = { ...ivr6003, edges: ivr6003.edges.filter((edge) => edge.source !== 'start') };
    const refusal = (language?: 'fr' | 'en') => {
      try {
        manager.start({
          flowId,
          flowName: ivr6003.name,
          revision: 1,
          document: broken,
          ...(language ? { language } : {}),
        });
      } catch (error) {
        return (error as SimulationRefusedError).diagnostics;
      }
      throw new Error('expected the draft to be refused');
    };
    const french = refusal('fr');
    const english = refusal();
    expect(french.map((diagnostic) => diagnostic.code)).toEqual(english.map((diagnostic) => diagnostic.code));
    expect(french[0]?.message).toBe(
      "Début « start » : la sortie « Arrivée de l'appel » n'est reliée à aucune étape suivante.",
    );
    expect(english[0]?.message).toBe('Start "start": the branch "Call arrives" is not connected to a next step.');
  });

  it('leaves nothing running: an ended simulation is dropped, and its call holds no timer or listener', async () => {
    const id = start();
    await nextEvent(manager, id, waitingForDigits);
    const { call } = manager.get(id);
    manager.hangUp(id);
    await manager.get(id).done;
    expect(call.pendingWork()).toEqual({ timers: 0, waits: 0, abortListeners: 0, waiters: 0 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(manager.size).toBe(0);
    expect(() => manager.pressKeys(id, '1')).toThrow(/no simulation/);
  });

  it('hangs up a call nobody watches any more (the tab was closed)', async () => {
    const watched = SimulationManager.forDatabase(temp.db, new MemoryPromptSource(), log, {
      realTimePlayback: false,
      unwatchedMs: 50,
    });
    const id = watched.start({ flowId, flowName: ivr6003.name, revision: 1, document: ivr6003 }).simulationId;
    const stop = watched.subscribe(id, () => {});
    await nextEvent(watched, id, waitingForDigits);
    // Watched: the menu keeps waiting (its own 5 s timeout) well past unwatchedMs.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(watched.get(id).ended).toBe(false);
    stop();
    const summary = await watched.get(id).done;
    expect(summary?.outcome).toBe('caller-hung-up');
    await watched.closeAll();
  });

  it('reports the node each running test call is in, for the live counts on the canvas', async () => {
    const id = start();
    await nextEvent(manager, id, waitingForDigits);
    expect(manager.liveCalls()).toEqual([
      {
        simulationId: id,
        flowId,
        nodeId: 'main-menu',
        versionId: expect.stringMatching(/^draft:/),
        waitingInQueue: false,
      },
    ]);
    manager.hangUp(id);
    await manager.get(id).done;
    expect(manager.liveCalls()).toEqual([]);
  });

  it('times out a call left alone', async () => {
    const short = SimulationManager.forDatabase(temp.db, new MemoryPromptSource(), log, {
      realTimePlayback: false,
      maxDurationMs: 50,
    });
    const id = short.start({ flowId, flowName: ivr6003.name, revision: 1, document: ivr6003 }).simulationId;
    const summary = await short.get(id).done;
    expect(summary?.outcome).toBe('caller-hung-up');
    await short.closeAll();
    expect(short.size).toBe(0);
  });
});

describe('SimulationManager: variables set before the call', () => {
  // A branch on a variable only the tester can set: client_vip=oui goes to the VIP welcome, anything else to the
  // standard one.
  const vipFlow = flowDocumentSchema.parse({
    format: 1,
    name: 'Accueil VIP',
    description: '',
    numbers: ['6123'],
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'is-vip',
        type: 'branch',
        position: { x: 200, y: 0 },
        data: {
          conditions: [
            { id: 'vip', subject: { kind: 'variable', name: 'client_vip' }, operator: 'equals', value: 'oui' },
          ],
        },
      },
      {
        id: 'vip-welcome',
        type: 'say',
        position: { x: 400, y: -80 },
        data: { text: 'Bienvenue, cher client privilégié.' },
      },
      { id: 'standard-welcome', type: 'say', position: { x: 400, y: 80 }, data: { text: 'Bienvenue.' } },
      { id: 'bye', type: 'hangup', position: { x: 600, y: 0 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceBranch: 'next', target: 'is-vip' },
      { id: 'e2', source: 'is-vip', sourceBranch: 'vip', target: 'vip-welcome' },
      { id: 'e3', source: 'is-vip', sourceBranch: 'else', target: 'standard-welcome' },
      { id: 'e4', source: 'vip-welcome', sourceBranch: 'next', target: 'bye' },
      { id: 'e5', source: 'standard-welcome', sourceBranch: 'next', target: 'bye' },
    ],
  });
  let temp: TempDatabase;
  let manager: SimulationManager;
  let flowId: string;

  beforeEach(() => {
    temp = openTempDatabase();
    flowId = createFlow(temp.db, { document: vipFlow, author: 'test' }).flowId;
    manager = SimulationManager.forDatabase(temp.db, new MemoryPromptSource(), log, {
      realTimePlayback: false,
      keepEndedMs: 10,
    });
  });
  afterEach(async () => {
    await manager.closeAll();
    temp.dispose();
  });

  async function pathWith(variables?: Record<string, string>): Promise<string[]> {
    const id = manager.start({
      flowId,
      flowName: vipFlow.name,
      revision: 1,
      document: vipFlow,
      ...(variables ? { variables } : {}),
    }).simulationId;
    await manager.get(id).done;
    return enteredNodes(manager.get(id).events);
  }

  it('takes the branch the preset variable chooses', async () => {
    expect(await pathWith({ client_vip: 'oui' })).toEqual(['start', 'is-vip', 'vip-welcome', 'bye']);
    expect(await pathWith({ client_vip: 'non' })).toEqual(['start', 'is-vip', 'standard-welcome', 'bye']);
    expect(await pathWith()).toEqual(['start', 'is-vip', 'standard-welcome', 'bye']);
  });

  it('refuses a variable name the flow language would not accept, naming it', () => {
    const startWith = (variables: Record<string, string>) => () =>
      manager.start({ flowId, flowName: vipFlow.name, revision: 1, document: vipFlow, variables });
    expect(startWith({ '1abc': 'x' })).toThrow(/The variable name "1abc" is not valid/);
    expect(startWith({ 'client vip': 'x' })).toThrow(SimulationRefusedError);
    expect(startWith({ ok: 'x'.repeat(1001) })).toThrow(/value of variable "ok"/);
    expect(manager.size).toBe(0);
  });
});

describe('SimulationManager: "what happens at time T" on a business-hours node', () => {
  let temp: TempDatabase;
  let manager: SimulationManager;

  beforeEach(() => {
    temp = openTempDatabase();
    manager = SimulationManager.forDatabase(temp.db, new MemoryPromptSource(), log, {
      realTimePlayback: false,
      keepEndedMs: 10,
    });
  });
  afterEach(() => temp.dispose());

  function hoursDraft(calendarId: string): FlowDocument {
    return flowDocumentSchema.parse({
      format: 1,
      name: 'Accueil',
      numbers: ['7700'],
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'hours', type: 'business-hours', position: { x: 1, y: 0 }, data: { calendarId } },
        { id: 'open', type: 'hangup', position: { x: 2, y: 0 }, data: {} },
        { id: 'closed', type: 'hangup', position: { x: 3, y: 0 }, data: {} },
        { id: 'holiday', type: 'hangup', position: { x: 4, y: 0 }, data: {} },
      ],
      edges: [
        { id: 'e0', source: 'start', sourceBranch: 'next', target: 'hours' },
        { id: 'e1', source: 'hours', sourceBranch: 'open', target: 'open' },
        { id: 'e2', source: 'hours', sourceBranch: 'closed', target: 'closed' },
        { id: 'e3', source: 'hours', sourceBranch: 'holiday', target: 'holiday' },
      ],
    });
  }

  async function pathAt(at: string, calendarId: string, flowId: string, document: FlowDocument) {
    const { simulationId } = manager.start({ flowId, flowName: 'Accueil', revision: 1, document, at });
    const summary = await manager.get(simulationId).done;
    expect(summary?.outcome).toBe('completed');
    return enteredNodes(manager.get(simulationId).events);
  }

  it('takes the branch the calendar gives at the date-time of the test call', async () => {
    const { createCalendar } = await import('#db/calendars.ts');
    const calendar = createCalendar(temp.db, { name: 'Accueil' });
    const document = hoursDraft(calendar.id);
    const flowId = createFlow(temp.db, { document, author: 'test' }).flowId;
    expect(await pathAt('2026-12-07T10:00:00+01:00', calendar.id, flowId, document)).toEqual([
      'start',
      'hours',
      'open',
    ]);
    expect(await pathAt('2026-12-12T10:00:00+01:00', calendar.id, flowId, document)).toEqual([
      'start',
      'hours',
      'closed',
    ]);
    expect(await pathAt('2026-07-14T10:00:00+02:00', calendar.id, flowId, document)).toEqual([
      'start',
      'hours',
      'holiday',
    ]);
  });

  it('refuses a draft pointing at a calendar that does not exist', () => {
    const document = hoursDraft('cal_gone');
    const flowId = createFlow(temp.db, { document, author: 'test' }).flowId;
    expect(() => manager.start({ flowId, flowName: 'Accueil', revision: 1, document })).toThrow(SimulationRefusedError);
    try {
      manager.start({ flowId, flowName: 'Accueil', revision: 1, document });
    } catch (error) {
      expect((error as SimulationRefusedError).diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
        'calendar-missing',
      ]);
    }
  });
});

describe('SimulationManager on the bilingual 6005 draft', () => {
  const ivr6005: FlowDocument = flowDocumentSchema.parse(
    JSON.parse(readFileSync(new URL('../../flows/examples/ivr-6005.json', import.meta.url), 'utf8')),
  );
  let temp: TempDatabase;
  let manager: SimulationManager;
  let flowId: string;

  beforeEach(() => {
    temp = openTempDatabase();
    flowId = createFlow(temp.db, { document: ivr6005, author: 'test' }).flowId;
    manager = SimulationManager.forDatabase(temp.db, new MemoryPromptSource(), log, {
      realTimePlayback: false,
      keepEndedMs: 10,
    });
  });
  afterEach(async () => {
    await manager.closeAll();
    temp.dispose();
  });

  const spoken = (id: string) =>
    manager
      .get(id)
      .events.flatMap((event) =>
        event.type === 'call-event' && event.event.kind === 'prompt-played' ? [String(event.event.detail?.text)] : [],
      );

  it('speaks English after the tester presses 2, and the invalid-option message in English', async () => {
    const id = manager.start({ flowId, flowName: ivr6005.name, revision: 1, document: ivr6005 }).simulationId;
    await nextEvent(manager, id, waitingForDigits);
    manager.pressKeys(id, '2');
    await nextEvent(manager, id, (event) => waitingForDigits(event) && enteredNodes(manager.get(id).events).length > 4);
    manager.pressKeys(id, '9');
    await nextEvent(manager, id, (event) => waitingForDigits(event) && enteredNodes(manager.get(id).events).length > 7);
    manager.hangUp(id);
    await manager.get(id).done;
    expect(spoken(id)).toEqual([
      'Pour le français, tapez 1. For English, press 2.',
      'Hello, and welcome to the platform.',
      'Press 1 for the accounts department. Press 2 for human resources. Press 3 for the IT department.',
      'Invalid option.',
      'Hello, and welcome to the platform.',
      'Press 1 for the accounts department. Press 2 for human resources. Press 3 for the IT department.',
    ]);
  });
});
