// Helpers for the call engine's tests: typed flow documents, the directory of the seed brief, and a harness that
// runs one simulated call through the real session loop with in-memory ports. Not used by production code.
import { readFileSync } from 'node:fs';
import { typedFlowDocumentSchema, type TypedFlowDocument } from '#flows/document.ts';
import { flowDocument, type draftNode, type connect } from '#flows/testing/documents.ts';
import type { ConferenceRooms } from '../conference/conference-rooms.ts';
import { log } from '../log.ts';
import { MemoryCallRecorder, MemoryFlowDirectory, MemoryPeopleDirectory, MemoryPromptSource } from '../memory-ports.ts';
import type { Clock } from '../clock.ts';
import type { CalendarDirectory, CallEventInput, DirectoryPerson, PromptSource } from '../ports.ts';
import { runCall, type CallSummary, type RunCallOptions, type SessionDeps } from '../session.ts';
import { SimulatedCall, type SimulatedCallOptions } from '../simulated-call.ts';
import type { QueueAccess } from '../queue/queue-service.ts';
import type { VoicemailBoxes } from '../voicemail/voicemail-boxes.ts';

export { connect, draftNode } from '#flows/testing/documents.ts';

/** A flow built from draft nodes, checked node by node like a published one (graph rules are not applied). */
export function typedFlow(parts: {
  nodes: ReturnType<typeof draftNode>[];
  edges?: ReturnType<typeof connect>[];
  numbers?: string[];
  name?: string;
  language?: string;
}): TypedFlowDocument {
  return typedFlowDocumentSchema.parse(flowDocument(parts)) as TypedFlowDocument;
}

/** One of flows/examples/<name>.json, parsed as a typed document. */
export function exampleFlow(name: string): TypedFlowDocument {
  const text = readFileSync(new URL(`../../flows/examples/${name}.json`, import.meta.url), 'utf8');
  return typedFlowDocumentSchema.parse(JSON.parse(text)) as TypedFlowDocument;
}

/** The people of the seed brief's pjsip.conf and voicemail.conf. */
export const seedPeople: DirectoryPerson[] = [
  { username: 'alice', extension: '6001', displayName: 'Alice' },
  { username: 'bob', extension: '6002', displayName: 'Bob' },
  { username: 'julien', extension: '6004', displayName: 'Julien' },
];

export interface HarnessOptions extends Omit<SimulatedCallOptions, 'dialledNumber'> {
  flows: { flowId: string; document: TypedFlowDocument }[];
  dialledNumber: string;
  people?: DirectoryPerson[];
  prompts?: PromptSource;
  /** Voicemail boxes (e.g. MemoryVoicemailBoxes); without it voicemail nodes fail. */
  voicemail?: VoicemailBoxes;
  stepLimit?: number;
  stop?: AbortSignal;
  /** Conference rooms shared by the calls of a test (runtime/conference/); without it conference nodes fail. */
  conferences?: ConferenceRooms;
  /** Department queues shared by the calls of a test (runtime/queue/); without it queue nodes fail. */
  queues?: QueueAccess;
  /** Calendars of business-hours nodes (MemoryCalendarDirectory); without it those nodes fail. */
  calendars?: CalendarDirectory;
  /** The business clock (what business-hours nodes see as now); default the real time. */
  clock?: Clock;
  /** Variables the call starts with (the simulator's "set before starting"). */
  presetVariables?: Readonly<Record<string, string>>;
}

export interface Harness {
  call: SimulatedCall;
  flows: MemoryFlowDirectory;
  recorder: MemoryCallRecorder;
  prompts: MemoryPromptSource;
  /** (node id, version id) pairs given to onStep, in order. */
  steps: [string, string][];
  /** Starts the session; resolves with its summary when the call is over. */
  run(): Promise<CallSummary>;
  /** Events of the (only) recorded call. */
  events(): CallEventInput[];
  /** Ids of the nodes entered, in order. */
  visited(): string[];
}

export function simulate(options: HarnessOptions): Harness {
  const {
    flows: flowList,
    people,
    prompts,
    stepLimit,
    stop,
    conferences,
    voicemail,
    queues,
    calendars,
    clock,
    presetVariables,
    ...callOptions
  } = options;
  const flows = new MemoryFlowDirectory(flowList);
  const recorder = new MemoryCallRecorder();
  const memoryPrompts = new MemoryPromptSource();
  const call = new SimulatedCall(callOptions);
  const steps: [string, string][] = [];
  const deps: SessionDeps = {
    flows,
    people: new MemoryPeopleDirectory(people ?? seedPeople),
    prompts: prompts ?? memoryPrompts,
    recorder,
    logger: log,
    ...(stepLimit !== undefined ? { stepLimit } : {}),
    ...(conferences ? { conferences } : {}),
    ...(voicemail ? { voicemail } : {}),
    ...(queues ? { queues } : {}),
    ...(calendars ? { calendars } : {}),
    ...(clock ? { clock } : {}),
  };
  const runOptions: RunCallOptions = {
    onStep: (nodeId, versionId) => steps.push([nodeId, versionId]),
    ...(stop ? { stop } : {}),
    ...(presetVariables ? { presetVariables } : {}),
  };
  const events = () => {
    if (recorder.calls.length !== 1) throw new Error(`Expected one recorded call, found ${recorder.calls.length}`);
    return recorder.calls[0]!.events;
  };
  return {
    call,
    flows,
    recorder,
    prompts: memoryPrompts,
    steps,
    run: () => runCall(call, deps, runOptions),
    events,
    visited: () =>
      events()
        .filter((event) => event.kind === 'node-entered')
        .map((event) => event.nodeId!),
  };
}

/** The caller's side of a menu dialogue: each answer is keys to press, or "silence" to let the wait time out. */
export async function answerMenus(call: SimulatedCall, answers: (string | 'silence')[]): Promise<void> {
  for (const answer of answers) {
    await call.waitingFor('digits');
    if (answer === 'silence') call.skipWait();
    else call.pressKeys(answer);
  }
}
