import type { NodeType } from '#flows/catalogue.ts';
import { isLanguageTag, LANGUAGE_VARIABLE } from '#flows/languages.ts';
import type { CallPort } from './call-port.ts';
import { builtInPrompt } from './nodes/built-in-messages.ts';
import type { NodeEvent, ResumedHold } from './nodes/executor.ts';
import { speak } from './nodes/speak.ts';
import type { FlowDirectory, OpenCall, PublishedFlow } from './ports.ts';
import type { ResumeCall, SessionDeps } from './session.ts';

// What a restarted runtime does with a call Asterisk still has in its Stasis app (ARCHITECTURE.md, "State that must
// survive a crash"): take it back where it was, from its saved position, or end it on purpose with an apology. Pure:
// the service gathers what the database and Asterisk say, this decides.

/** How each node type is taken back. A node type added to the catalogue without a line here does not compile. */
const resumeByType: { [T in NodeType]: 'replay' | 'end' } = {
  start: 'replay',
  say: 'replay',
  play: 'replay',
  // A menu or a collect asks again; the key pressed before the crash is lost with the process.
  menu: 'replay',
  collect: 'replay',
  // A bridged conversation is taken back (see planResume); a dial still ringing rings again.
  dial: 'replay',
  // The message being recorded is lost: the caller is asked again.
  voicemail: 'replay',
  'voicemail-inbox': 'replay',
  // Back in the room's bridge, or through the PIN prompt again if they had not entered yet.
  conference: 'replay',
  // Back in their place in the queue (kept in storage), or still talking to the agent who answered.
  queue: 'replay',
  goto: 'replay',
  set: 'replay',
  // Switches language at once, as a set does.
  language: 'replay',
  branch: 'replay',
  'business-hours': 'replay',
  // The flow was ending the call anyway.
  hangup: 'end',
};

export type ResumePlan =
  | { kind: 'resume'; resume: ResumeCall }
  /** Ended with the apology; `callId` is the call's record when there is one (else the service writes one). */
  | {
      kind: 'end';
      callId: string | null;
      reason: string;
      /** The language the call was in (its saved variable `language`), for the goodbye; null when unknown. */
      language: string | null;
    };

export interface SurvivorFacts {
  channelId: string;
  /** The call the database still has running on this channel, with its last position. */
  open: OpenCall | null;
  flows: FlowDirectory;
  /** Conference bridges of the app that Asterisk has, with their channels. */
  conferenceBridges: readonly { id: string; channels: readonly string[] }[];
  /** How the ids of a room's mixing bridges start (`conf-<app>-<room>-`, runtime/ari/conference-media.ts). */
  roomBridgePrefix(room: string): string;
}

export function planResume(facts: SurvivorFacts): ResumePlan {
  const { open } = facts;
  if (!open) return end(null, 'no call record for this channel');
  const position = open.position;
  if (!position) return end(open.callId, 'no saved position for this call');
  const language = callLanguageOrNull(position.variables);
  const flow = versionOf(facts.flows, position.versionId);
  if (!flow) return end(open.callId, `flow version ${position.versionId} is not available`, language);
  const node = flow.document.nodes.find((candidate) => candidate.id === position.nodeId);
  if (!node) return end(open.callId, `node ${position.nodeId} is not in flow "${flow.flowName}"`, language);
  if (resumeByType[node.type] === 'end') {
    return end(open.callId, `the call was ending in ${node.type} node ${node.id}`, language);
  }

  let hold: ResumedHold | null = null;
  if (position.hold?.kind === 'dial' && (node.type === 'dial' || node.type === 'queue')) hold = position.hold;
  if (position.hold?.kind === 'queue' && node.type === 'queue') hold = position.hold;
  if (position.hold?.kind === 'conference' && node.type === 'conference') {
    const room = position.hold.room;
    const bridge = facts.conferenceBridges.find(
      (candidate) =>
        candidate.id.startsWith(facts.roomBridgePrefix(room)) && candidate.channels.includes(facts.channelId),
    );
    hold = { ...position.hold, bridgeId: bridge?.id ?? null };
  }
  const startedIn = open.versionId === null ? null : versionOf(facts.flows, open.versionId);
  return {
    kind: 'resume',
    resume: {
      callId: open.callId,
      startedIn,
      flow,
      nodeId: node.id,
      variables: position.variables,
      hold,
      // Someone talking to a person, or mixed in a room, noticed nothing: no apology over their conversation. A queued
      // caller hears it from the queue node, once back in their place (runtime/nodes/queue.ts): an agent who comes free
      // meanwhile is theirs.
      apologize: !(
        hold?.kind === 'dial' ||
        hold?.kind === 'queue' ||
        (hold?.kind === 'conference' && hold.bridgeId !== null)
      ),
    },
  };
}

