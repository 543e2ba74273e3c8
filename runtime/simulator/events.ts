import type { CallEventInput, CallOutcome } from '../ports.ts';
import type { DialOutcome } from '../call-port.ts';

// What a simulation tells the browser, as server-sent events. Plain JSON, shared by the server and the UI: facts,
// not sentences; the test call panel words them in the reader's language (app/simulator/describe.ts).

export const DIAL_OUTCOMES: readonly DialOutcome[] = ['answered', 'no-answer', 'busy', 'failed'];

/** What the call waits for, shown as the simulator's state; a prompt carries its hash so the browser can play it. */
export type SimulationWaitView =
  | { kind: 'play'; text: string | null; hash: string | null; bargeIn: boolean }
  | { kind: 'digits'; maxDigits: number; timeoutMs: number }
  | { kind: 'dial'; endpoint: string; ringSeconds: number }
  /** The caller is being recorded (a voicemail message or greeting); the terminator key stops it. */
  | { kind: 'record'; maxSeconds: number; terminator: string | null };

export type SimulationEvent =
  | {
      type: 'started';
      at: number;
      simulationId: string;
      callId: string | null;
      dialledNumber: string;
      callerNumber: string;
    }
  /** One event of the call as recorded in history (node-entered, node-left, prompt-played, digits, dial...). */
  | { type: 'call-event'; event: Omit<CallEventInput, 'detail'> & { detail?: Record<string, unknown> } }
  | { type: 'waiting'; at: number; wait: SimulationWaitView | null }
  | {
      type: 'question';
      at: number;
      questionId: string;
      endpoint: string;
      ringSeconds: number;
      outcomes: readonly DialOutcome[];
    }
  | { type: 'question-closed'; at: number; questionId: string }
  | { type: 'keys'; at: number; keys: string }
  | { type: 'ended'; at: number; outcome: CallOutcome; reason?: string; callId: string };
