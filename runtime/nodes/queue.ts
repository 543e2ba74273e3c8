import type { TypedFlowNode } from '#flows/catalogue.ts';
import type { QueuePriority } from '#flows/nodes/queue.ts';
import { queueSentences } from '#flows/queue/queue-sentences.ts';
import type { DialResult } from '../call-port.ts';
import type { PromptSpec } from '../ports.ts';
import type { AgentOffer, OfferAgentOutcome, QueueTicket } from '../queue/queue-service.ts';
import { branch, type ExecutionContext, type NodeExecutor, type StepResult } from './executor.ts';
import { speak } from './speak.ts';

type QueueData = TypedFlowNode<'queue'>['data'];

/** Thrown into the dials of the other agents of an offer once one of them took the call. */
class AnsweredElsewhere extends Error {
  constructor() {
    super('Another agent answered');
    this.name = 'AnsweredElsewhere';
  }
}

/** Cuts an announcement short when agents are offered to the caller. */
class OfferArrived extends Error {
  constructor() {
    super('Agents were offered');
    this.name = 'OfferArrived';
  }
}

/** Why one round of waiting ended. */
type Wake =
  { kind: 'offer'; offer: AgentOffer } | { kind: 'key'; digit: string } | { kind: 'timer' } | { kind: 'agents-gone' };

/**
 * Puts the caller in a department's queue (runtime/queue/queue-service.ts decides who is rung, in which order) and
 * keeps them company meanwhile: music on hold, position and estimated wait, a periodic message, and the keys to
 * leave or to be called back. Leaves by a branch named after how the wait ended.
 */
export const queueExecutor: NodeExecutor<'queue'> = {
  async run(node, context) {
    const { data } = node;
    // After a runtime restart, still talking to the agent who answered: take the conversation back.
    if (context.resumedHold?.kind === 'dial') return resumeConversation(context);
    const department = context.queues.department(data.department);
    if (!department) {
      context.record({ kind: 'note', detail: { message: `No department named "${data.department}"` } });
      return branch('no-agents');
    }
    const priority = priorityOf(data.priority, context.variables);
    const resumedPlace = context.resumedHold?.kind === 'queue' ? context.resumedHold.entryId : undefined;
    const joined = context.queues.join({
      department,
      priority,
      callId: context.callId,
      channelId: context.call.id,
      callerNumber: context.call.caller.number,
      callerName: context.call.caller.name,
      maxWaiting: data.maxWaiting,
      joinWhenNoAgents: data.joinWhenNoAgents,
      ...(resumedPlace ? { resumeEntryId: resumedPlace } : {}),
    });
    if (joined.kind !== 'joined') {
      context.record({
        kind: 'note',
        detail: { queue: department.name, priority, joined: false, reason: joined.kind },
      });
      return branch(joined.kind);
    }
    const ticket = joined.ticket;
    context.hold({ kind: 'queue', entryId: ticket.entryId, department: department.name });
    context.record({
      kind: 'note',
      detail: { queue: department.name, priority, position: ticket.position(), resumed: resumedPlace !== undefined },
    });
    try {
      return await new QueueWait(data, context, ticket, resumedPlace !== undefined).run();
    } finally {
      // A caller who hangs up abandons their place; a runtime that stops keeps it for the next run to take back.
      if (context.call.hangupSignal.aborted) ticket.leave('abandoned');
    }
  },
};

export function priorityOf(priority: QueuePriority, variables: ReadonlyMap<string, string>): number {
  if (priority.kind === 'fixed') return priority.value;
  const value = Number(variables.get(priority.name));
  return Number.isInteger(value) && value >= 0 && value <= 100 ? value : priority.fallback;
}

async function resumeConversation(context: ExecutionContext): Promise<StepResult> {
  const hold = context.resumedHold;
  if (hold?.kind !== 'dial' || !context.call.resumeDial) return branch('answered');
  const result = await context.call.resumeDial({ ...hold, signal: context.signal });
  context.record({ kind: 'dial', detail: { endpoint: hold.endpoint, outcome: result.outcome, talkMs: result.talkMs } });
  return branch('answered');
}

class QueueWait {
  private readonly sentences: ReturnType<typeof queueSentences>;
  private readonly deadline: number;
  private nextAnnounce: number;
  private nextPeriodic: number;
  private musicOn = false;
  private agentsGone = false;

  constructor(
    private readonly data: QueueData,
    private readonly context: ExecutionContext,
    private readonly ticket: QueueTicket,
    private readonly resumed: boolean,
  ) {
    this.sentences = queueSentences(data.language);
    const now = Date.now();
    this.deadline = data.maxWaitSeconds > 0 ? ticket.enteredAt + data.maxWaitSeconds * 1000 : Infinity;
    this.nextAnnounce = data.announcePosition ? now + data.firstAnnounceAfterSeconds * 1000 : Infinity;
    this.nextPeriodic = data.periodicMessage ? now + data.periodicMessage.everySeconds * 1000 : Infinity;
  }

