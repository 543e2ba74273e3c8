import type { AnyFlowNode, NodeType, TypedFlowNode } from '#flows/catalogue.ts';
import { LANGUAGE_VARIABLE } from '#flows/languages.ts';
import { CallerHungUp, ChannelLost, type CallPort } from './call-port.ts';
import type { Logger } from './log.ts';
import { builtInPrompt, type BuiltInMessageId } from './nodes/built-in-messages.ts';
import type { ExecutionContext, NodeEvent, ResumedHold, StepResult } from './nodes/executor.ts';
import { executorFor } from './nodes/index.ts';
import { speak } from './nodes/speak.ts';
import { systemClock, type Clock } from './clock.ts';
import type {
  CalendarDirectory,
  CallEventInput,
  CallHold,
  CallOutcome,
  CallRecorder,
  FlowDirectory,
  PeopleDirectory,
  PromptSource,
  PublishedFlow,
} from './ports.ts';
import {
  unavailableCalendars,
  unavailableConferences,
  unavailableQueues,
  unavailableVoicemail,
} from './unavailable-services.ts';
import type { QueueAccess } from './queue/queue-service.ts';
import { callLanguage, initialVariables } from './variables.ts';
import type { ConferenceRooms } from './conference/conference-rooms.ts';
import type { VoicemailBoxes } from './voicemail/voicemail-boxes.ts';

// The call session: the loop that walks a published flow, one executor per node (runtime/nodes/). It owns what
// every node shares: events before and after each node, edges, the step cap, the flow version, and how a call
// ends (completed, caller gone, error with an apology). Executors never hang up or record the call's end.

export interface SessionDeps {
  flows: FlowDirectory;
  people: PeopleDirectory;
  prompts: PromptSource;
  recorder: CallRecorder;
  /** Voicemail boxes; without it voicemail nodes fail with a clear error (and the caller hears an apology). */
  voicemail?: VoicemailBoxes;
  /** Conference rooms; without it conference nodes fail the same way. */
  conferences?: ConferenceRooms;
  /** Department queues; without it queue nodes fail the same way. */
  queues?: QueueAccess;
  /** Calendars of business-hours nodes; without it those nodes fail the same way. */
  calendars?: CalendarDirectory;
  /**
   * The instant business rules see as now (calendars). Default the real time; the simulator's "call at" and
   * SWITCHBOARD_TEST_CLOCK set it. Event times keep using `now`.
   */
  clock?: Clock;
  /** Most nodes one call may run; a graph that spins without waiting for the caller stops here. Default 500. */
  stepLimit?: number;
  /**
   * Language of the platform's own messages before any flow is known (not in service). Default fr-FR. Once the call
   * is in a flow, they follow the call's language (the variable `language`, starting at the flow's).
   */
  language?: string;
  /** Milliseconds since the epoch, for event times. Default Date.now. */
  now?: () => number;
  logger: Logger;
}

export interface RunCallOptions {
  /** Told each time the call enters a node, for live views of the canvas. */
  onStep?: (nodeId: string, flowVersionId: string) => void;
  /** Aborting it stops the session (runtime shutting down): the call is hung up and ends with outcome error. */
  stop?: AbortSignal;
  /**
   * Variables the call starts with besides the built-in ones (the simulator's "set before starting"); names as
   * variableNameSchema accepts. A built-in one (caller_number...) given here is overridden by the call's own value.
   */
  presetVariables?: Readonly<Record<string, string>>;
  /** Takes back a call a previous run of the runtime was running (it survived a restart) instead of starting one. */
  resume?: ResumeCall;
}

/** A call to take back where it was (runtime/resume.ts decides it). */
export interface ResumeCall {
  /** The call's existing record: history goes on in it. */
  callId: string;
  /** The version the call was in when it started (for the summary). */
  startedIn: PublishedFlow | null;
  /** The version of the node it was in. */
  flow: PublishedFlow;
  nodeId: string;
  variables: Readonly<Record<string, string>>;
  /** What Asterisk still holds for it in that node; the node then carries on instead of starting over. */
  hold: ResumedHold | null;
  /** Speak the apology before going on (not to someone still talking to a person or in a conference). */
  apologize: boolean;
}

