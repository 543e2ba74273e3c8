import type { DialOutcome } from '#runtime/call-port.ts';
import { DIAL_OUTCOMES, type SimulationWaitView } from '#runtime/simulator/events.ts';
import type { Translate } from '#i18n/translator.ts';
import type { SimulationView, StepPrompt } from './use-simulation.ts';

// The test call panel's sentences, from the facts the simulation sends (runtime/simulator/events.ts): the status
// line and what each step said.

const CALL_OUTCOMES = [
  'completed',
  'caller-hung-up',
  'not-in-service',
  'step-limit',
  'error',
  'lost',
  'ended-after-restart',
] as const;

type KnownOutcome = (typeof CALL_OUTCOMES)[number];
const isKnownOutcome = (outcome: string): outcome is KnownOutcome =>
  (CALL_OUTCOMES as readonly string[]).includes(outcome);

/** What the call waits for now, as the panel's status line says it. */
export function describeWait(wait: SimulationWaitView | null, t: Translate): string {
  if (!wait) return t('simulator:state.running');
  switch (wait.kind) {
    case 'play':
      return wait.bargeIn ? t('simulator:state.playingBargeIn') : t('simulator:state.playing');
    case 'digits':
      return t('simulator:state.digits', { count: wait.maxDigits });
    case 'dial':
      return t('simulator:state.dial', { endpoint: wait.endpoint });
    case 'record':
      return wait.terminator
        ? t('simulator:state.recordingUntilKey', { key: wait.terminator })
        : t('simulator:state.recording');
  }
}

/** The panel's status line: not started, starting, the wait under way, the dial question, or how the call ended. */
export function describeState(view: SimulationView, t: Translate): string {
  switch (view.status) {
    case 'idle':
      return t('simulator:state.idle');
    case 'starting':
      return t('simulator:state.starting');
    case 'ended': {
      const code = view.ended?.outcome ?? 'unknown';
      const outcome = isKnownOutcome(code)
        ? t(`simulator:callOutcomes.${code}`)
        : code === 'unknown'
          ? t('simulator:callOutcomes.unknown')
          : code;
      return view.ended?.reason
        ? t('simulator:state.endedWithReason', { outcome, reason: view.ended.reason })
        : t('simulator:state.ended', { outcome });
    }
    case 'running':
      return view.question
        ? t('simulator:state.question', { endpoint: view.question.endpoint })
        : describeWait(view.wait, t);
  }
}

/** One thing a step made the caller hear: a sentence, a sound, a recording, or a call put through. */
export function describePrompt(prompt: StepPrompt, t: Translate): string {
  switch (prompt.kind) {
    case 'text':
      return prompt.text;
    case 'sound':
      return t('simulator:steps.sound', { name: prompt.name });
    case 'audio':
      return t('simulator:steps.audio');
    case 'dial':
      return t('simulator:steps.dial', {
        outcome: isDialOutcome(prompt.outcome) ? t(`simulator:steps.dialOutcomes.${prompt.outcome}`) : prompt.outcome,
      });
  }
}

const isDialOutcome = (outcome: string): outcome is DialOutcome =>
  (DIAL_OUTCOMES as readonly string[]).includes(outcome);
