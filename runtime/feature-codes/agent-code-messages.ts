import type { PromptSpec } from '../ports.ts';
import { pauseReasonByLabel } from '../queue/pause-reasons.ts';

// What the agent feature codes (*45, *46) say, in the platform's language (French by default, like
// runtime/nodes/built-in-messages.ts). Numbers are written as digits: the voices read them in the right language.

export type AgentCodeMessage =
  | { kind: 'logged-in'; departments: number }
  | { kind: 'logged-out' }
  | { kind: 'no-department' }
  | { kind: 'not-a-person' }
  | { kind: 'not-logged-in' }
  | { kind: 'paused'; reason: string }
  | { kind: 'pause-after-call' }
  | { kind: 'unpaused' }
  | { kind: 'unknown-reason'; digit: string };

type Sentences = { [K in AgentCodeMessage['kind']]: (message: Extract<AgentCodeMessage, { kind: K }>) => string };

function spokenReason(reason: string, language: 'fr' | 'en'): string | null {
  return pauseReasonByLabel(reason)?.spoken[language] ?? null;
}

const sentences: Record<'fr' | 'en', Sentences> = {
  fr: {
    'logged-in': ({ departments }) =>
      departments === 1 ? 'Vous êtes connecté à un service.' : `Vous êtes connecté à ${departments} services.`,
    'logged-out': () => 'Vous êtes déconnecté de tous vos services.',
    'no-department': () => "Vous ne faites partie d'aucun service. Demandez à votre responsable de vous y ajouter.",
    'not-a-person': () => 'Ce code est réservé aux postes des agents. Au revoir.',
    'not-logged-in': () => "Vous n'êtes connecté à aucun service. Composez étoile 45 pour vous connecter.",
    paused: ({ reason }) => {
      const spoken = spokenReason(reason, 'fr');
      return spoken ? `Vous êtes en pause : ${spoken}.` : 'Vous êtes en pause.';
    },
    'pause-after-call': () => "Votre pause commencera à la fin de l'appel en cours.",
    unpaused: () => 'Votre pause est terminée. Vous êtes disponible.',
    'unknown-reason': ({ digit }) => `Le motif de pause ${digit} n'existe pas.`,
  },
  en: {
    'logged-in': ({ departments }) =>
      departments === 1 ? 'You are logged in to 1 department.' : `You are logged in to ${departments} departments.`,
    'logged-out': () => 'You are logged out of all your departments.',
    'no-department': () => 'You are in no department. Ask your supervisor to add you.',
    'not-a-person': () => 'This code is for agents’ phones only. Goodbye.',
    'not-logged-in': () => 'You are logged in to no department. Dial star 45 to log in.',
    paused: ({ reason }) => {
      const spoken = spokenReason(reason, 'en');
      return spoken ? `You are paused: ${spoken}.` : 'You are paused.';
    },
    'pause-after-call': () => 'Your pause will start when your current call ends.',
    unpaused: () => 'Your pause is over. You are available.',
    'unknown-reason': ({ digit }) => `There is no pause reason ${digit}.`,
  },
};

/** The sentence for `message` in `language` (fr-FR, en-US...); other languages fall back to French. */
export function agentCodePrompt(message: AgentCodeMessage, language: string): PromptSpec {
  const primary = language.split('-')[0]?.toLowerCase();
  const [lang, spokenIn] =
    primary === 'en'
      ? (['en', language] as const)
      : primary === 'fr'
        ? (['fr', language] as const)
        : (['fr', 'fr-FR'] as const);
  const say = sentences[lang][message.kind] as (m: AgentCodeMessage) => string;
  return { text: say(message), language: spokenIn };
}

/** The sentences that do not depend on the person, for rendering before the first call needs them. */
export function agentCodePromptSpecs(language: string): PromptSpec[] {
  const fixed: AgentCodeMessage[] = [
    { kind: 'logged-in', departments: 1 },
    { kind: 'logged-in', departments: 2 },
    { kind: 'logged-out' },
    { kind: 'no-department' },
    { kind: 'not-a-person' },
    { kind: 'not-logged-in' },
    { kind: 'paused', reason: 'Pause' },
    { kind: 'pause-after-call' },
    { kind: 'unpaused' },
  ];
  return fixed.map((message) => agentCodePrompt(message, language));
}
