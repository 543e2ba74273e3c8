import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentState } from './departments.ts';
import { log } from '../log.ts';
import { MemoryAgentDirectory, type MemoryDepartmentInput } from './memory-agents.ts';
import { memoryQueueStore } from './queue-store.ts';
import {
  QueueService,
  type AgentOffer,
  type CallbackDialer,
  type JoinQueueRequest,
  type QueueTicket,
} from './queue-service.ts';

let clock = 1_000_000;
const services: QueueService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

function setUp(
  department: MemoryDepartmentInput,
  options: { callbacks?: CallbackDialer; busy?: Set<string>; busyNow?: Set<string> } = {},
) {
  const agents = new MemoryAgentDirectory([department], { everyoneAvailable: true });
  const store = memoryQueueStore();
  const service = new QueueService({
    agents,
    store,
    logger: log,
    now: () => clock,
    ...(options.callbacks ? { callbacks: options.callbacks } : {}),
    ...(options.busy ? { lines: { inUse: async (username) => options.busy!.has(username) } } : {}),
    ...(options.busyNow
      ? {
          lines: {
            inUse: async () => {
              throw new Error('asked Asterisk although the recent picture of the lines was known');
            },
            busyNow: (username: string) => options.busyNow!.has(username),
          },
        }
      : {}),
  });
  services.push(service);
  const join = (callerNumber: string, priority = 0, extra: Partial<JoinQueueRequest> = {}): QueueTicket => {
    const result = service.join({
      department: agents.department(department.name)!,
      priority,
      callId: `call-${callerNumber}`,
      channelId: `chan-${callerNumber}`,
      callerNumber,
      callerName: '',
      maxWaiting: 0,
      joinWhenNoAgents: true,
      ...extra,
    });
    if (result.kind !== 'joined') throw new Error(`not joined: ${result.kind}`);
    return result.ticket;
  };
  return { agents, store, service, join };
}

