import type { PromptSpec } from '../ports.ts';

// The sentences a conference speaks on its own (ConfBridge has sound files for them; we render them with the room's
// language through the PromptSource, like flow prompts). French is the platform's home language and the fallback.

interface ConferenceSentences {
  enterPin: string;
  wrongPin: string;
  wrongPinGoodbye: string;
  full: string;
  locked: string;
  waitForModerator: string;
  alone: string;
  oneOther: string;
  others: (count: number) => string;
  joined: string;
  left: string;
  nameJoined: string;
  nameLeft: string;
  recordName: string;
  kicked: string;
}

const sentences: Record<string, ConferenceSentences> = {
  fr: {
    enterPin: 'Veuillez saisir le code de la conférence, suivi de la touche dièse.',
    wrongPin: 'Code incorrect.',
    wrongPinGoodbye: 'Code incorrect. Au revoir.',
    full: 'Cette conférence est complète.',
    locked: 'Cette conférence est verrouillée.',
    waitForModerator: "La conférence commencera à l'arrivée de l'animateur.",
    alone: 'Vous êtes le seul participant.',
    oneOther: 'Il y a une autre personne dans la conférence.',
    others: (count) => `Il y a ${count} autres personnes dans la conférence.`,
    joined: 'Un participant a rejoint la conférence.',
    left: 'Un participant a quitté la conférence.',
    nameJoined: 'a rejoint la conférence.',
    nameLeft: 'a quitté la conférence.',
    recordName: 'Après le bip, dites votre nom, puis appuyez sur dièse.',
    kicked: 'Vous avez été retiré de la conférence.',
  },
  en: {
    enterPin: 'Please enter the conference PIN, followed by the pound key.',
    wrongPin: 'That PIN is not valid.',
    wrongPinGoodbye: 'That PIN is not valid. Goodbye.',
    full: 'This conference is full.',
    locked: 'This conference is locked.',
    waitForModerator: 'The conference will begin when the leader arrives.',
    alone: 'You are currently the only person in this conference.',
    oneOther: 'There is one other person in this conference.',
    others: (count) => `There are ${count} other people in this conference.`,
    joined: 'A participant has joined the conference.',
    left: 'A participant has left the conference.',
    nameJoined: 'has joined the conference.',
    nameLeft: 'has left the conference.',
    recordName: 'After the tone, say your name, then press pound.',
    kicked: 'You have been removed from the conference.',
  },
};

type SimpleId = {
  [K in keyof ConferenceSentences]: ConferenceSentences[K] extends string ? K : never;
}[keyof ConferenceSentences];

function sentencesFor(language: string): { sentences: ConferenceSentences; language: string } {
  const primary = language.split('-')[0]?.toLowerCase() ?? 'fr';
  const found = sentences[primary];
  return found ? { sentences: found, language } : { sentences: sentences.fr!, language: 'fr-FR' };
}

export function conferencePrompt(id: SimpleId, language: string): PromptSpec {
  const chosen = sentencesFor(language);
  return { text: chosen.sentences[id], language: chosen.language };
}

/** What a joining caller hears about who is already there (ConfBridge's announce_user_count). */
export function othersPrompt(others: number, language: string): PromptSpec {
  const chosen = sentencesFor(language);
  const text =
    others === 0 ? chosen.sentences.alone : others === 1 ? chosen.sentences.oneOther : chosen.sentences.others(others);
  return { text, language: chosen.language };
}

/** What a conference node says to one caller before the room (PIN, full, locked), for rendering ahead of calls. */
export function conferencePromptSpecs(language: string): PromptSpec[] {
  const ids: SimpleId[] = ['enterPin', 'wrongPin', 'wrongPinGoodbye', 'full', 'locked'];
  return ids.map((id) => conferencePrompt(id, language));
}
