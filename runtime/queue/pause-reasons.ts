// Why an agent pauses: a short list the web offers and the *46 feature code numbers (*46 then the digit), plus any
// free text typed on the web or the command line. The list's labels are what is saved (and shown on the wallboard).

export interface PauseReason {
  /** The key after *46 that picks it. */
  digit: string;
  /** Saved as the agent's pause reason; shown on the web. */
  label: string;
  /** How the platform says it, by primary language (fr, en). */
  spoken: Readonly<Record<string, string>>;
}

export const PAUSE_REASONS: readonly PauseReason[] = [
  { digit: '1', label: 'Break', spoken: { fr: 'pause café', en: 'break' } },
  { digit: '2', label: 'Lunch', spoken: { fr: 'déjeuner', en: 'lunch' } },
  { digit: '3', label: 'Meeting', spoken: { fr: 'réunion', en: 'meeting' } },
  { digit: '4', label: 'Training', spoken: { fr: 'formation', en: 'training' } },
  { digit: '5', label: 'Back office', spoken: { fr: 'travail administratif', en: 'back office work' } },
];

/** The reason of a plain *46 (no digit) and of a pause asked for without one. */
export const DEFAULT_PAUSE_REASON = 'Pause';

export const MAX_PAUSE_REASON_LENGTH = 60;

export function pauseReasonByDigit(digit: string): PauseReason | null {
  return PAUSE_REASONS.find((reason) => reason.digit === digit) ?? null;
}

/** The list entry a saved reason came from (case-insensitive), or null for free text. */
export function pauseReasonByLabel(label: string): PauseReason | null {
  const wanted = label.trim().toLowerCase();
  return PAUSE_REASONS.find((reason) => reason.label.toLowerCase() === wanted) ?? null;
}
