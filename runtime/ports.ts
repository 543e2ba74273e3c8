import type { Calendar } from '#flows/calendar/calendar.ts';
import type { TypedFlowDocument } from '#flows/document.ts';

// What the call engine needs from storage, as interfaces: db/ implements them on SQLite, tests and the simulator
// may implement them in memory. No SQL in runtime/.

export interface PublishedFlow {
  flowId: string;
  flowName: string;
  versionId: string;
  versionNumber: number;
  document: TypedFlowDocument;
}

export interface FlowDirectory {
  /** The version currently bound to a dialled number, or null when the number is not in service. */
  publishedFlowForNumber(number: string): PublishedFlow | null;
  /** The current published version of a flow (for `goto` a flow), or null. */
  publishedFlowById(flowId: string): PublishedFlow | null;
  /** A given published version (a call resumed after a restart goes on in the version it was in), or null. */
  publishedFlowByVersionId?(versionId: string): PublishedFlow | null;
}

/** Calendars (opening hours) that business-hours nodes point at by id. */
export interface CalendarDirectory {
  /**
   * The calendar as it is now, its override switch included (staff may change it during a call: each visit of a
   * business-hours node reads it again), or null when there is none with this id.
   */
  calendar(calendarId: string): Calendar | null;
}

export interface DirectoryPerson {
  username: string;
  extension: string;
  displayName: string;
}

export interface PeopleDirectory {
  personByUsername(username: string): DirectoryPerson | null;
  personByExtension(extension: string): DirectoryPerson | null;
}

export type CallOutcome =
  | 'completed' // the flow ran to its end (hangup node, or a branch with nowhere to go)
  | 'caller-hung-up'
  | 'not-in-service'
  | 'step-limit' // the graph looped more than the per-call step cap
  | 'error' // an executor failed; the caller heard an apology
  | 'lost' // the channel vanished (Asterisk restarted, connection lost)
  | 'ended-after-restart'; // the runtime restarted and could not resume the call: it was ended with an apology

export type CallEventKind =
  | 'node-entered'
  | 'node-left'
  | 'prompt-played'
  | 'digits'
  | 'dial'
  | 'flow-entered'
  | 'variable-set'
  | 'error'
  | 'note';

export interface CallEventInput {
  kind: CallEventKind;
  /** Milliseconds since the epoch. */
  at: number;
  nodeId?: string;
  nodeType?: string;
  /** For node-left: the branch taken (null when the call ended inside the node). */
  branch?: string | null;
  digits?: string;
  /** Free-form details (prompt text and hash, dial outcome, error message...). */
  detail?: Record<string, unknown>;
  /** The flow version this event happened in (changes after a goto). */
  versionId?: string;
}

export interface CallStartInput {
  /** Asterisk channel id or simulator id. */
  channelId: string;
  dialledNumber: string;
  callerNumber: string;
  callerName: string;
  simulated: boolean;
  flowId: string | null;
  versionId: string | null;
  startedAt: number;
}

/** What Asterisk holds for a call while it waits in a node, so a restarted runtime can take it back. */
export type CallHold =
  /** Talking to the callee of a dial: both legs in a mixing bridge. */
  | { kind: 'dial'; bridgeId: string; legId: string; endpoint: string; answeredAt: number }
  /** In a conference room (mixed, or waiting for the moderator). */
  | { kind: 'conference'; room: string; role: 'moderator' | 'participant' }
  /** Waiting in a department's queue: the place (runtime/queue/) the caller takes back. */
  | { kind: 'queue'; entryId: string; department: string };

/** Where a running call is: written as it enters each node (and when what it waits in changes). */
export interface CallPosition {
  versionId: string;
  nodeId: string;
  variables: Record<string, string>;
  hold: CallHold | null;
  at: number;
}

export interface CallRecorder {
  startCall(input: CallStartInput): string; // returns the call id
  appendEvent(callId: string, event: CallEventInput): void;
  endCall(callId: string, outcome: CallOutcome, endedAt: number, reason?: string): void;
  /** Real calls still open (no end) whose channel is NOT in the given set are closed as lost. */
  closeCallsNotIn(liveChannelIds: Set<string>, endedAt: number): number;
  /** Keeps the call's position (the last one written wins); recorders without crash recovery may omit it. */
  savePosition?(callId: string, position: CallPosition): void;
}

/** A call the database still thinks is running on a channel, with its last position (null if none was written). */
export interface OpenCall {
  callId: string;
  flowId: string | null;
  versionId: string | null;
  position: CallPosition | null;
}

export interface PromptSpec {
  text: string;
  language: string;
  voice?: string;
}

/**
 * Turns spoken text into something the CallPort can play. Prompts of published flows were rendered at publish time,
 * so this is normally a cache hit; a miss renders under a hard timeout (runtime/tts).
 */
export interface PromptSource {
  prepare(prompt: PromptSpec, signal: AbortSignal): Promise<import('./call-port.ts').PromptMedia>;
}
