// What a queue says to a waiting caller, in the caller's prompt language. The queue node's spokenPrompts() and the
// runtime's executor both build sentences here, so what publishing renders ahead of time is exactly what is played.

export interface QueueSentences {
  /** "You are caller number 3." */
  position(position: number): string;
  /** "Your estimated wait is about 4 minutes." (minutes >= 1) */
  estimatedWait(minutes: number): string;
  /** Said when the caller presses the callback key. */
  callbackConfirmed(): string;
  /** Said once to a caller who joins a queue that offers the callback and leave keys. */
  keysHint(callbackKey: string | null, leaveKey: string | null): string;
}

const french: QueueSentences = {
  position: (n) =>
    n === 1 ? 'Vous êtes le prochain à être servi.' : `Vous êtes en position ${n} dans la file d'attente.`,
  estimatedWait: (minutes) =>
    minutes <= 1
      ? "Votre temps d'attente est estimé à moins d'une minute."
      : `Votre temps d'attente est estimé à ${minutes} minutes environ.`,
  callbackConfirmed: () =>
    'Votre demande de rappel est enregistrée. Vous gardez votre place et serez rappelé dès qu\u2019un conseiller sera disponible. Au revoir.',
  keysHint: (callbackKey, leaveKey) =>
    [
      callbackKey ? `Pour être rappelé sans perdre votre place, appuyez sur ${spokenKey(callbackKey, 'fr')}.` : '',
      leaveKey ? `Pour quitter la file d'attente, appuyez sur ${spokenKey(leaveKey, 'fr')}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
};

const english: QueueSentences = {
  position: (n) => (n === 1 ? 'You are next in line.' : `You are caller number ${n} in the queue.`),
  estimatedWait: (minutes) =>
    minutes <= 1 ? 'Your estimated wait is less than a minute.' : `Your estimated wait is about ${minutes} minutes.`,
  callbackConfirmed: () =>
    'Your callback request is recorded. You keep your place and we will call you back as soon as an agent is free. Goodbye.',
  keysHint: (callbackKey, leaveKey) =>
    [
      callbackKey ? `To be called back without losing your place, press ${spokenKey(callbackKey, 'en')}.` : '',
      leaveKey ? `To leave the queue, press ${spokenKey(leaveKey, 'en')}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
};

function spokenKey(key: string, language: 'fr' | 'en'): string {
  if (key === '*') return language === 'fr' ? 'étoile' : 'star';
  if (key === '#') return language === 'fr' ? 'dièse' : 'hash';
  return key;
}

/** French is the platform's home language: languages without translations fall back to it. */
export function queueSentences(language: string): QueueSentences {
  return language.toLowerCase().startsWith('en') ? english : french;
}

/** Positions and waits announced often enough to render at publish time; others are rendered when first needed. */
export const PRERENDERED_POSITIONS = 10;
export const PRERENDERED_WAIT_MINUTES = 15;