  async run(): Promise<StepResult> {
    const { context, data, ticket } = this;
    const stopWatching = data.leaveWhenNoAgents ? ticket.onAgentsGone(() => (this.agentsGone = true)) : () => {};
    try {
      await context.call.answer();
      const hint = this.sentences.keysHint(data.callbackKey ?? null, data.leaveKey ?? null);
      if (hint && !this.resumed) await speak(context, { text: hint, language: data.language }, true);
      for (;;) {
        if (Date.now() >= this.deadline) return this.leave('timeout', 'timeout');
        if (this.agentsGone) return this.leave('no-agents', 'no-agents');
        await this.music(true);
        const wake = await this.nextWake();
        switch (wake.kind) {
          case 'offer': {
            const answered = await this.ring(wake.offer);
            if (answered) return branch('answered');
            break;
          }
          case 'key': {
            const result = await this.onKey(wake.digit);
            if (result) return result;
            break;
          }
          case 'agents-gone':
            break; // checked at the top of the loop
          case 'timer':
            await this.announce();
            break;
        }
      }
    } finally {
      stopWatching();
      await this.music(false);
    }
  }

  private async leave(outcome: 'timeout' | 'no-agents', branchId: string): Promise<StepResult> {
    this.ticket.leave(outcome);
    this.context.record({ kind: 'note', detail: { queue: this.ticket.department, left: outcome } });
    return branch(branchId);
  }

  private async music(on: boolean): Promise<void> {
    if (on === this.musicOn) return;
    this.musicOn = on;
    if (on) await this.context.call.startMusic(this.data.musicClass);
    else await this.context.call.stopMusic().catch(() => {});
  }

  /** Waits for an agent, a key, the next announcement or the deadline, whichever comes first. */
  private async nextWake(): Promise<Wake> {
    const { context, data, ticket } = this;
    const round = new AbortController();
    const stopRound = () => round.abort(new Error('The wait round is over'));
    context.signal.addEventListener('abort', stopRound, { once: true });
    const wakeAt = Math.min(this.deadline, this.nextAnnounce, this.nextPeriodic);
    const waitMs = Math.max(0, Math.min(wakeAt - Date.now(), 2_147_000_000));
    const contenders: Promise<Wake>[] = [
      ticket.waitForOffer(round.signal).then((offer) => ({ kind: 'offer', offer })),
      new Promise<Wake>((resolve) => {
        const stop = ticket.onAgentsGone(() => resolve({ kind: 'agents-gone' }));
        round.signal.addEventListener('abort', stop, { once: true });
      }),
    ];
    if (data.leaveKey || data.callbackKey) {
      contenders.push(
        context.call
          .readDigits({ maxDigits: 1, firstDigitTimeoutMs: waitMs, interDigitTimeoutMs: 1_000, signal: round.signal })
          .then((read): Wake => (read.digits ? { kind: 'key', digit: read.digits } : { kind: 'timer' })),
      );
    } else {
      contenders.push(
        new Promise<Wake>((resolve) => {
          const timer = setTimeout(() => resolve({ kind: 'timer' }), waitMs);
          round.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
        }),
      );
    }
    let wake: Wake;
    try {
      // The losers reject once the round is aborted: only the first settlement counts.
      wake = await Promise.race(contenders);
    } finally {
      stopRound();
      context.signal.removeEventListener('abort', stopRound);
      for (const contender of contenders) contender.catch(() => {});
    }
    if (context.signal.aborted) throw context.signal.reason;
    return wake;
  }

  private async onKey(digit: string): Promise<StepResult | null> {
    const { context, data, ticket } = this;
    context.record({ kind: 'digits', digits: digit, detail: { purpose: 'queue-key' } });
    if (digit === data.leaveKey) {
      ticket.leave('left-by-key');
      context.record({ kind: 'note', detail: { queue: ticket.department, left: 'left-by-key' } });
      return branch('left');
    }
    if (digit === data.callbackKey) {
      const person = context.people.personByExtension(context.call.caller.number);
      const endpoint = person
        ? `PJSIP/${person.username}`
        : context.queues.callbackEndpointFor(context.call.caller.number);
      if (!endpoint) {
        context.record({
          kind: 'note',
          detail: { queue: ticket.department, callback: 'no way to call this number back' },
        });
        return null;
      }
      ticket.toCallback(endpoint);
      context.record({ kind: 'note', detail: { queue: ticket.department, callback: 'requested', endpoint } });
      await this.music(false);
      await speak(context, { text: this.sentences.callbackConfirmed(), language: data.language });
      return branch('callback');
    }
    return null; // other keys do nothing while waiting
  }

