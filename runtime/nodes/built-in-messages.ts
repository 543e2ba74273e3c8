import type { PromptSpec } from '../ports.ts';

// Sentences the platform speaks on its own, outside any flow. They go through the PromptSource like flow prompts,
// so the runtime can render them ahead of time with builtInPromptSpecs().

export interface BuiltInMessages {
  notInService: string;
  technicalError: string;
  serviceNotAvailableYet: string;
  /** Before a call is taken up again where it was, after the runtime restarted. */
  resumeApology: string;
  /** Before a call the restarted runtime could not take up again is ended. */
  restartGoodbye: string;
}

const messagesByLanguage: Record<string, BuiltInMessages> = {
  fr: {
    notInService: "Le numéro que vous avez demandé n'est pas en service.",
    technicalError: 'Nous sommes désolés, une erreur technique est survenue. Au revoir.',
    serviceNotAvailableYet: "Ce service n'est pas encore disponible.",
    resumeApology: 'Veuillez nous excuser, un incident technique a interrompu votre appel. Nous reprenons.',
    restartGoodbye: 'Nous sommes désolés, un incident technique a interrompu votre appel. Au revoir.',
  },
  en: {
    notInService: 'The number you have dialled is not in service.',
    technicalError: 'We are sorry, a technical error occurred. Goodbye.',
    serviceNotAvailableYet: 'This service is not available yet.',
    resumeApology: 'We are sorry, a technical incident interrupted your call. Let us pick up where we were.',
    restartGoodbye: 'We are sorry, a technical incident interrupted your call. Goodbye.',
  },
};

/** French is the platform's home language: any language without translations falls back to it. */
const FALLBACK = 'fr';

export type BuiltInMessageId = keyof BuiltInMessages;

export function builtInPrompt(id: BuiltInMessageId, language: string): PromptSpec {
  const primary = language.split('-')[0]?.toLowerCase() ?? FALLBACK;
  const messages = messagesByLanguage[primary];
  if (messages) return { text: messages[id], language };
  return { text: messagesByLanguage[FALLBACK]![id], language: 'fr-FR' };
}

/** The language of the platform's messages outside any flow (not in service, feature codes): SWITCHBOARD_LANGUAGE. */
export function platformLanguage(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.SWITCHBOARD_LANGUAGE ?? 'fr-FR';
}

/** Every built-in sentence in one language, for rendering before the first call needs them. */
export function builtInPromptSpecs(language: string): PromptSpec[] {
  const ids: BuiltInMessageId[] = [
    'notInService',
    'technicalError',
    'serviceNotAvailableYet',
    'resumeApology',
    'restartGoodbye',
  ];
  return ids.map((id) => builtInPrompt(id, language));
}
