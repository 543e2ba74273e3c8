import type { CallPort } from '../call-port.ts';
import type { PromptSource, PromptSpec } from '../ports.ts';

// Feature codes: numbers starting with * that a person dials from their own phone to act on Switchboard itself
// (agent log-in *45, pause *46, a calendar's "closed now" switch...). They are answered by the runtime before any flow
// is looked up, so no flow can take their number.

/** What a feature code may use while it handles a call. */
export interface FeatureCodeContext {
  call: CallPort;
  /** Aborted when the caller hangs up or the runtime stops. */
  signal: AbortSignal;
  prompts: PromptSource;
  /** Language of the platform's own messages, e.g. fr-FR. */
  language: string;
  /**
   * The directory person calling, recognised by the SIP account the call came from (never by the caller number
   * alone, which a trunk caller could set); null for callers who are not people of the directory.
   */
  callerUsername: string | null;
  /** Adds a line to the call's history. */
  note(detail: Record<string, unknown>): void;
  /**
   * Speaks a sentence (rendered through `prompts`) and records it in the call's history as a prompt-played event,
   * as flow prompts are. Added by the dispatcher (runtime/feature-codes/index.ts).
   */
  say(prompt: PromptSpec): Promise<void>;
}

export interface FeatureCode {
  /** For docs and the help page, e.g. "*45". */
  pattern: string;
  /** Short description, e.g. "Log in to or out of your departments". */
  summary: string;
  /** The digits after the code when it takes any (e.g. "*46" + reason number), or null when `dialled` is not it. */
  match(dialled: string): { rest: string } | null;
  /** Does the work and speaks the result; the runtime hangs up afterwards. */
  run(context: FeatureCodeContext, rest: string): Promise<void>;
}