export interface CallSummary {
  callId: string;
  outcome: CallOutcome;
  reason?: string;
  /** Nodes run, the start node included. */
  steps: number;
  flowId: string | null;
  /** The version the call started in (a goto may have moved it to others). */
  versionId: string | null;
}

export const DEFAULT_STEP_LIMIT = 500;

/** A flow version indexed for the loop: node by id, edge target by (node, branch). */
interface LoadedFlow {
  published: PublishedFlow;
  nodes: Map<string, AnyFlowNode>;
  targets: Map<string, Map<string, string>>;
  start: AnyFlowNode;
}

function loadFlow(published: PublishedFlow): LoadedFlow {
  const { document } = published;
  const where = `flow "${published.flowName}" version ${published.versionNumber}`;
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const targets = new Map<string, Map<string, string>>();
  for (const edge of document.edges) {
    const fromNode = targets.get(edge.source) ?? new Map<string, string>();
    // Validation forbids two edges on one branch; if it ever happens the first one drawn wins.
    if (!fromNode.has(edge.sourceBranch)) fromNode.set(edge.sourceBranch, edge.target);
    targets.set(edge.source, fromNode);
  }
  const start = document.nodes.find((node) => node.type === 'start');
  if (!start) throw new Error(`The ${where} has no start node`);
  return { published, nodes, targets, start };
}

/** Settles like `work`, or rejects as soon as `signal` aborts, so a hangup stops the loop at once. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

class SessionStopped extends Error {
  constructor(reason: unknown) {
    super(`The session was stopped${reason instanceof Error ? `: ${reason.message}` : ''}`);
    this.name = 'SessionStopped';
  }
}

class StepLimitExceeded extends Error {
  constructor(limit: number) {
    super(`The call ran more than ${limit} nodes: the flow loops without waiting for the caller`);
    this.name = 'StepLimitExceeded';
  }
}

/**
 * Runs one call from the moment it arrives in the Stasis app to its end. Every ending, errors included, resolves
 * with a summary; it rejects only when the call could not even be recorded (storage down).
 */
export async function runCall(call: CallPort, deps: SessionDeps, options: RunCallOptions = {}): Promise<CallSummary> {
  const session = new CallSession(call, deps, options);
  try {
    return await session.run();
  } finally {
    session.dispose();
  }
}

class CallSession {
  private readonly now: () => number;
  /** The platform's language, for calls that reach no flow (not in service). */
  private readonly platformLanguage: string;
  private readonly stepLimit: number;
  /** Aborted when the caller hangs up, the session is stopped, or the session is over. */
  private readonly controller = new AbortController();
  private readonly detach: (() => void)[] = [];
  private readonly variables: Map<string, string>;
  private readonly nodeStates = new Map<string, object>();
  private callId: string | null = null;
  private steps = 0;
  private lastEventAt: number | null = null;
  /** The hold a resumed call finds again in its first node. */
  private resumedHold: { nodeId: string; hold: ResumedHold } | null = null;
  /** The node being run, so an abrupt end can still close it with a node-left event. */
  private inside: { node: AnyFlowNode; flow: LoadedFlow } | null = null;
  /** The flow the call is in (the last one entered), whose language is the call's until a node switches it. */
  private current: LoadedFlow | null = null;

