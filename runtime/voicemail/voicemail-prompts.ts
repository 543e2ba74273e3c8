// What voicemail says, in French (the platform's home language) and English. Sentences that carry numbers or times
// are built here, so the executors read like the call script. Any other language falls back to French.

/** "0612345678" is read digit by digit, as people say phone numbers, not as six hundred million... */
function spokenDigits(number: string): string {
  return number.split('').join(' ');
}

export interface VoicemailSentences {
  defaultGreeting(ownerName: string): string;
  messageSaved: string;
  askBox: string;
  askPin: string;
  wrongPin: string;
  tooManyWrongPins(minutes: number): string;
  boxLocked(minutesLeft: number): string;
  counts(newCount: number, savedCount: number): string;
  /** When a message was left and by whom, in the runtime's time zone. */
  messageHeader(receivedAt: number, callerNumber: string, callerName: string): string;
  messageOptions: string;
  messageDeleted: string;
  messageKept: string;
  noMoreMessages: string;
  mainOptions: string;
  recordGreeting: string;
  greetingSaved: string;
  greetingTooShort: string;
  invalidKey: string;
  goodbye: string;
}

/** The caller's name after their number, unless it is only the number again. */
function namedCaller(callerNumber: string, callerName: string): string {
  return callerName && callerName !== callerNumber ? `, ${callerName}` : '';
}

const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const FRENCH_WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

const french: VoicemailSentences = {
  defaultGreeting: (ownerName) =>
    `Vous êtes bien sur la messagerie de ${ownerName}. Laissez votre message après le bip, puis raccrochez ou tapez dièse.`,
  messageSaved: 'Votre message a bien été enregistré. Au revoir.',
  askBox: 'Veuillez saisir votre numéro de boîte vocale, suivi de dièse.',
  askPin: 'Veuillez saisir votre code secret, suivi de dièse.',
  wrongPin: 'Code incorrect.',
  tooManyWrongPins: (minutes) =>
    `Trop de codes incorrects. Votre boîte vocale est bloquée pendant ${minutes} minute${minutes > 1 ? 's' : ''}. Au revoir.`,
  boxLocked: (minutesLeft) =>
    `Votre boîte vocale est bloquée. Veuillez rappeler dans ${minutesLeft} minute${minutesLeft > 1 ? 's' : ''}. Au revoir.`,
  counts(newCount, savedCount) {
    const fresh =
      newCount === 0
        ? "Vous n'avez aucun nouveau message"
        : `Vous avez ${newCount} nouveau${newCount > 1 ? 'x' : ''} message${newCount > 1 ? 's' : ''}`;
    const saved =
      savedCount === 0
        ? ''
        : ` et ${savedCount} message${savedCount > 1 ? 's' : ''} enregistré${savedCount > 1 ? 's' : ''}`;
    return `${fresh}${saved}.`;
  },
  /** "Message reçu le jeudi 26 novembre à 10 heures 05, du 0 6 1 2..." */
  messageHeader(receivedAt, callerNumber, callerName) {
    const at = new Date(receivedAt);
    const when = `le ${FRENCH_WEEKDAYS[at.getDay()]} ${at.getDate()} ${FRENCH_MONTHS[at.getMonth()]} à ${at.getHours()} heures ${String(at.getMinutes()).padStart(2, '0')}`;
    const from = callerNumber
      ? `du ${spokenDigits(callerNumber)}${namedCaller(callerNumber, callerName)}`
      : "d'un numéro masqué";
    return `Message reçu ${when}, ${from}.`;
  },
  messageOptions:
    'Pour réécouter, tapez 1. Pour supprimer, tapez 7. Pour conserver, tapez 9. Pour le message suivant, tapez dièse.',
  messageDeleted: 'Message supprimé.',
  messageKept: 'Message conservé.',
  noMoreMessages: 'Fin des messages.',
  mainOptions:
    "Pour écouter vos messages, tapez 1. Pour enregistrer votre annonce d'accueil, tapez 3. Pour terminer, tapez dièse.",
  recordGreeting: "Enregistrez votre annonce d'accueil après le bip, puis tapez dièse.",
  greetingSaved: 'Votre annonce est enregistrée.',
  greetingTooShort: "Annonce trop courte, elle n'a pas été enregistrée.",
  invalidKey: 'Option non valide.',
  goodbye: 'Au revoir.',
};

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ENGLISH_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "the 1st", "the 22nd": how English speakers say a day of the month. */
function ordinal(day: number): string {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10];
  return `${day}${suffix ?? 'th'}`;
}

