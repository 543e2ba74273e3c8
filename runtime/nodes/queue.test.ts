import { afterEach, describe, expect, it } from 'vitest';
import { log } from '../log.ts';
import { MemoryAgentDirectory } from '../queue/memory-agents.ts';
import { memoryQueueStore } from '../queue/queue-store.ts';
import { QueueService } from '../queue/queue-service.ts';
import type { DialQuestion } from '../simulated-call.ts';
import { connect, draftNode, simulate, typedFlow } from '../testing/call-harness.ts';
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
  it('plays music, announces the position, rings the agents one by one in simulation and connects the first who answers', async () => {
    // GIVEN Sales with ann and ben (ring all), ann lets it ring and ben answers
    const { store, agents } = queues(['ann', 'ben']);
    const questions: DialQuestion[] = [];
    const sim = simulate({
      flows: [{ flowId: 'q', document: queueFlow() }],
      dialledNumber: '8000',
      queues: services[0]!,
      decide: async (question) => {
        questions.push(question);
        return question.endpoint === 'PJSIP/ben' ? { outcome: 'answered', talkMs: 10 } : 'no-answer';
      },
    });
    // WHEN the call runs
    await sim.run();
    // THEN both were asked in order, ben talked, the answered branch followed, and history knows it all
    expect(questions.map((question) => question.endpoint)).toEqual(['PJSIP/ann', 'PJSIP/ben']);
    expect(sim.call.transcript).toContainEqual({ kind: 'music', playing: true, musicClass: 'default' });
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
    expect([...store.history.values()][0]).toMatchObject({ outcome: 'left-by-key' });
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
