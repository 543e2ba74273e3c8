import type { TypedFlowNode } from '#flows/catalogue.ts';
import type { QueuePriority } from '#flows/nodes/queue.ts';
import { queueSentences } from '#flows/queue/queue-sentences.ts';
import type { DialResult } from '../call-port.ts';
import type { PromptSpec } from '../ports.ts';
import type { AgentOffer, OfferAgentOutcome, QueueTicket } from '../queue/queue-service.ts';
import { branch, type ExecutionContext, type NodeExecutor, type StepResult } from './executor.ts';
import { builtInPrompt } from './built-in-messages.ts';
import { nodeMessagesLanguage } from './node-language.ts';
import { speak } from './speak.ts';
import { personDialString } from '../person-dial.ts';

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
    if (context.resumedHold?.kind === 'dial') return resumeConversation(context, data.department);
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

async function resumeConversation(context: ExecutionContext, departmentName: string): Promise<StepResult> {
  const hold = context.resumedHold;
  if (hold?.kind !== 'dial' || !context.call.resumeDial) return branch('answered');
  // The agent stays on this call until it ends, then wraps up (a hold saved before `agent` existed: from the endpoint).
  const agent = hold.agent ?? hold.endpoint.replace(/^PJSIP\//, '');
  const department = context.queues.department(departmentName)?.name ?? departmentName;
  const conversationEnded = context.queues.takeBackConversation(agent, department);
  const recordDial = conversationRecorder(context, hold.endpoint, department, () => hold.answeredAt);
  try {
    recordDial(await context.call.resumeDial({ ...hold, signal: context.signal }));
    return branch('answered');
  } finally {
    recordDial.detach();
    conversationEnded();
  }
}

/**
 * Writes the dial event of the conversation with the agent who answered, once: when the dial returns, or at once
 * when the call ends during the conversation (the session closes the call then, before the dial returns), as the
 * dial node does.
 */
function conversationRecorder(
  context: ExecutionContext,
  endpoint: string,
  department: string,
  answeredAt: () => number | null,
): ((result: DialResult) => void) & { detach(): void } {
  let recorded = false;
  const record = (result: DialResult) => {
    if (recorded) return;
    recorded = true;
    context.record({
      kind: 'dial',
      detail: {
        endpoint,
        outcome: result.outcome,
        talkMs: result.talkMs,
        queue: department,
        ...(result.detail !== undefined ? { detail: result.detail } : {}),
      },
    });
  };
  const onCallEnded = () => {
    const since = answeredAt();
    if (since === null) return;
    const reason = context.signal.reason instanceof Error ? context.signal.reason.message : 'the call ended';
    record({ outcome: 'answered', talkMs: Date.now() - since, detail: `${reason} during the conversation` });
  };
  context.signal.addEventListener('abort', onCallEnded, { once: true });
  return Object.assign(record, { detach: () => context.signal.removeEventListener('abort', onCallEnded) });
}

class QueueWait {
  private readonly sentences: ReturnType<typeof queueSentences>;
  /** The language of the queue's announcements for this caller (node-language.ts). */
  private readonly language: string;
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
    this.language = nodeMessagesLanguage(context, data.language);
    this.sentences = queueSentences(this.language);
    const now = Date.now();
    this.deadline = data.maxWaitSeconds > 0 ? ticket.enteredAt + data.maxWaitSeconds * 1000 : Infinity;
    this.nextAnnounce = data.announcePosition ? now + data.firstAnnounceAfterSeconds * 1000 : Infinity;
    this.nextPeriodic = data.periodicMessage ? now + data.periodicMessage.everySeconds * 1000 : Infinity;
  }

  async run(): Promise<StepResult> {
    const { context, data, ticket } = this;
    const stopWatching = data.leaveWhenNoAgents ? ticket.onAgentsGone(() => (this.agentsGone = true)) : () => {};
    try {
      // An agent free at once is rung before anything else: the caller, not answered yet, hears their own phone's
      // ringback, and nobody waits for the answer, a greeting or the music to start (docs/queue-benchmark.md).
      const early = this.resumed ? null : ticket.takeOffer();
      if (early && (await this.ring(early))) return branch('answered');
      await context.call.answer();
      const hint = this.sentences.keysHint(data.callbackKey ?? null, data.leaveKey ?? null);
      // Back in their place after a runtime restart (decision 012): the apology, spoken from the place itself.
      if (this.resumed) await speak(context, builtInPrompt('resumeApology', context.language));
      else if (hint) await speak(context, { text: hint, language: this.language }, true);
      for (;;) {
        if (Date.now() >= this.deadline) return this.leave('timeout', 'timeout');
        if (this.agentsGone) return this.leave('no-agents', 'no-agents');
        const offered = ticket.takeOffer();
        if (offered) {
          if (await this.ring(offered)) return branch('answered');
          continue;
        }
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
        ? personDialString(person.username)
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
      await speak(context, { text: this.sentences.callbackConfirmed(), language: this.language });
      return branch('callback');
    }
    return null; // other keys do nothing while waiting
  }

  private async announce(): Promise<void> {
    const { data, ticket } = this;
    const now = Date.now();
    if (now >= this.deadline) return;
    const say = (text: string) => this.sayUnlessOffered({ text, language: this.language });
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
      let answeredAt: number | null = null;
      const recordDial = conversationRecorder(context, agent.endpoint, ticket.department, () =>
        wonBy(agent.username) ? answeredAt : null,
      );
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
            answeredAt = Date.now();
            context.record({ kind: 'note', detail: { queue: ticket.department, answeredBy: agent.username } });
            if (connected)
              context.hold({ kind: 'dial', ...connected, endpoint: agent.endpoint, answeredAt, agent: agent.username });
          },
        });
      } catch (error) {
        recordDial.detach();
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
      recordDial.detach();
      if (wonBy(agent.username)) {
        recordDial(result);
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
