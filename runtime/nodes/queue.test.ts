import { afterEach, describe, expect, it } from 'vitest';
import { log } from '../log.ts';
import { MemoryAgentDirectory } from '../queue/memory-agents.ts';
import { memoryQueueStore } from '../queue/queue-store.ts';
import { QueueService } from '../queue/queue-service.ts';
import type { DialResult, ResumeDialRequest } from '../call-port.ts';
import { MemoryCallRecorder, MemoryFlowDirectory, MemoryPeopleDirectory, MemoryPromptSource } from '../memory-ports.ts';
import { runCall, type SessionDeps } from '../session.ts';
import { SimulatedCall, type DialQuestion } from '../simulated-call.ts';
import { connect, draftNode, seedPeople, simulate, typedFlow } from '../testing/call-harness.ts';
import { builtInPrompt } from './built-in-messages.ts';
import type { ResumedHold } from './executor.ts';
import { priorityOf } from './queue.ts';

const services: QueueService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

/** start -> queue, every exit to a say naming it. */
function queueFlow(data: Record<string, unknown> = {}) {
  const exits = ['answered', 'timeout', 'full', 'no-agents', 'left', 'callback'];
  return typedFlow({
    numbers: ['8000'],
    nodes: [
      draftNode('start', 'start'),
      draftNode('q', 'queue', {
        department: 'Sales',
        firstAnnounceAfterSeconds: 0,
        announceEverySeconds: 600,
        ...data,
      }),
      ...exits.map((exit) => draftNode(exit, 'say', { text: exit })),
    ],
    edges: [connect('start', 'next', 'q'), ...exits.map((exit) => connect('q', exit, exit))],
  });
}

function queues(members: string[], strategy: 'ring-all' | 'linear' = 'ring-all') {
  const agents = new MemoryAgentDirectory(
    [{ name: 'Sales', strategy, members: members.map((username) => ({ username })) }],
    { everyoneAvailable: true },
  );
  const store = memoryQueueStore();
  const service = new QueueService({ agents, store, logger: log });
  services.push(service);
  return { agents, store, service };
}

describe('queue executor', () => {
  it('rings free agents at once (one by one in simulation) and connects the first who answers', async () => {
    // GIVEN Sales with ann and ben (ring all), ann lets it ring and ben answers
    const { store, agents } = queues(['ann', 'ben']);
    const questions: DialQuestion[] = [];
    const sim = simulate({
      flows: [{ flowId: 'q', document: queueFlow() }],
      dialledNumber: '8000',
      queues: services[0]!,
      decide: async (question) => {
        questions.push(question);
        return question.endpoint === 'ben' ? { outcome: 'answered', talkMs: 10 } : 'no-answer';
      },
    });
    // WHEN the call runs
    await sim.run();
    // THEN both were asked in order, ben talked, the answered branch followed, and history knows it all
    expect(questions.map((question) => question.endpoint)).toEqual(['ann', 'ben']);
    // Agents were free: no music nor announcement before they rang.
    expect(sim.call.transcript.some((entry) => entry.kind === 'music')).toBe(false);
    expect(sim.call.playedTexts()).toEqual(['answered']);
    const row = [...store.history.values()][0]!;
    expect(row).toMatchObject({ department: 'Sales', outcome: 'answered', answeredBy: 'ben', positionAtEntry: 1 });
    expect(row.offers.map((offer) => [offer.username, offer.outcome])).toEqual([
      ['ann', 'no-answer'],
      ['ben', 'answered'],
    ]);
    expect(agents.agentStatus('ben')).toMatchObject({ state: { kind: 'available' }, callsTaken: 1 });
  });

  it('announces the position while nobody is free, and the leave key takes the left branch', async () => {
    // GIVEN nobody logged in, callers let in anyway, 9 leaves
    const { store } = queues([]);
    const sim = simulate({
      flows: [{ flowId: 'q', document: queueFlow({ joinWhenNoAgents: true, leaveKey: '9', announcePosition: true }) }],
      dialledNumber: '8000',
      queues: services[0]!,
    });
    const done = sim.run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    sim.call.pressKeys('9');
    await done;
    // THEN the hint and the position were said, then the left branch
    const said = sim.call.playedTexts();
    expect(said[0]).toContain("Pour quitter la file d'attente, appuyez sur 9.");
    expect(said).toContain('Vous êtes le prochain à être servi.');
    expect(said.at(-1)).toBe('left');
    expect(sim.call.transcript).toContainEqual({ kind: 'music', playing: true, musicClass: 'default' });
    expect([...store.history.values()][0]).toMatchObject({ outcome: 'left-by-key' });
  });

  it("announces in the caller's language once they switched away from the flow's (English here)", async () => {
    // GIVEN a French flow and queue, and a caller who chose English before reaching it
    queues([]);
    const sim = simulate({
      flows: [{ flowId: 'q', document: queueFlow({ joinWhenNoAgents: true, leaveKey: '9', announcePosition: true }) }],
      dialledNumber: '8000',
      queues: services[0]!,
      presetVariables: { language: 'en-GB' },
    });
    const done = sim.run();
    await new Promise((resolve) => setTimeout(resolve, 50));
    sim.call.pressKeys('9');
    await done;
    // THEN the keys hint and the position are said in English
    const said = sim.call.playedTexts();
    expect(said[0]).toBe('To leave the queue, press 9.');
    expect(said).toContain('You are next in line.');
    expect(said.at(-1)).toBe('left');
  });

  it('takes no-agents when nobody is logged in, and timeout after the longest wait', async () => {
    queues([]);
    const refused = simulate({
      flows: [{ flowId: 'q', document: queueFlow() }],
      dialledNumber: '8000',
      queues: services[0]!,
    });
    await refused.run();
    expect(refused.call.playedTexts()).toEqual(['no-agents']);

    const waited = simulate({
      flows: [
        { flowId: 'q', document: queueFlow({ joinWhenNoAgents: true, maxWaitSeconds: 1, announcePosition: false }) },
      ],
      dialledNumber: '8000',
      queues: services[0]!,
    });
    await waited.run();
    expect(waited.call.playedTexts()).toEqual(['timeout']);
  });

  it('reads the priority from a variable, falling back when it is not a number from 0 to 100', () => {
    const priority = { kind: 'variable', name: 'vip', fallback: 1 } as const;
    expect(priorityOf(priority, new Map([['vip', '10']]))).toBe(10);
    expect(priorityOf(priority, new Map([['vip', 'gold']]))).toBe(1);
    expect(priorityOf(priority, new Map())).toBe(1);
    expect(priorityOf({ kind: 'fixed', value: 3 }, new Map())).toBe(3);
  });
});