const english: VoicemailSentences = {
  defaultGreeting: (ownerName) =>
    `You have reached the voicemail of ${ownerName}. Please leave your message after the tone, then hang up or press the hash key.`,
  messageSaved: 'Your message has been saved. Goodbye.',
  askBox: 'Please enter your mailbox number, followed by the hash key.',
  askPin: 'Please enter your PIN, followed by the hash key.',
  wrongPin: 'That PIN is incorrect.',
  tooManyWrongPins: (minutes) =>
    `Too many incorrect PINs. Your mailbox is locked for ${plural(minutes, 'minute', 'minutes')}. Goodbye.`,
  boxLocked: (minutesLeft) =>
    `Your mailbox is locked. Please call again in ${plural(minutesLeft, 'minute', 'minutes')}. Goodbye.`,
  counts(newCount, savedCount) {
    const fresh =
      newCount === 0 ? 'You have no new messages' : `You have ${plural(newCount, 'new message', 'new messages')}`;
    const saved = savedCount === 0 ? '' : ` and ${plural(savedCount, 'saved message', 'saved messages')}`;
    return `${fresh}${saved}.`;
  },
  /** "Message received on Thursday the 26th of November at 10:05, from 0 6 1 2..." */
  messageHeader(receivedAt, callerNumber, callerName) {
    const at = new Date(receivedAt);
    const when = `on ${ENGLISH_WEEKDAYS[at.getDay()]} the ${ordinal(at.getDate())} of ${ENGLISH_MONTHS[at.getMonth()]} at ${at.getHours()}:${String(at.getMinutes()).padStart(2, '0')}`;
    const from = callerNumber
      ? `from ${spokenDigits(callerNumber)}${namedCaller(callerNumber, callerName)}`
      : 'from a withheld number';
    return `Message received ${when}, ${from}.`;
  },
  messageOptions:
    'To listen again, press 1. To delete it, press 7. To keep it, press 9. For the next message, press the hash key.',
  messageDeleted: 'Message deleted.',
  messageKept: 'Message kept.',
  noMoreMessages: 'No more messages.',
  mainOptions: 'To listen to your messages, press 1. To record your greeting, press 3. To finish, press the hash key.',
  recordGreeting: 'Record your greeting after the tone, then press the hash key.',
  greetingSaved: 'Your greeting has been saved.',
  greetingTooShort: 'That greeting was too short and has not been saved.',
  invalidKey: 'That option is not valid.',
  goodbye: 'Goodbye.',
};

/**
 * Voicemail's sentences for a language tag (fr-FR, en-GB...) and the tag to speak them in: the one asked for when
 * voicemail speaks it, else French in fr-FR (never French words read by an English voice).
 */
export function voicemailSentences(language: string): { sentences: VoicemailSentences; language: string } {
  const primary = language.split('-')[0]?.toLowerCase();
  if (primary === 'en') return { sentences: english, language };
  if (primary === 'fr') return { sentences: french, language };
  return { sentences: french, language: 'fr-FR' };
}

/** Every fixed sentence in one language, for rendering ahead of the first call that needs it. */
export function fixedVoicemailSentences(language: string): { text: string; language: string }[] {
  const { sentences: p, language: spoken } = voicemailSentences(language);
  return [
    p.messageSaved,
    p.askBox,
    p.askPin,
    p.wrongPin,
    p.messageOptions,
    p.messageDeleted,
    p.messageKept,
    p.noMoreMessages,
    p.mainOptions,
    p.recordGreeting,
    p.greetingSaved,
    p.greetingTooShort,
    p.invalidKey,
    p.goodbye,
  ].map((text) => ({ text, language: spoken }));
}
