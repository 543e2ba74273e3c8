import { CallerHungUp, type CallPort } from '../call-port.ts';
import type { Logger } from '../log.ts';
import { builtInPrompt } from '../nodes/built-in-messages.ts';
import type { NodeEvent } from '../nodes/executor.ts';
import { speak } from '../nodes/speak.ts';
import type { CallOutcome, CallRecorder, PeopleDirectory, PromptSource } from '../ports.ts';
import type { FeatureCode, FeatureCodeContext } from './feature-code.ts';

// The feature code dispatcher: runtime/service.ts asks it about every new call before any flow is looked up; a
// dialled number that is a feature code is answered here (the code does its work and speaks the result), recorded in
// history like other calls (no flow; a note says which code and what it did), then hung up.

export type { FeatureCode, FeatureCodeContext } from './feature-code.ts';

export interface FeatureCodeMatch {
  code: FeatureCode;
  rest: string;
}

/** The first code that takes `dialled`, or null (then the number goes to the flows as usual). */
export function matchFeatureCode(codes: readonly FeatureCode[], dialled: string): FeatureCodeMatch | null {
  for (const code of codes) {
    const found = code.match(dialled);
    if (found) return { code, rest: found.rest };
  }
  return null;
}

export interface FeatureCodeDeps {
  people: PeopleDirectory;
  prompts: PromptSource;
  recorder: CallRecorder;
  /** Language of the platform's own messages. */
  language: string;
  logger: Logger;
  now?: () => number;
}

export interface FeatureCallSummary {
  callId: string;
  outcome: CallOutcome;
  reason?: string;
}

/**
 * The directory person on the line: the person whose SIP account (PJSIP endpoint) the call came from. Never the
 * caller number, which a phone or a trunk may set to anything.
 */
export function callingPerson(call: CallPort, people: PeopleDirectory): string | null {
  if (call.sipEndpoint === undefined) return null;
  return people.personByUsername(call.sipEndpoint)?.username ?? null;
}

/** Runs one feature code call from its arrival to its end. Rejects only when the call cannot even be recorded. */
export async function runFeatureCodeCall(
  call: CallPort,
  deps: FeatureCodeDeps,
  found: FeatureCodeMatch,
  options: { stop?: AbortSignal } = {},
): Promise<FeatureCallSummary> {
  const now = deps.now ?? Date.now;
  const callId = deps.recorder.startCall({
    channelId: call.id,
    dialledNumber: call.dialledNumber,
    callerNumber: call.caller.number,
    callerName: call.caller.name,
    simulated: call.simulated,
    flowId: null,
    versionId: null,
    startedAt: now(),
  });
  const controller = new AbortController();
  const forward = (signal: AbortSignal) => {
    const onAbort = () => controller.abort(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  };
  const detach = [forward(call.hangupSignal), ...(options.stop ? [forward(options.stop)] : [])];
  const note = (detail: Record<string, unknown>) => {
    try {
      deps.recorder.appendEvent(callId, { kind: 'note', at: now(), detail });
    } catch (error) {
      deps.logger.error('Could not record a call event', { callId, error: String(error) });
    }
  };
  const end = (outcome: CallOutcome, reason?: string): FeatureCallSummary => {
    for (const stop of detach) stop();
    try {
      deps.recorder.endCall(callId, outcome, now(), reason);
    } catch (error) {
      deps.logger.error('Could not record the end of a call', { callId, error: String(error) });
    }
    return { callId, outcome, ...(reason !== undefined ? { reason } : {}) };
  };
  const hangUp = async () => {
    if (call.hangupSignal.aborted) return;
    await call
      .hangup()
      .catch((error: unknown) => deps.logger.warn('Could not hang up', { callId, error: String(error) }));
  };

  const speaker = {
    call,
    prompts: deps.prompts,
    signal: controller.signal,
    // Feature codes run before any flow: the platform's language.
    language: deps.language,
    record: (event: NodeEvent) => {
      try {
        deps.recorder.appendEvent(callId, { ...event, at: now() });
      } catch (error) {
        deps.logger.error('Could not record a call event', { callId, error: String(error) });
      }
    },
  };
  const context: FeatureCodeContext = {
    call,
    signal: controller.signal,
    prompts: deps.prompts,
    language: deps.language,
    callerUsername: callingPerson(call, deps.people),
    note,
    say: async (prompt) => {
      await speak(speaker, prompt);
    },
  };
  try {
    await call.answer();
    await found.code.run(context, found.rest);
    await hangUp();
    return end('completed');
  } catch (error) {
    if (error instanceof CallerHungUp || call.hangupSignal.aborted) return end('caller-hung-up');
    const message = error instanceof Error ? error.message : String(error);
    if (options.stop?.aborted) {
      await hangUp();
      return end('error', message);
    }
    deps.logger.error('A feature code failed', { callId, code: found.code.pattern, error: message });
    note({ featureCode: found.code.pattern, result: 'failed', error: message });
    try {
      await speak(speaker, builtInPrompt('technicalError', deps.language));
    } catch {
      // The apology is a courtesy; the call ends either way.
    }
    await hangUp();
    return end('error', message);
  }
}