  private async announce(): Promise<void> {
    const { data, ticket } = this;
    const now = Date.now();
    if (now >= this.deadline) return;
    const say = (text: string) => this.sayUnlessOffered({ text, language: data.language });
    if (now >= this.nextAnnounce) {
      this.nextAnnounce = now + data.announceEverySeconds * 1000;
      await this.music(false);
      if (!(await say(this.sentences.position(ticket.position())))) return;
      const estimate = ticket.estimatedWaitMs();
      if (estimate !== null && !(await say(this.sentences.estimatedWait(Math.max(1, Math.round(estimate / 60_000))))))
        return;
    }
    if (data.periodicMessage && Date.now() >= this.nextPeriodic) {
      this.nextPeriodic = Date.now() + data.periodicMessage.everySeconds * 1000;
      await this.music(false);
      await this.sayUnlessOffered(data.periodicMessage.prompt);
    }
  }

  /**
   * Speaks to the waiting caller, but stops the moment agents are offered: an agent must not be held ringing (or
   * reserved) while the caller listens to an announcement. False when it was cut for an offer.
   */
  private async sayUnlessOffered(prompt: PromptSpec): Promise<boolean> {
    const { context, ticket } = this;
    const cut = new AbortController();
    const forward = () => cut.abort(context.signal.reason);
    if (context.signal.aborted) throw context.signal.reason;
    context.signal.addEventListener('abort', forward, { once: true });
    const stopWatching = ticket.onOfferPending(() => cut.abort(new OfferArrived()));
    try {
      await speak({ ...context, signal: cut.signal }, prompt);
      return true;
    } catch (error) {
      if (error instanceof OfferArrived && !context.signal.aborted) return false;
      throw error;
    } finally {
      stopWatching();
      context.signal.removeEventListener('abort', forward);
    }
  }

  /**
   * Rings the offer's agents (all at once on a real channel; one after another in the simulator, where a tester
   * answers each). The first to answer takes the call; true once that conversation is over.
   */
  private async ring(offer: AgentOffer): Promise<boolean> {
    const { context, ticket } = this;
    const ringAt = Date.now();
    const taken: { by: { username: string; endpoint: string } | null } = { by: null };
    // A function, not an inline test: TypeScript would keep `taken.by` narrowed to null across the awaits.
    const wonBy = (username: string) => taken.by?.username === username;
    const controllers = offer.agents.map(() => new AbortController());
    const forward = () => controllers.forEach((controller) => controller.abort(context.signal.reason));
    context.signal.addEventListener('abort', forward, { once: true });
    const ringOne = async (agent: AgentOffer['agents'][number], index: number): Promise<void> => {
      const controller = controllers[index]!;
      let result: DialResult;
      try {
        if (taken.by) throw new AnsweredElsewhere();
        result = await context.call.dial({
          endpoint: agent.endpoint,
          ringSeconds: offer.ringSeconds,
          signal: controller.signal,
          claim: async () => {
            if (taken.by || !ticket.claim(offer, agent.username, ringAt)) return false;
            taken.by = agent;
            controllers.forEach((other, otherIndex) => otherIndex !== index && other.abort(new AnsweredElsewhere()));
            await this.music(false);
            return true;
          },
          onAnswered: (connected) => {
            context.record({ kind: 'note', detail: { queue: ticket.department, answeredBy: agent.username } });
            if (connected)
              context.hold({ kind: 'dial', ...connected, endpoint: agent.endpoint, answeredAt: Date.now() });
          },
        });
      } catch (error) {
        if (wonBy(agent.username)) {
          // The caller hung up during the conversation: the agent still gets their wrap-up time.
          ticket.conversationEnded(agent.username);
          throw error;
        }
        const outcome: OfferAgentOutcome =
          error instanceof AnsweredElsewhere ? 'answered-elsewhere' : context.signal.aborted ? 'caller-left' : 'failed';
        ticket.ringEnded(offer, agent.username, outcome, ringAt);
        if (outcome === 'failed') throw error;
        return;
      }
      if (wonBy(agent.username)) {
        context.record({
          kind: 'dial',
          detail: {
            endpoint: agent.endpoint,
            outcome: result.outcome,
            talkMs: result.talkMs,
            queue: ticket.department,
          },
        });
        ticket.conversationEnded(agent.username);
        return;
      }
      ticket.ringEnded(offer, agent.username, result.claimLost ? 'answered-elsewhere' : result.outcome, ringAt);
    };
    try {
      if (context.call.simulated) {
        for (const [index, agent] of offer.agents.entries()) await ringOne(agent, index);
      } else {
        await Promise.all(offer.agents.map(ringOne));
      }
    } finally {
      context.signal.removeEventListener('abort', forward);
    }
    if (taken.by) return true;
    context.hold({ kind: 'queue', entryId: ticket.entryId, department: ticket.department });
    return false;
  }
}