  constructor(
    private readonly call: CallPort,
    private readonly deps: SessionDeps,
    private readonly options: RunCallOptions,
  ) {
    this.now = deps.now ?? Date.now;
    this.platformLanguage = deps.language ?? 'fr-FR';
    this.stepLimit = deps.stepLimit ?? DEFAULT_STEP_LIMIT;
    this.variables = initialVariables(call, options.presetVariables);
    this.forwardAbort(call.hangupSignal, () => new CallerHungUp());
    if (options.stop) this.forwardAbort(options.stop, (reason) => new SessionStopped(reason));
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The language the caller hears now: the variable `language`, else the flow's, else the platform's. */
  private get language(): string {
    return callLanguage(this.variables, this.current?.published.document.language ?? this.platformLanguage);
  }

  private enter(flow: LoadedFlow): LoadedFlow {
    this.current = flow;
    return flow;
  }

  /** Speaks the platform's own messages, outside any node. */
  private platformSpeaker() {
    return {
      call: this.call,
      prompts: this.deps.prompts,
      signal: this.signal,
      record: (event: NodeEvent) => this.record(event),
      language: this.language,
    };
  }

  async run(): Promise<CallSummary> {
    if (this.options.resume) return this.resume(this.options.resume);
    let first: PublishedFlow | null;
    try {
      first = this.deps.flows.publishedFlowForNumber(this.call.dialledNumber);
      this.callId = this.deps.recorder.startCall({
        channelId: this.call.id,
        dialledNumber: this.call.dialledNumber,
        callerNumber: this.call.caller.number,
        callerName: this.call.caller.name,
        simulated: this.call.simulated,
        flowId: first?.flowId ?? null,
        versionId: first?.versionId ?? null,
        startedAt: this.now(),
      });
    } catch (error) {
      // Storage is down: the call cannot be followed, but the caller still deserves a word before the line drops.
      this.deps.logger.error('Could not start a call session', { channelId: this.call.id, error: String(error) });
      await this.announceAndHangUp('technicalError');
      throw error;
    }
    const summary = (outcome: CallOutcome, reason?: string): CallSummary => ({
      callId: this.callId!,
      outcome,
      ...(reason !== undefined ? { reason } : {}),
      steps: this.steps,
      flowId: first?.flowId ?? null,
      versionId: first?.versionId ?? null,
    });

    if (!first) {
      await this.announceAndHangUp('notInService');
      return this.finish(summary('not-in-service'));
    }

    // The version is read once: a publish during the call never changes what this caller goes through.
    return this.walk(summary, async () => {
      const flow = this.enter(loadFlow(first));
      // A preset language (the simulator's "set before starting") wins over the flow's, as a set node would.
      if (!this.variables.has(LANGUAGE_VARIABLE)) this.variables.set(LANGUAGE_VARIABLE, first.document.language);
      await untilAborted(this.call.answer(), this.signal);
      return { flow, node: flow.start };
    });
  }

  /** Goes on with a call a previous run of the runtime left in Asterisk, in the node it was in. */
  private async resume(resume: ResumeCall): Promise<CallSummary> {
    this.callId = resume.callId;
    for (const [name, value] of Object.entries(resume.variables)) this.variables.set(name, value);
    const summary = (outcome: CallOutcome, reason?: string): CallSummary => ({
      callId: resume.callId,
      outcome,
      ...(reason !== undefined ? { reason } : {}),
      steps: this.steps,
      flowId: resume.startedIn?.flowId ?? null,
      versionId: resume.startedIn?.versionId ?? null,
    });
    return this.walk(summary, async () => {
      const flow = this.enter(loadFlow(resume.flow));
      const node = flow.nodes.get(resume.nodeId);
      if (!node) throw new Error(`Node ${resume.nodeId} is not in flow "${resume.flow.flowName}" to resume the call`);
      this.record(
        {
          kind: 'note',
          detail: {
            message: 'resumed after a runtime restart',
            ...(resume.hold ? { hold: resume.hold.kind } : {}),
          },
        },
        node,
        flow,
      );
      // A no-op for a call that was answered (any call with a position was), kept for safety.
      await untilAborted(this.call.answer(), this.signal);
      if (resume.apologize) {
        await untilAborted(speak(this.platformSpeaker(), builtInPrompt('resumeApology', this.language)), this.signal);
      }
      this.resumedHold = resume.hold ? { nodeId: node.id, hold: resume.hold } : null;
      return { flow, node };
    });
  }

  /** The loop: runs nodes from where `enter` says until the flow ends, and records how the call ended. */
  private async walk(
    summary: (outcome: CallOutcome, reason?: string) => CallSummary,
    enter: () => Promise<{ flow: LoadedFlow; node: AnyFlowNode }>,
  ): Promise<CallSummary> {
    try {
      let { flow, node } = await enter();
      for (;;) {
        if (this.steps >= this.stepLimit) throw new StepLimitExceeded(this.stepLimit);
        this.steps += 1;
        const result = await this.runNode(node, flow);
        const continuation = this.continueAfter(node, flow, result);
        if (!continuation) break;
        ({ flow, node } = continuation);
      }
      await this.hangUpQuietly();
      return this.finish(summary('completed'));
    } catch (error) {
      // The node the call was in when it stopped, if any, is left with no branch.
      const inside = this.inside;
      if (inside) this.leave(inside.node, inside.flow, null);
      if (error instanceof CallerHungUp || this.call.hangupSignal.aborted) {
        // Asterisk going away (restart, lost connection) ends the call too, but it was not the caller's doing.
        const lost = [this.call.hangupSignal.reason, error].find((reason) => reason instanceof ChannelLost);
        if (lost) return this.finish(summary('lost', lost.message));
        return this.finish(summary('caller-hung-up'));
      }
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof SessionStopped || (this.options.stop?.aborted ?? false)) {
        await this.hangUpQuietly();
        return this.finish(summary('error', message));
      }
      this.deps.logger.error('Call failed', { callId: this.callId, channelId: this.call.id, error: message });
      this.record({ kind: 'error', detail: { message } }, inside?.node, inside?.flow);
      await this.announceAndHangUp('technicalError');
      return this.finish(summary(error instanceof StepLimitExceeded ? 'step-limit' : 'error', message));
    }
  }

