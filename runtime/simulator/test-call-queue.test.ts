// A test call through a queue node: the department's members are simulated agents the tester answers for, and the
// queued stay is written to queue_calls like a real call's, so the call page shows it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, createDepartment } from '#db/departments.ts';
import { createFlow } from '#db/flows.ts';
import { queueCallsOfCall } from '#db/queues.ts';
import { seedPeople } from '#db/seed.ts';
import { openTempDatabase, type TempDatabase } from '#db/testing/temp-database.ts';
import { flowDocumentSchema } from '#flows/document.ts';
import { log } from '../log.ts';
import { MemoryPromptSource } from '../memory-ports.ts';
import type { SimulationEvent } from './events.ts';
import { SimulationManager } from './manager.ts';

const queueFlow = flowDocumentSchema.parse({
  format: 1,
  name: 'Support',
  description: '',
  numbers: ['6200'],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'file',
      type: 'queue',
      position: { x: 200, y: 0 },
      data: { department: 'Support', firstAnnounceAfterSeconds: 0, announceEverySeconds: 10, maxWaitSeconds: 120 },
    },
    { id: 'merci', type: 'say', position: { x: 400, y: 0 }, data: { text: 'Merci de votre appel.' } },
    { id: 'fin', type: 'hangup', position: { x: 600, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceBranch: 'next', target: 'file' },
    { id: 'e2', source: 'file', sourceBranch: 'answered', target: 'merci' },
    { id: 'e3', source: 'merci', sourceBranch: 'next', target: 'fin' },
  ],
});

describe('a test call in a queue', () => {
  let temp: TempDatabase;
  let manager: SimulationManager;

  beforeEach(async () => {
    temp = openTempDatabase();
    await seedPeople(temp.db);
    createDepartment(temp.db, { name: 'Support', agentRingSeconds: 5, retrySeconds: 1 });
    addMember(temp.db, { department: 'Support', person: 'alice' });
    manager = SimulationManager.forDatabase(temp.db, new MemoryPromptSource(), log, {
      realTimePlayback: false,
      keepEndedMs: 10,
    });
  });

  afterEach(async () => {
    await manager.closeAll();
    temp.dispose();
  });

  it('rings the member, hears the position after a missed ring, takes "answered" and keeps the stay in history', async () => {
    // GIVEN a test call of a flow whose queue's department has alice as its only member
    const flowId = createFlow(temp.db, { document: queueFlow, author: 'test' }).flowId;
    const { simulationId: id } = manager.start({
      flowId,
      flowName: 'Support',
      revision: 1,
      document: queueFlow,
      callerNumber: '0611223344',
    });
    const events: SimulationEvent[] = [];
    const waitingWhileAsked: boolean[] = [];
    let questions = 0;
    const ended = new Promise<void>((resolve) => {
      manager.subscribe(id, (event) => {
        events.push(event);
        if (event.type === 'ended') resolve();
        if (event.type !== 'question') return;
        // WHEN the tester lets alice's first ring go unanswered, then answers the second
        waitingWhileAsked.push(manager.liveCalls().some((call) => call.waitingInQueue));
        const outcome = questions++ === 0 ? 'no-answer' : 'answered';
        setTimeout(() => manager.answer(id, event.questionId, outcome), 10);
      });
    });
    await ended;

    // THEN the caller heard their position between the two rings, and the call went on by "answered"
    const lines = events.flatMap((event) =>
      event.type === 'question'
        ? [`ring ${event.endpoint}`]
        : event.type === 'call-event' && event.event.kind === 'prompt-played'
          ? [`heard ${String(event.event.detail?.text)}`]
          : event.type === 'call-event' && event.event.kind === 'node-left' && event.event.nodeId === 'file'
            ? [`left by ${event.event.branch}`]
            : [],
    );
    expect(lines).toEqual([
      'ring alice',
      'heard Vous êtes le prochain à être servi.',
      'ring alice',
      'left by answered',
      'heard Merci de votre appel.',
    ]);
    // and while rung, the caller held a place in the queue (the canvas counts them as waiting)
    expect(waitingWhileAsked).toEqual([true, true]);
    // and the stay is in queue_calls with both rings
    const started = events.find((event) => event.type === 'started');
    if (started?.type !== 'started' || !started.callId) throw new Error('the call never started');
    const [stay, ...more] = queueCallsOfCall(temp.db, started.callId);
    expect(more).toEqual([]);
    expect(stay).toMatchObject({ department: 'Support', outcome: 'answered', answeredBy: 'alice', positionAtEntry: 1 });
    expect(stay!.offers.map((offer) => [offer.username, offer.outcome])).toEqual([
      ['alice', 'no-answer'],
      ['alice', 'answered'],
    ]);
  });

  it('keeps the place after the caller hangs up, then the agent is rung first and the caller called back', async () => {
    // GIVEN a queue offering the callback on key 1; the caller is alice's colleague bob (extension 6002)
    const document = flowDocumentSchema.parse({
      ...queueFlow,
      nodes: queueFlow.nodes.map((node) =>
        node.id === 'file' ? { ...node, data: { ...(node.data as object), callbackKey: '1' } } : node,
      ),
    });
    const flowId = createFlow(temp.db, { document, author: 'test' }).flowId;
    const { simulationId: id } = manager.start({
      flowId,
      flowName: 'Support',
      revision: 1,
      document,
      callerNumber: '6002',
    });
    const said: string[] = [];
    let callId = '';
    const ended = new Promise<void>((resolve) => {
      manager.subscribe(id, (event) => {
        if (event.type === 'started') callId = event.callId ?? '';
        if (event.type === 'ended') resolve();
        if (event.type === 'call-event' && event.event.kind === 'prompt-played')
          said.push(String(event.event.detail?.text));
        // WHEN alice's first ring goes unanswered, and the caller presses 1 while waiting
        if (event.type === 'question') setTimeout(() => manager.answer(id, event.questionId, 'no-answer'), 10);
        if (event.type === 'call-event' && event.event.kind === 'prompt-played' && said.length === 1)
          setTimeout(() => manager.pressKeys(id, '1'), 10);
      });
    });
    await ended;
    // THEN the caller heard the confirmation, and once alice was free again the callback went agent first
    expect(said.at(-1)).toContain('Votre demande de rappel est enregistrée');
    let stay = queueCallsOfCall(temp.db, callId)[0];
    for (let i = 0; i < 40 && stay?.outcome !== 'callback-answered'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stay = queueCallsOfCall(temp.db, callId)[0];
    }
    expect(stay).toMatchObject({ outcome: 'callback-answered', answeredBy: 'alice' });
    expect(stay!.offers.map((offer) => [offer.username, offer.outcome])).toEqual([
      ['alice', 'no-answer'],
      ['', 'callback-requested'],
      ['alice', 'answered'],
      ['', 'callback-caller-answered'],
    ]);
  });
});