describe('queue executor announcements', () => {
  it('stops an announcement the moment an agent is offered, so the agent is not kept waiting', async () => {
    // GIVEN nobody free at first; an announcement that would last 5 s starts at once
    const { agents } = queues(['ann']);
    agents.setPresence('ann', { kind: 'paused', reason: 'lunch' });
    const rung: number[] = [];
    const sim = simulate({
      flows: [{ flowId: 'q', document: queueFlow({ joinWhenNoAgents: true }) }],
      dialledNumber: '8000',
      queues: services[0]!,
      playbackMs: () => 5_000,
      decide: async () => {
        rung.push(Date.now());
        return { outcome: 'answered', talkMs: 10 };
      },
    });
    const done = sim.run();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const freedAt = Date.now();
    // WHEN ann comes back during the announcement
    agents.setPresence('ann', { kind: 'available' });
    await done;
    // THEN she was rung well before the 5 s announcement would have ended
    expect(rung).toHaveLength(1);
    expect(rung[0]! - freedAt).toBeLessThan(1_000);
    expect(sim.call.playedTexts().at(-1)).toBe('answered');
  });
});

describe('queue executor after a runtime restart', () => {
  const APOLOGY = builtInPrompt('resumeApology', 'fr-FR').text;

  /** A call of a previous run, taken back in the queue node `q` with `hold`; its session runs on `call`. */
  function resumeIn(service: QueueService, call: SimulatedCall, hold: ResumedHold) {
    const flows = new MemoryFlowDirectory([{ flowId: 'q', document: queueFlow({ announcePosition: false }) }]);
    const version = flows.publishedFlowById('q')!;
    const recorder = new MemoryCallRecorder();
    const deps: SessionDeps = {
      flows,
      people: new MemoryPeopleDirectory(seedPeople),
      prompts: new MemoryPromptSource(),
      recorder,
      logger: log,
      queues: service,
    };
    const callId = recorder.startCall({
      channelId: call.id,
      dialledNumber: '8000',
      callerNumber: '0999',
      callerName: '',
      simulated: false,
      flowId: 'q',
      versionId: version.versionId,
      startedAt: 1,
    });
    const done = runCall(call, deps, {
      resume: {
        callId,
        startedIn: version,
        flow: version,
        nodeId: 'q',
        variables: {},
        hold,
        apologize: false,
      },
    });
    return { done, recorder, callId };
  }

  it('takes the caller back into their own place first, then apologises from it; one history row', async () => {
    // GIVEN a caller of a previous run waiting in Sales (nobody free), behind nobody
    const agents = new MemoryAgentDirectory([{ name: 'Sales', members: [{ username: 'ann', loggedIn: false }] }]);
    const store = memoryQueueStore();
    const before = new QueueService({ agents, store, logger: log });
    const joined = before.join({
      department: agents.department('Sales')!,
      priority: 3,
      callId: 'call-1',
      channelId: 'chan-1',
      callerNumber: '0999',
      callerName: '',
      maxWaiting: 0,
      joinWhenNoAgents: true,
    });
    if (joined.kind !== 'joined') throw new Error('not joined');
    before.close();
    const service = new QueueService({ agents, store, logger: log });
    services.push(service);
    // WHEN the next run takes the call back in the queue node
    const call = new SimulatedCall({ id: 'chan-1', dialledNumber: '8000' });
    const { done, recorder, callId } = resumeIn(service, call, {
      kind: 'queue',
      entryId: joined.ticket.entryId,
      department: 'Sales',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(call.transcript).toContainEqual(expect.objectContaining({ kind: 'music', playing: true }));
    // THEN the caller is in the same place (same entry, priority, history row) and heard the apology from there
    expect(service.snapshot()[0]!.waiting).toMatchObject([{ entryId: joined.ticket.entryId, priority: 3 }]);
    expect(call.playedTexts()).toEqual([APOLOGY]);
    expect(store.history.size).toBe(1);
    const notes = recorder.call(callId).events.filter((event) => event.kind === 'note');
    expect(notes.map((event) => event.detail)).toContainEqual(
      expect.objectContaining({ queue: 'Sales', resumed: true }),
    );
    call.hangUp();
    await done;
    // (the node lets go of the place just after the session closed the call)
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([...store.history.values()].map((row) => row.outcome)).toEqual(['abandoned']);
  });

  it('keeps the agent of a conversation taken back on that call, then gives them their wrap-up', async () => {
    // GIVEN ben, whom the previous run left on a call with this caller
    const agents = new MemoryAgentDirectory([{ name: 'Sales', wrapUpSeconds: 30, members: [{ username: 'ben' }] }], {
      everyoneAvailable: true,
    });
    agents.saveAgentStatus({ ...agents.agentStatus('ben'), state: { kind: 'on-call', department: 'Sales' } });
    const service = new QueueService({ agents, store: memoryQueueStore(), logger: log });
    services.push(service);
    const call = new SimulatedCall({ id: 'chan-1', dialledNumber: '8000' });
    let endTalk!: (result: DialResult) => void;
    const resumed: ResumeDialRequest[] = [];
    Object.assign(call, {
      resumeDial: (request: ResumeDialRequest) => {
        resumed.push(request);
        return new Promise<DialResult>((resolve) => (endTalk = resolve));
      },
    });
    // WHEN the next run takes the conversation back
    const hold: ResumedHold = {
      kind: 'dial',
      bridgeId: 'b-1',
      legId: 'leg-1',
      endpoint: 'PJSIP/ben',
      answeredAt: 5,
      agent: 'ben',
    };
    const { done, recorder, callId } = resumeIn(service, call, hold);
    await new Promise((resolve) => setImmediate(resolve));
    // THEN it waits in the same bridge, with ben still on that call
    expect(resumed).toMatchObject([{ bridgeId: 'b-1', legId: 'leg-1' }]);
    expect(agents.agentStatus('ben').state).toEqual({ kind: 'on-call', department: 'Sales' });
    // WHEN ben hangs up
    endTalk({ outcome: 'answered', talkMs: 9_000 });
    await done;
    // THEN ben wraps up, the conversation is in history, and the flow went on by "answered", without an apology
    expect(agents.agentStatus('ben')).toMatchObject({ state: { kind: 'wrap-up' }, callsTaken: 1 });
    const dial = recorder.call(callId).events.find((event) => event.kind === 'dial');
    expect(dial?.detail).toMatchObject({ endpoint: 'PJSIP/ben', outcome: 'answered', talkMs: 9_000, queue: 'Sales' });
    expect(call.playedTexts()).toEqual(['answered']);
  });
});
