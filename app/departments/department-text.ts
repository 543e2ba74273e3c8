import type { Translate } from '#i18n/translator.ts';
import type { AgentState } from '#runtime/queue/departments.ts';
import { DEFAULT_PAUSE_REASON, pauseReasonByLabel } from '#runtime/queue/pause-reasons.ts';

// How /departments words agents' states, pause reasons and refusals in the reader's language. The runtime and the
// database keep their English sentences for the command line; the page builds its own from the same facts.

/** The catalogue key of each listed pause reason, by the label that is saved (and that the CLI and *46 use). */
const PAUSE_REASON_KEYS = {
  [DEFAULT_PAUSE_REASON]: 'pause',
  Break: 'break',
  Lunch: 'lunch',
  Meeting: 'meeting',
  Training: 'training',
  'Back office': 'backOffice',
} as const;

/** A listed reason in the reader's language; free text as it was typed. */
export function pauseReasonLabel(t: Translate, reason: string): string {
  const label = pauseReasonByLabel(reason)?.label ?? (reason === DEFAULT_PAUSE_REASON ? reason : null);
  const key = label !== null ? PAUSE_REASON_KEYS[label as keyof typeof PAUSE_REASON_KEYS] : undefined;
  return key ? t(`departments:pauseReasons.${key}`) : reason;
}

/** "available", "paused: Lunch", "on a call (Sales)"...; `departmentName` turns a department id into its name. */
export function agentStateLabel(
  t: Translate,
  state: AgentState,
  departmentName: (id: string) => string,
  now: number,
): string {
  switch (state.kind) {
    case 'logged-out':
      return t('departments:states.loggedOut');
    case 'available':
      return t('departments:states.available');
    case 'ringing':
      return t('departments:states.ringing', { department: departmentName(state.department) });
    case 'on-call':
      return state.department === null
        ? t('departments:states.onCall')
        : t('departments:states.onCallIn', { department: departmentName(state.department) });
    case 'wrap-up': {
      const seconds = Math.max(0, Math.ceil((state.until - now) / 1000));
      return seconds > 0 ? t('departments:states.wrapUpLeft', { seconds }) : t('departments:states.wrapUp');
    }
    case 'paused':
      return t('departments:states.paused', { reason: pauseReasonLabel(t, state.reason) });
  }
}