/** The offer a ticket gets within a few event-loop turns, or null. */
async function offerOf(ticket: QueueTicket): Promise<AgentOffer | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('no offer')), 20);
  try {
    return await ticket.waitForOffer(controller.signal);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

const usernames = (offer: AgentOffer | null) => offer?.agents.map((agent) => agent.username) ?? [];

describe('QueueService', () => {
  it('answers higher priorities first and FIFO within a priority, whatever the order of arrival', async () => {
    const { join, agents } = setUp({
      name: 'Sales',
      strategy: 'linear',
      members: [{ username: 'ann', loggedIn: false }],
    });
    const first = join('100');
    const second = join('200');
    const vip = join('300', 5);
    expect([vip.position(), first.position(), second.position()]).toEqual([1, 2, 3]);
    agents.put({ name: 'Sales', strategy: 'linear', members: [{ username: 'ann' }] });
    agents.setPresence('ann', { kind: 'available' });
    expect(usernames(await offerOf(vip))).toEqual(['ann']);
    expect(await offerOf(first)).toBeNull();
  });

  it('never offers one agent to two callers, and hands the next free agent to the next caller', async () => {
    const { join } = setUp({ name: 'Sales', strategy: 'linear', members: [{ username: 'ann' }, { username: 'ben' }] });
    const a = join('1');
    const b = join('2');
    const c = join('3');
    const [offerA, offerB, offerC] = await Promise.all([offerOf(a), offerOf(b), offerOf(c)]);
    expect(usernames(offerA)).toEqual(['ann']);
    expect(usernames(offerB)).toEqual(['ben']);
    expect(offerC).toBeNull();
    // ann does not answer: skipped for the retry delay, so c is not offered ann again at once.
    a.ringEnded(offerA!, 'ann', 'no-answer', clock);
    expect(await offerOf(c)).toBeNull();
    expect(usernames(await offerOf(a))).toEqual([]);
  });

  it('claims the caller for the first agent, ends the others as answered elsewhere, and respects wrap-up', async () => {
    const { join, store, agents } = setUp({
      name: 'Sales',
      strategy: 'ring-all',
      wrapUpSeconds: 10,
      members: [{ username: 'ann' }, { username: 'ben' }],
    });
    const caller = join('1');
    const offer = (await offerOf(caller))!;
    expect(usernames(offer)).toEqual(['ann', 'ben']);
    clock += 3_000;
    expect(caller.claim(offer, 'ben', clock - 3_000)).toBe(true);
    expect(caller.claim(offer, 'ann', clock - 3_000)).toBe(false);
    caller.ringEnded(offer, 'ann', 'answered-elsewhere', clock - 3_000);
    expect(agents.agentStatus('ben').state).toEqual({ kind: 'on-call', department: 'Sales' });
    const row = [...store.history.values()][0]!;
    expect(row).toMatchObject({ outcome: 'answered', answeredBy: 'ben', waitMs: 3_000, positionAtEntry: 1 });
    expect(row.offers.map((offered) => [offered.username, offered.outcome])).toEqual([
      ['ben', 'answered'],
      ['ann', 'answered-elsewhere'],
    ]);
    caller.conversationEnded('ben');
    expect(agents.agentStatus('ben')).toMatchObject({ state: { kind: 'wrap-up' }, callsTaken: 1 });
    // During ben's wrap-up only ann is offered; once it is over, ben again.
    const next = join('2');
    expect(usernames(await offerOf(next))).toEqual(['ann']);
  });

  it('does not ring a paused agent, nor one whose phone is already on a call', async () => {
    const busy = new Set(['ben']);
    const { join, agents, store } = setUp(
      { name: 'Support', strategy: 'linear', members: [{ username: 'ann' }, { username: 'ben' }, { username: 'cat' }] },
      { busy },
    );
    agents.setPresence('ann', { kind: 'paused', reason: 'lunch' });
    const caller = join('1');
    // ben is skipped (line in use) and cat is offered instead.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(usernames(await offerOf(caller))).toEqual(['cat']);
    const row = [...store.history.values()][0]!;
    expect(row.offers).toContainEqual(expect.objectContaining({ username: 'ben', outcome: 'line-in-use' }));
  });

  it('refuses callers when the queue is full or nobody is logged in (joinempty), and tells waiting callers when the last agent leaves', () => {
    const { service, agents } = setUp({ name: 'Support', members: [{ username: 'ann', loggedIn: false }] });
    const department = agents.department('support')!;
    const request = {
      department,
      priority: 0,
      callId: null,
      channelId: 'c',
      callerNumber: '1',
      callerName: '',
      maxWaiting: 1,
      joinWhenNoAgents: false,
    };
    expect(service.join(request).kind).toBe('no-agents');
    const first = service.join({ ...request, joinWhenNoAgents: true });
    expect(first.kind).toBe('joined');
    expect(service.join({ ...request, joinWhenNoAgents: true }).kind).toBe('full');
    let told = 0;
    if (first.kind === 'joined') first.ticket.onAgentsGone(() => told++);
    agents.put({ name: 'Support', members: [{ username: 'ann', loggedIn: false }] });
    expect(told).toBe(1);
  });

  it('keeps a callback in its place and rings the agent first, then the caller', async () => {
    const connected: string[] = [];
    const callbacks: CallbackDialer = {
      connect: async (request) => {
        connected.push(`${request.agentEndpoint} -> ${request.callerEndpoint}`);
        request.onAgentAnswered();
        return { outcome: 'connected', talkMs: 1_000 };
      },
    };
    const { join, agents, store } = setUp(
      { name: 'Sales', strategy: 'linear', members: [{ username: 'ann', loggedIn: false }] },
      { callbacks },
    );
    const first = join('601');
    const second = join('602');
    first.toCallback('PJSIP/alice');
    expect(second.position()).toBe(2);
    agents.put({ name: 'Sales', strategy: 'linear', members: [{ username: 'ann' }] });
    agents.setPresence('ann', { kind: 'available' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(connected).toEqual(['Local/ann@switchboard-person/n -> PJSIP/alice']);
    const rows = [...store.history.values()];
    expect(rows[0]).toMatchObject({ outcome: 'callback-answered', answeredBy: 'ann' });
    expect(second.position()).toBe(1);
  });

  it('gives a caller of a previous run their place back, in queue order', () => {
    const store = memoryQueueStore();
    const agents = new MemoryAgentDirectory([{ name: 'Sales', members: [{ username: 'ann', loggedIn: false }] }]);
    const first = new QueueService({ agents, store, logger: log, now: () => clock });
    services.push(first);
    const request = {
      department: agents.department('Sales')!,
      priority: 0,
      callId: null,
      callerName: '',
      maxWaiting: 0,
      joinWhenNoAgents: true,
    };
    const a = first.join({ ...request, channelId: 'a', callerNumber: '1' });
    const b = first.join({ ...request, channelId: 'b', callerNumber: '2' });
    if (a.kind !== 'joined' || b.kind !== 'joined') throw new Error('not joined');
    first.close();
    const second = new QueueService({ agents, store, logger: log, now: () => clock, resumeGraceMs: 0 });
    services.push(second);
    const back = second.join({ ...request, channelId: 'b', callerNumber: '2', resumeEntryId: b.ticket.entryId });
    if (back.kind !== 'joined') throw new Error('not joined');
    expect(back.ticket.position()).toBe(2);
    expect(second.waitingCount('sales')).toBe(2);
  });

  it('frees agents a dead run left ringing or on a call once Asterisk says their phone is free, not those it holds', async () => {
    vi.useFakeTimers();
    try {
      // GIVEN the states a run killed with SIGKILL left behind
      const names = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'];
      const agents = new MemoryAgentDirectory(
        [{ name: 'Sales', wrapUpSeconds: 10, members: names.map((username) => ({ username })) }],
        { everyoneAvailable: true },
      );
      const set = (username: string, state: AgentState) =>
        agents.saveAgentStatus({ ...agents.agentStatus(username), state, since: Date.now() });
      set('ann', { kind: 'ringing', department: 'Sales' }); // rung by the dead run (takeBack hung the leg up)
      set('ben', { kind: 'on-call', department: 'Sales' }); // the caller hung up while no runtime ran
      set('cat', { kind: 'on-call', department: 'Sales' }); // still talking, as Asterisk sees
      set('dan', { kind: 'on-call', department: 'Sales' }); // a conversation this run takes back
      set('eve', { kind: 'wrap-up', until: Date.now() - 1 }); // a wrap-up that ended while nobody waited
      set('fay', { kind: 'on-call', department: null }); // a direct call (line in use), now over
      const busy = new Set(['cat']);
      const service = new QueueService({
        agents,
        store: memoryQueueStore(),
        logger: log,
        lines: { inUse: async (username) => busy.has(username) },
      });
      services.push(service);
      const endDan = service.takeBackConversation('dan', 'Sales');
      // WHEN the service has looked at their phones
      await vi.advanceTimersByTimeAsync(3_000);
      // THEN only those whose phone is free and whom this run does not hold are let go
      expect(agents.agentStatus('ann').state).toEqual({ kind: 'available' });
      expect(agents.agentStatus('ben')).toMatchObject({ state: { kind: 'wrap-up' }, callsTaken: 1 });
      expect(agents.agentStatus('cat').state.kind).toBe('on-call');
      expect(agents.agentStatus('dan').state.kind).toBe('on-call');
      expect(agents.agentStatus('eve').state).toEqual({ kind: 'available' });
      expect(agents.agentStatus('fay').state).toEqual({ kind: 'available' });
      // WHEN cat's call and dan's conversation end
      busy.delete('cat');
      endDan();
      await vi.advanceTimersByTimeAsync(3_000);
      // THEN both wrap up
      expect(agents.agentStatus('cat')).toMatchObject({ state: { kind: 'wrap-up' }, callsTaken: 1 });
      expect(agents.agentStatus('dan')).toMatchObject({ state: { kind: 'wrap-up' }, callsTaken: 1 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('QueueService penalties', () => {
  it('rings the lowest penalty first, and reaches higher penalties only as the wait widens them', async () => {
    const { join, agents } = setUp({
      name: 'Tiers',
      strategy: 'linear',
      widenPenaltyEverySeconds: 30,
      members: [
        { username: 'senior', penalty: 1 },
        { username: 'junior', penalty: 0, loggedIn: false },
      ],
    });
    const caller = join('1');
    // Only the penalty-1 agent is free, and the caller has waited 0 s: allowed penalty 0, nobody is rung.
    expect(await offerOf(caller)).toBeNull();
    clock += 31_000;
    agents.setPresence('senior', { kind: 'available' }); // any change makes the dispatcher look again
    expect(usernames(await offerOf(caller))).toEqual(['senior']);
  });
});

describe('QueueService line states', () => {
  it('skips an agent the recent picture of the lines shows on another call, without asking Asterisk per ring', async () => {
    const { join, store } = setUp(
      { name: 'Support', strategy: 'linear', members: [{ username: 'ann' }, { username: 'ben' }] },
      { busyNow: new Set(['ann']) },
    );
    const caller = join('1');
    const offer = await offerOf(caller);
    expect(usernames(offer)).toEqual(['ben']);
    expect(offer!.decidedAt).toBeGreaterThan(0);
    caller.claim(offer!, 'ben', clock);
    expect([...store.history.values()][0]!.offers).toEqual([
      expect.objectContaining({ username: 'ben', outcome: 'answered', offeredAt: offer!.decidedAt }),
    ]);
  });
});
