import { randomUUID } from 'node:crypto';
import type { SwitchboardDb } from '#db/client.ts';
import { calendarNames, createCalendarDirectory } from '#db/calendars.ts';
import { createCallRecorder } from '#db/calls.ts';
import { createFlowDirectory, createPeopleDirectory } from '#db/directory.ts';
import { claimedNumbers } from '#db/flows.ts';
import { createVoicemailBoxes, voicemailDirFor } from '#db/voicemail.ts';
import { createAgentDirectory } from '#db/agent-directory.ts';
import { createQueueStore } from '#db/queues.ts';
import type { AgentDirectory } from '../queue/departments.ts';
import { simulatedAgents } from '../queue/memory-agents.ts';
import { memoryQueueStore, type QueueStore } from '../queue/queue-store.ts';
import { QueueService, type CallbackDialer } from '../queue/queue-service.ts';
import type { TypedFlowDocument } from '#flows/document.ts';
import { variableNameSchema } from '#flows/nodes/shared.ts';
import { validateFlow, type Diagnostic } from '#flows/validate.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import type { DialOutcome, PromptMedia } from '../call-port.ts';
import type { ConferenceRooms } from '../conference/conference-rooms.ts';
import { ConferenceService } from '../conference/conference-service.ts';
import { MemoryConferenceMedia, MemoryNameStore } from '../conference/memory-media.ts';
import { MemoryRecordingLog } from '../conference/recording-log.ts';
import type { Logger } from '../log.ts';
import { clockStartingAt, processBusinessClock, systemClock, type Clock } from '../clock.ts';
import type { CalendarDirectory, CallRecorder, FlowDirectory, PeopleDirectory, PromptSource } from '../ports.ts';
import { runCall, type CallSummary } from '../session.ts';
import { SimulatedCall, type DialQuestion, type SimulatedWait } from '../simulated-call.ts';
import type { VoicemailBoxes } from '../voicemail/voicemail-boxes.ts';
import { testCallVoicemail } from './test-call-voicemail.ts';
import { draftCallRecorder, draftFlowDirectory, type DraftUnderTest } from './draft-ports.ts';
import { DIAL_OUTCOMES, type SimulationEvent, type SimulationWaitView } from './events.ts';

// The server side of the editor's "Test call": one real call session (runtime/session.ts) per simulation, on a
// SimulatedCall, over the draft being edited. The browser drives it through resource routes and watches it through
// server-sent events; the same interpreter as real calls, so what a tester sees is what a caller would live.

