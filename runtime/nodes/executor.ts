import type { NodeType, TypedFlowNode } from '#flows/catalogue.ts';
import type { CallPort } from '../call-port.ts';
import type { ConferenceRooms } from '../conference/conference-rooms.ts';
import type { Clock } from '../clock.ts';
import type {
  CalendarDirectory,
  CallEventInput,
  CallHold,
  FlowDirectory,
  PeopleDirectory,
  PromptSource,
  PublishedFlow,
} from '../ports.ts';
import type { QueueAccess } from '../queue/queue-service.ts';
import type { VoicemailBoxes } from '../voicemail/voicemail-boxes.ts';

// The contract between the session loop (runtime/session.ts) and the executor of each node type
// (runtime/nodes/<type>.ts). An executor does one node's work through the ports it is handed and says where the
// call goes next; the session owns everything around it: events, edges, step cap, errors, hangup.

/** Where the call goes after a node. */
export type StepResult =
  /** Follow the edge leaving this branch ("next", a menu digit, "no-answer"...); no edge ends the call. */
  | { kind: 'branch'; branch: string }
  /** The call ends here (hangup node, nothing to continue with). */
  | { kind: 'end' }
  /** Continue at the start node of another published flow (goto). */
  | { kind: 'enter-flow'; flow: PublishedFlow };

/** A call event as an executor writes it; the session stamps the time, node and flow version. */
export type NodeEvent = Omit<CallEventInput, 'at' | 'nodeId' | 'nodeType' | 'versionId'>;

export interface ExecutionContext {
  call: CallPort;
  /** The call's record in history (null only when it could not be recorded). */
  callId: string | null;
  /**
   * Aborted when the caller hangs up or the session is stopped. Pass it to every wait (play, readDigits, dial,
   * prompts.prepare) so nothing keeps running after the call is gone.
   */
  signal: AbortSignal;
  prompts: PromptSource;
  flows: FlowDirectory;
  people: PeopleDirectory;
  /** Voicemail boxes and their messages (voicemail, voicemail-inbox). */
  voicemail: VoicemailBoxes;
  /** Live conference rooms (conference). */
  conferences: ConferenceRooms;
  /** Department queues (queue). */
  queues: QueueAccess;
  /** Calendars, read afresh at each visit (business-hours). */
  calendars: CalendarDirectory;
  /**
   * The instant business rules see as now (business-hours): the real time, or the simulator's "call at" and
   * SWITCHBOARD_TEST_CLOCK (runtime/clock.ts). Never used to stamp events.
   */
  now: Clock;
  /** The call's variables (set, collect), shared by every node and kept across goto. */
  variables: Map<string, string>;
  /**
   * The language the caller hears now, e.g. en-GB: the call variable `language` when it holds a language tag, else the
   * current flow's language. Prompts are said in it when they have it (speak.ts), and so are the platform's messages.
   */
  readonly language: string;
  /** The flow version the current node belongs to. */
  flow: PublishedFlow;
  /** The branches of the current node that have an edge; a menu replays itself when invalid/timeout has none. */
  connectedBranches: ReadonlySet<string>;
  /** Appends a call event for the current node. */
  record(event: NodeEvent): void;
  /**
   * State that outlives one visit of the current node within this call (a menu's failure count when its "invalid"
   * edge leads through a "wrong key" prompt back to it). Created by `initial` on first use.
   */
  nodeState<S extends object>(initial: () => S): S;
  /**
   * Tells the session what Asterisk now holds for this call in this node (a bridged dial, a conference room), so a
   * runtime that restarts can take it back; null when it holds nothing again. Written with the call's position.
   */
  hold(hold: CallHold | null): void;
  /**
   * Set when the call is taken back after a runtime restart in this very node, with what Asterisk held for it then
   * (the bridge of a dial, the conference room); the node carries on instead of starting over. Undefined otherwise.
   */
  resumedHold?: ResumedHold;
}

/** What a resumed node gets back: the hold it wrote, with what a restarted runtime found of it in Asterisk. */
export type ResumedHold =
  | Extract<CallHold, { kind: 'dial' }>
  | Extract<CallHold, { kind: 'queue' }>
  | (Extract<CallHold, { kind: 'conference' }> & {
      /** The room's bridge the caller is still mixed in, or null (waiting for the moderator, or no longer mixed). */
      bridgeId: string | null;
    });

export interface NodeExecutor<T extends NodeType> {
  run(node: TypedFlowNode<T>, context: ExecutionContext): Promise<StepResult>;
}

export const next: StepResult = Object.freeze({ kind: 'branch', branch: 'next' });

export function branch(id: string): StepResult {
  return { kind: 'branch', branch: id };
}