  /** Stops listening to the call's and runtime's signals and cancels anything still waiting. */
  dispose(): void {
    for (const detach of this.detach.splice(0)) detach();
    if (!this.signal.aborted) this.controller.abort(new Error('The call session is over'));
  }

  private async runNode(node: AnyFlowNode, flow: LoadedFlow): Promise<StepResult> {
    const versionId = flow.published.versionId;
    this.record({ kind: 'node-entered' }, node, flow);
    this.options.onStep?.(node.id, versionId);
    const resumed = this.resumedHold?.nodeId === node.id ? this.resumedHold.hold : undefined;
    this.resumedHold = null;
    this.savePosition(node, flow, resumed ?? null);
    const executor = executorFor(node.type);
    const context = this.contextFor(node, flow, resumed);
    this.inside = { node, flow };
    const result = await untilAborted(executor.run(node as TypedFlowNode<NodeType>, context), this.signal);
    this.inside = null;
    this.leave(node, flow, result.kind === 'branch' ? result.branch : null);
    return result;
  }

  /** Where the call goes after a node's result, or null when the call is over. */
  private continueAfter(
    node: AnyFlowNode,
    flow: LoadedFlow,
    result: StepResult,
  ): { flow: LoadedFlow; node: AnyFlowNode } | null {
    switch (result.kind) {
      case 'end':
        return null;
      case 'enter-flow': {
        const entered = this.enter(loadFlow(result.flow));
        this.record(
          {
            kind: 'flow-entered',
            detail: {
              flowId: result.flow.flowId,
              flowName: result.flow.flowName,
              versionNumber: result.flow.versionNumber,
            },
          },
          undefined,
          entered,
        );
        return { flow: entered, node: entered.start };
      }
      case 'branch': {
        const targetId = flow.targets.get(node.id)?.get(result.branch);
        // An unconnected branch is the flow's way of saying "the call ends here".
        if (targetId === undefined) return null;
        const target = flow.nodes.get(targetId);
        if (!target) {
          throw new Error(
            `The "${result.branch}" branch of node ${node.id} leads to node ${targetId}, which is not in flow ` +
              `"${flow.published.flowName}" version ${flow.published.versionNumber}`,
          );
        }
        return { flow, node: target };
      }
    }
  }

  private contextFor(node: AnyFlowNode, flow: LoadedFlow, resumedHold?: ResumedHold): ExecutionContext {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- read by the context's language getter
    const session = this;
    const stateKey = `${flow.published.versionId}\u0000${node.id}`;
    return {
      ...(resumedHold ? { resumedHold } : {}),
      hold: (hold) => this.savePosition(node, flow, hold),
      call: this.call,
      callId: this.callId,
      signal: this.signal,
      prompts: this.deps.prompts,
      flows: this.deps.flows,
      people: this.deps.people,
      voicemail: this.deps.voicemail ?? unavailableVoicemail,
      conferences: this.deps.conferences ?? unavailableConferences,
      queues: this.deps.queues ?? unavailableQueues,
      calendars: this.deps.calendars ?? unavailableCalendars,
      now: this.deps.clock ?? systemClock,
      variables: this.variables,
      // A getter: a set or language node changes it during the node that follows.
      get language() {
        return session.language;
      },
      flow: flow.published,
      connectedBranches: new Set(flow.targets.get(node.id)?.keys() ?? []),
      record: (event) => this.record(event, node, flow),
      nodeState: <S extends object>(initial: () => S): S => {
        let state = this.nodeStates.get(stateKey) as S | undefined;
        if (!state) {
          state = initial();
          this.nodeStates.set(stateKey, state);
        }
        return state;
      },
    };
  }