export class SimulationRefusedError extends Error {
  override readonly name = 'SimulationRefusedError';
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

export class SimulationNotFoundError extends Error {
  override readonly name = 'SimulationNotFoundError';
  constructor(readonly simulationId: string) {
    super(`There is no simulation "${simulationId}" (it ended and was cleaned up, or never existed)`);
  }
}

/** What the manager needs; `forDatabase` builds it on the real stores. */
export interface SimulationManagerDeps {
  flows: FlowDirectory;
  /**
   * Rooms for simulated calls. Default: rooms of their own on in-memory bridges, so a test call never enters (or
   * shows up in) a real conference.
   */
  conferences?: ConferenceRooms;
  /**
   * The call centre's departments: a test call's queue nodes ring their members as simulated agents (the tester
   * answers or lets ring); without it queue nodes fail with the "not available" apology.
   */
  departments?: Pick<AgentDirectory, 'department' | 'departments'>;
  /**
   * Where a test call's queue history goes (who was rung, who answered), so its call page shows the queue as a real
   * call's does; places stay in memory (a test call never holds a place a restarted runtime would take back).
   * Reports leave simulated calls out. Default: kept in memory only.
   */
  queueHistory?: Pick<QueueStore, 'startHistory' | 'addOffer' | 'finishHistory' | 'reopenHistory'>;
  people: PeopleDirectory;
  /**
   * The real boxes, seen through testCallVoicemail: a tester can leave a message (a quiet tone as long as they
   * "spoke") and listen on 6099 as a caller would, but nothing the test call does reaches the real boxes. Without it
   * voicemail nodes fail with the "not available" apology.
   */
  voicemail?: VoicemailBoxes;
  recorder: CallRecorder;
  /** Prompts as the real runtime prepares them; durationMs (when known) paces playback like a real call. */
  prompts: PromptSource & { durationOf?(hash: string): number | undefined };
  /** Numbers other flows hold (number -> flow name), so validation matches publishing's. */
  claimedNumbers(exceptFlowId: string): ReadonlyMap<string, string>;
  /** The calendars business-hours nodes read (the real ones: a test call sees the switch as it is). */
  calendars?: CalendarDirectory;
  /** Every calendar (id -> name), so a node pointing at a missing one is refused as at publishing. */
  calendarNames?(): ReadonlyMap<string, string>;
  /**
   * The business clock of test calls started without a date-time (SWITCHBOARD_TEST_CLOCK when set); default the
   * real time.
   */
  clock?: Clock;
  logger: Logger;
  language?: string;
  now?: () => number;
  /** How long a simulation may last at most. Default 30 minutes. */
  maxDurationMs?: number;
  /** How long a running simulation nobody watches (the tab was closed) lives on before it is hung up. Default 60 s. */
  unwatchedMs?: number;
  /** How long an ended simulation is kept so a late browser can still read its events. Default 60 s. */
  keepEndedMs?: number;
  /** Play prompts for their real duration (browser) or instantly (tests). Default true. */
  realTimePlayback?: boolean;
}

export interface StartSimulationInput {
  flowId: string;
  flowName: string;
  revision: number;
  /** The draft as the editor holds it (possibly not yet saved). */
  document: unknown;
  callerNumber?: string;
  callerName?: string;
  /** Default: the draft's first number. */
  dialledNumber?: string;
  /** Outcomes of the next dials, in order; once used up the tester is asked. */
  dialOutcomes?: DialOutcome[];
  /** Variables the call starts with (name -> value), as if a `set` node had run before the start node. */
  variables?: Readonly<Record<string, string>>;
  /** Who started it (a staff account id): only they may drive or watch it. */
  owner?: string;
  /**
   * "What happens at time T": the instant the call happens at (ISO with offset); business-hours nodes see the clock
   * start there. Default: the manager's clock (now).
   */
  at?: string;
  /** The language of the refused draft's diagnostics: the editor page's. Default English. */
  language?: UiLanguage;
}

type Listener = (event: SimulationEvent) => void;

interface PendingQuestion {
  id: string;
  resolve(outcome: DialOutcome): void;
}

export interface SimulationHandle {
  id: string;
  flowId: string;
  owner: string | null;
  call: SimulatedCall;
  /** Every event so far, so a browser connecting late (or reconnecting) sees the whole call. */
  events: SimulationEvent[];
  done: Promise<CallSummary | null>;
  ended: boolean;
  /** The node the call is in (null before the first one), for the live counts on the canvas. */
  current: { nodeId: string; versionId: string } | null;
}

interface Simulation extends SimulationHandle {
  listeners: Set<Listener>;
  question: PendingQuestion | null;
  timers: ReturnType<typeof setTimeout>[];
  /** Hangs the call up when nobody has watched it for a while; cleared while someone does. */
  unwatched: ReturnType<typeof setTimeout> | null;
  /** The test call's own queues, while it runs. */
  queues?: QueueService | null;
}

const CALLER_NUMBER = /^[0-9+*#]{0,32}$/;

export class SimulationManager {
  private readonly simulations = new Map<string, Simulation>();
  private readonly now: () => number;
  private readonly conferences: ConferenceRooms;

  constructor(private readonly deps: SimulationManagerDeps) {
    this.now = deps.now ?? Date.now;
    this.conferences =
      deps.conferences ??
      new ConferenceService({
        media: new MemoryConferenceMedia(),
        prompts: deps.prompts,
        recordings: new MemoryRecordingLog(),
        names: new MemoryNameStore(),
        logger: deps.logger,
      });
  }

  /** On the database and prompt store the web server uses: gotos, people, prompts and history are the real ones. */
  static forDatabase(
    db: SwitchboardDb,
    prompts: PromptSource & { durationOf?(hash: string): number | undefined },
    logger: Logger,
    options: Pick<
      SimulationManagerDeps,
      'language' | 'maxDurationMs' | 'unwatchedMs' | 'keepEndedMs' | 'realTimePlayback'
    > = {},
  ): SimulationManager {
    return new SimulationManager({
      flows: createFlowDirectory(db),
      people: createPeopleDirectory(db),
      recorder: createCallRecorder(db),
      prompts,
      claimedNumbers: (flowId) => claimedNumbers(db, flowId),
      departments: createAgentDirectory(db),
      queueHistory: createQueueStore(db),
      calendars: createCalendarDirectory(db),
      calendarNames: () => calendarNames(db),
      // The same pinned clock as the runtime's on a test installation (runtime/clock.ts).
      clock: processBusinessClock(),
      logger,
      ...(db.file === ':memory:' && !process.env.VOICEMAIL_DIR
        ? {}
        : { voicemail: createVoicemailBoxes(db, { dir: voicemailDirFor(db) }) }),
      ...options,
    });
  }

  /** Validates the draft and starts its call. Refuses (SimulationRefusedError) a draft with errors. */
  start(input: StartSimulationInput): { simulationId: string } {
    const names = this.deps.calendarNames?.();
    const validation = validateFlow(input.document, {
      claimedNumbers: this.deps.claimedNumbers(input.flowId),
      ...(names ? { calendars: names } : {}),
      language: input.language ?? 'en',
    });
    const errors = validation.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0 || !validation.typed) {
      throw new SimulationRefusedError(
        `The draft has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before a test call`,
        errors,
      );
    }
    const document: TypedFlowDocument = validation.typed;
    const callerNumber = input.callerNumber ?? '0600000000';
    if (!CALLER_NUMBER.test(callerNumber)) {
      throw new SimulationRefusedError(
        `The caller number "${callerNumber}" may hold only digits, +, * and # (32 at most)`,
      );
    }
    const dialledNumber = input.dialledNumber ?? document.numbers[0] ?? 'draft';
    for (const outcome of input.dialOutcomes ?? []) {
      if (!DIAL_OUTCOMES.includes(outcome))
        throw new SimulationRefusedError(`"${String(outcome)}" is not a dial outcome`);
    }
    const variables = checkedPresetVariables(input.variables ?? {});
    let clock = this.deps.clock ?? systemClock;
    if (input.at !== undefined) {
      const start = new Date(input.at);
      if (Number.isNaN(start.getTime()) || !/(Z|[+-]\d{2}:\d{2})$/.test(input.at)) {
        throw new SimulationRefusedError(
          `"${input.at}" is not a date-time with its offset, e.g. 2026-12-25T10:00:00+01:00`,
        );
      }
      clock = clockStartingAt(start);
    }
    const draft: DraftUnderTest = {
      flowId: input.flowId,
      flowName: input.flowName,
      revision: input.revision,
      document,
    };

    const id = `sim-${randomUUID()}`;
    const simulation = {
      id,
      flowId: input.flowId,
      owner: input.owner ?? null,
      events: [],
      listeners: new Set(),
      question: null,
      timers: [],
      unwatched: null,
      ended: false,
      current: null,
    } as unknown as Simulation;

    const realTime = this.deps.realTimePlayback ?? true;
    const durationOf = this.deps.prompts.durationOf?.bind(this.deps.prompts);
    const call = new SimulatedCall({
      id,
      dialledNumber,
      caller: { number: callerNumber, name: input.callerName ?? 'Test call' },
      playbackMs: (media: PromptMedia) =>
        realTime && media.kind === 'prompt' ? (durationOf?.(media.hash) ?? 1000) : 0,
      dialOutcomes: [...(input.dialOutcomes ?? [])],
      decide: (question, signal) => this.ask(simulation, question, signal),
      onWaitChange: (wait) => this.emit(simulation, { type: 'waiting', at: this.now(), wait: viewOf(wait) }),
    });
    simulation.call = call;
    this.simulations.set(id, simulation);
    // Each test call has queues of its own: it waits alone, and its agents are the tester's answers.
    const queues = this.deps.departments
      ? new QueueService({
          agents: simulatedAgents(this.deps.departments),
          store: this.deps.queueHistory ? withHistory(memoryQueueStore(), this.deps.queueHistory) : memoryQueueStore(),
          logger: this.deps.logger,
          callbacks: simulatedCallbacks,
        })
      : null;
    simulation.queues = queues;

    const recorder = draftCallRecorder(this.deps.recorder, draft);
    let callId: string | null = null;
    const watchingRecorder: CallRecorder = {
      ...recorder,
      startCall: (start) => {
        callId = recorder.startCall(start);
        this.emit(simulation, {
          type: 'started',
          at: start.startedAt,
          simulationId: id,
          callId,
          dialledNumber,
          callerNumber,
        });
        return callId;
      },
      appendEvent: (target, event) => {
        recorder.appendEvent(target, event);
        // The draft's document rides in a note for history; the browser already has it.
        if (event.kind === 'note' && event.detail && 'simulatedDraft' in event.detail) return;
        this.emit(simulation, { type: 'call-event', event });
      },
    };

    simulation.done = runCall(
      call,
      {
        flows: draftFlowDirectory(this.deps.flows, draft, dialledNumber),
        people: this.deps.people,
        prompts: this.deps.prompts,
        conferences: this.conferences,
        ...(queues ? { queues } : {}),
        ...(this.deps.voicemail ? { voicemail: testCallVoicemail(this.deps.voicemail) } : {}),
        recorder: watchingRecorder,
        logger: this.deps.logger,
        ...(this.deps.language ? { language: this.deps.language } : {}),
        ...(this.deps.calendars ? { calendars: this.deps.calendars } : {}),
        clock,
        now: this.now,
      },
      {
        presetVariables: variables,
        onStep: (nodeId, versionId) => {
          simulation.current = { nodeId, versionId };
        },
      },
    )
      .finally(() => {
        if (queues) closeOnceServed(queues);
      })
      .then((summary) => {
        this.emit(simulation, {
          type: 'ended',
          at: this.now(),
          outcome: summary.outcome,
          ...(summary.reason !== undefined ? { reason: summary.reason } : {}),
          callId: summary.callId,
        });
        return summary;
      })
      .catch((error: unknown) => {
        this.deps.logger.error('A simulated call could not be recorded', { simulationId: id, error: String(error) });
        this.emit(simulation, {
          type: 'ended',
          at: this.now(),
          outcome: 'error',
          reason: String(error),
          callId: callId ?? '',
        });
        return null;
      })
      .finally(() => this.settle(simulation));

    // A forgotten browser tab must not keep a call running for ever.
    simulation.timers.push(setTimeout(() => call.hangUp(), this.deps.maxDurationMs ?? 30 * 60_000));
    this.watchForAbandon(simulation);
    return { simulationId: id };
  }

  get(simulationId: string): SimulationHandle {
    const simulation = this.simulations.get(simulationId);
    if (!simulation) throw new SimulationNotFoundError(simulationId);
    return simulation;
  }

  /** Listens to a simulation: past events are replayed first. Returns the function that stops listening. */
  subscribe(simulationId: string, listener: Listener): () => void {
    const simulation = this.find(simulationId);
    for (const event of simulation.events) listener(event);
    simulation.listeners.add(listener);
    if (simulation.unwatched) clearTimeout(simulation.unwatched);
    simulation.unwatched = null;
    return () => {
      simulation.listeners.delete(listener);
      this.watchForAbandon(simulation);
    };
  }

  pressKeys(simulationId: string, digits: string): void {
    const simulation = this.find(simulationId);
    this.assertRunning(simulation);
    simulation.call.pressKeys(digits);
    this.emit(simulation, { type: 'keys', at: this.now(), keys: digits });
  }

  skip(simulationId: string): boolean {
    const simulation = this.find(simulationId);
    this.assertRunning(simulation);
    return simulation.call.skipWait();
  }

  answer(simulationId: string, questionId: string, outcome: DialOutcome): void {
    const simulation = this.find(simulationId);
    this.assertRunning(simulation);
    if (!DIAL_OUTCOMES.includes(outcome))
      throw new SimulationRefusedError(`"${String(outcome)}" is not a dial outcome`);
    const question = simulation.question;
    if (!question || question.id !== questionId) {
      throw new SimulationRefusedError(`The question "${questionId}" is not open any more (the call moved on)`);
    }
    question.resolve(outcome);
  }

  hangUp(simulationId: string): void {
    this.find(simulationId).call.hangUp();
  }

  /** Test calls in progress and their node; `waitingInQueue` while the call holds a place in a queue (not talking). */
  liveCalls(): { simulationId: string; flowId: string; nodeId: string; versionId: string; waitingInQueue: boolean }[] {
    const live = [];
    for (const simulation of this.simulations.values()) {
      if (simulation.ended || simulation.call.ended || !simulation.current) continue;
      const waitingInQueue = (simulation.queues?.waitingCallIds().size ?? 0) > 0;
      live.push({ simulationId: simulation.id, flowId: simulation.flowId, ...simulation.current, waitingInQueue });
    }
    return live;
  }

  /** How many simulations are held (running, or ended and kept a moment for late readers). */
  get size(): number {
    return this.simulations.size;
  }

  /** Hangs every simulation up and waits for their sessions (server shutdown, tests). */
  async closeAll(): Promise<void> {
    const all = [...this.simulations.values()];
    for (const simulation of all) simulation.call.hangUp();
    await Promise.allSettled(all.map((simulation) => simulation.done));
    for (const simulation of all) this.forget(simulation);
  }

  private find(simulationId: string): Simulation {
    const simulation = this.simulations.get(simulationId);
    if (!simulation) throw new SimulationNotFoundError(simulationId);
    return simulation;
  }

  private assertRunning(simulation: Simulation): void {
    if (simulation.ended || simulation.call.ended)
      throw new SimulationRefusedError('This test call is over; start a new one');
  }

  private ask(simulation: Simulation, question: DialQuestion, signal: AbortSignal): Promise<DialOutcome> {
    return new Promise<DialOutcome>((resolve, reject) => {
      const id = randomUUID();
      const close = () => {
        signal.removeEventListener('abort', onAbort);
        if (simulation.question?.id === id) simulation.question = null;
        this.emit(simulation, { type: 'question-closed', at: this.now(), questionId: id });
      };
      const onAbort = () => {
        close();
        reject(signal.reason instanceof Error ? signal.reason : new Error('The dial question was withdrawn'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      simulation.question = {
        id,
        resolve: (outcome) => {
          close();
          resolve(outcome);
        },
      };
      this.emit(simulation, {
        type: 'question',
        at: this.now(),
        questionId: id,
        endpoint: question.endpoint,
        ringSeconds: question.ringSeconds,
        outcomes: DIAL_OUTCOMES,
      });
    });
  }

  private emit(simulation: Simulation, event: SimulationEvent): void {
    simulation.events.push(event);
    for (const listener of simulation.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.deps.logger.warn('A simulation listener failed', { simulationId: simulation.id, error: String(error) });
      }
    }
  }

  /** With nobody listening, the call is hung up after unwatchedMs, unless someone (re)connects first. */
  private watchForAbandon(simulation: Simulation): void {
    if (simulation.ended || simulation.listeners.size > 0 || simulation.unwatched) return;
    simulation.unwatched = setTimeout(() => {
      simulation.unwatched = null;
      if (simulation.listeners.size === 0) simulation.call.hangUp();
    }, this.deps.unwatchedMs ?? 60_000);
  }

  private settle(simulation: Simulation): void {
    simulation.ended = true;
    if (simulation.unwatched) clearTimeout(simulation.unwatched);
    simulation.unwatched = null;
    for (const timer of simulation.timers.splice(0)) clearTimeout(timer);
    // Kept a moment so a browser that reconnects right after the end still gets the whole story, then dropped.
    const keep = setTimeout(() => this.forget(simulation), this.deps.keepEndedMs ?? 60_000);
    keep.unref?.();
    simulation.timers.push(keep);
  }

  private forget(simulation: Simulation): void {
    if (simulation.unwatched) clearTimeout(simulation.unwatched);
    simulation.unwatched = null;
    for (const timer of simulation.timers.splice(0)) clearTimeout(timer);
    simulation.listeners.clear();
    this.simulations.delete(simulation.id);
  }
}

const MAX_PRESET_VARIABLES = 50;
const MAX_VARIABLE_VALUE = 1000;

/** The tester's variables, refused with the offending name when one is not a variable name or too long. */
function checkedPresetVariables(variables: Readonly<Record<string, string>>): Record<string, string> {
  const entries = Object.entries(variables);
  if (entries.length > MAX_PRESET_VARIABLES) {
    throw new SimulationRefusedError(`At most ${MAX_PRESET_VARIABLES} variables may be set before a test call`);
  }
  for (const [name, value] of entries) {
    const parsed = variableNameSchema.safeParse(name);
    if (!parsed.success) {
      throw new SimulationRefusedError(
        `The variable name "${name}" is not valid: ${parsed.error.issues[0]?.message ?? 'bad name'}`,
      );
    }
    if (typeof value !== 'string' || value.length > MAX_VARIABLE_VALUE) {
      throw new SimulationRefusedError(
        `The value of variable "${name}" must be text of at most ${MAX_VARIABLE_VALUE} characters`,
      );
    }
  }
  return Object.fromEntries(entries);
}

function viewOf(wait: SimulatedWait | null): SimulationWaitView | null {
  if (!wait) return null;
  switch (wait.kind) {
    case 'play': {
      const { media } = wait;
      return {
        kind: 'play',
        text: media.kind === 'prompt' ? media.text : null,
        hash: media.kind === 'prompt' ? media.hash : null,
        bargeIn: wait.bargeIn,
      };
    }
    case 'digits':
      return { kind: 'digits', maxDigits: wait.request.maxDigits, timeoutMs: wait.request.firstDigitTimeoutMs };
    case 'dial':
      return { kind: 'dial', endpoint: wait.endpoint, ringSeconds: wait.ringSeconds };
    case 'record':
      return { kind: 'record', maxSeconds: wait.request.maxSeconds, terminator: wait.request.terminator ?? null };
  }
}

/** Places in memory, history where `history` keeps it. */
function withHistory(
  places: QueueStore,
  history: Pick<QueueStore, 'startHistory' | 'addOffer' | 'finishHistory' | 'reopenHistory'>,
): QueueStore {
  return {
    ...places,
    startHistory: (row) => history.startHistory(row),
    addOffer: (historyId, offer) => history.addOffer(historyId, offer),
    finishHistory: (historyId, end) => history.finishHistory(historyId, end),
    reopenHistory: (historyId) => history.reopenHistory?.(historyId),
  };
}

/**
 * A test call's callbacks: once the tester's caller has asked for one and hung up, there is nobody left to answer for
 * either phone, so the simulated agent and the caller both pick up at once. The queue history of the test call then
 * shows the path a real callback takes (requested, the agent answered first, then the caller), in that order.
 */
const simulatedCallbacks: CallbackDialer = {
  connect: async (request) => {
    request.onAgentAnswered();
    return { outcome: 'connected', talkMs: 0 };
  },
};

/** How long a test call's queue may still serve the callbacks it was asked for after the call ended. */
const CALLBACK_GRACE_MS = 60_000;

/** Closes a test call's queue once no place is left in it (a callback still to ring), or after the grace period. */
function closeOnceServed(queues: QueueService): void {
  const until = Date.now() + CALLBACK_GRACE_MS;
  const check = () => {
    if (queues.placeCount === 0 || Date.now() > until) queues.close();
    else setTimeout(check, 250).unref?.();
  };
  check();
}