function versionOf(flows: FlowDirectory, versionId: string): PublishedFlow | null {
  try {
    return flows.publishedFlowByVersionId?.(versionId) ?? null;
  } catch {
    return null; // unreadable version: the call cannot go on in it
  }
}

function end(callId: string | null, reason: string, language: string | null = null): ResumePlan {
  return { kind: 'end', callId, reason, language };
}

function callLanguageOrNull(variables: Readonly<Record<string, string>>): string | null {
  const language = variables[LANGUAGE_VARIABLE]?.trim();
  return language && isLanguageTag(language) ? language : null;
}

/** Why history says a call ended: shown as the call's reason. */
export function endedAfterRestartReason(detail: string): string {
  return `Ended after a runtime restart (could not resume: ${detail})`;
}

/**
 * Ends a surviving call that cannot be taken back: the apology, then the hang-up, and history says so (in the call's
 * own record, or a new one when the database had none). Never throws: a failure is logged.
 */
export async function endAfterRestart(
  call: CallPort,
  plan: Extract<ResumePlan, { kind: 'end' }>,
  deps: Pick<SessionDeps, 'prompts' | 'recorder' | 'logger' | 'language' | 'now'>,
): Promise<void> {
  const now = deps.now ?? Date.now;
  let callId = plan.callId;
  try {
    callId ??= deps.recorder.startCall({
      channelId: call.id,
      dialledNumber: call.dialledNumber,
      callerNumber: call.caller.number,
      callerName: call.caller.name,
      simulated: false,
      flowId: null,
      versionId: null,
      startedAt: now(),
    });
    deps.recorder.appendEvent(callId, {
      kind: 'note',
      at: now(),
      detail: { message: 'ended after a runtime restart', reason: plan.reason },
    });
  } catch (error) {
    deps.logger.error('Could not record a call ended after a restart', { channelId: call.id, error: String(error) });
  }
  const record = (event: NodeEvent) => {
    if (callId === null) return;
    try {
      deps.recorder.appendEvent(callId, { ...event, at: now() });
    } catch {
      // history of the apology is best effort
    }
  };
  const signal = call.hangupSignal;
  try {
    // The previous run may have died before answering: the goodbye needs the line open.
    await call.answer();
    // In the language the caller was hearing, when the call had one.
    const language = plan.language ?? deps.language ?? 'fr-FR';
    await speak({ call, prompts: deps.prompts, signal, record, language }, builtInPrompt('restartGoodbye', language));
  } catch (error) {
    if (!signal.aborted)
      deps.logger.warn('Could not apologise to a call ended after a restart', { error: String(error) });
  }
  const hungUpByUs = !signal.aborted;
  await call.hangup().catch((error: unknown) => deps.logger.warn('Could not hang up', { error: String(error) }));
  if (callId === null) return;
  try {
    deps.recorder.endCall(
      callId,
      hungUpByUs ? 'ended-after-restart' : 'caller-hung-up',
      now(),
      endedAfterRestartReason(plan.reason),
    );
  } catch (error) {
    deps.logger.error('Could not record the end of a call', { callId, error: String(error) });
  }
}