  private leave(node: AnyFlowNode, flow: LoadedFlow, branch: string | null): void {
    this.record({ kind: 'node-left', branch }, node, flow);
  }

  /** Writes where the call is (off the caller's path, like events); a failure is logged, the call goes on. */
  private savePosition(node: AnyFlowNode, flow: LoadedFlow, hold: CallHold | null): void {
    if (this.callId === null || !this.deps.recorder.savePosition) return;
    try {
      this.deps.recorder.savePosition(this.callId, {
        versionId: flow.published.versionId,
        nodeId: node.id,
        variables: Object.fromEntries(this.variables),
        hold: hold === null ? null : stripResumeDetails(hold),
        // The time of the event just written (node entered, answered): positions cost no extra clock reading.
        at: this.lastEventAt ?? this.now(),
      });
    } catch (error) {
      this.deps.logger.error('Could not save the position of a call', { callId: this.callId, error: String(error) });
    }
  }

  /** Appends an event; a recorder failure is logged, never allowed to cut the caller off. */
  private record(event: NodeEvent, node?: AnyFlowNode, flow?: LoadedFlow): void {
    if (this.callId === null) return;
    this.lastEventAt = this.now();
    const full: CallEventInput = {
      ...event,
      at: this.lastEventAt,
      ...(node ? { nodeId: node.id, nodeType: node.type } : {}),
      ...(flow ? { versionId: flow.published.versionId } : {}),
    };
    try {
      this.deps.recorder.appendEvent(this.callId, full);
    } catch (error) {
      this.deps.logger.error('Could not record a call event', {
        callId: this.callId,
        kind: event.kind,
        error: String(error),
      });
    }
  }

  /** Answers if need be, speaks one of the platform's messages and hangs up; the caller may leave meanwhile. */
  private async announceAndHangUp(message: BuiltInMessageId): Promise<void> {
    if (this.call.hangupSignal.aborted || this.signal.aborted) return;
    try {
      await untilAborted(this.call.answer(), this.signal);
      await untilAborted(speak(this.platformSpeaker(), builtInPrompt(message, this.language)), this.signal);
    } catch (error) {
      if (!this.call.hangupSignal.aborted) {
        this.deps.logger.warn('Could not play a built-in message', {
          callId: this.callId,
          message,
          error: String(error),
        });
      }
    }
    await this.hangUpQuietly();
  }

  private async hangUpQuietly(): Promise<void> {
    if (this.call.hangupSignal.aborted) return;
    try {
      await this.call.hangup();
    } catch (error) {
      this.deps.logger.warn('Could not hang up', { callId: this.callId, error: String(error) });
    }
  }

  private finish(summary: CallSummary): CallSummary {
    try {
      this.deps.recorder.endCall(summary.callId, summary.outcome, this.now(), summary.reason);
    } catch (error) {
      this.deps.logger.error('Could not record the end of a call', { callId: summary.callId, error: String(error) });
    }
    return summary;
  }

  private forwardAbort(source: AbortSignal, reason: (sourceReason: unknown) => Error): void {
    const onAbort = () => {
      if (!this.signal.aborted) this.controller.abort(reason(source.reason));
    };
    if (source.aborted) return onAbort();
    source.addEventListener('abort', onAbort, { once: true });
    this.detach.push(() => source.removeEventListener('abort', onAbort));
  }
}

/** A resumed hold as it is stored again (what was found in Asterisk is found again on the next restart). */
function stripResumeDetails(hold: CallHold | ResumedHold): CallHold {
  if (hold.kind === 'conference') return { kind: 'conference', room: hold.room, role: hold.role };
  return hold;
}
