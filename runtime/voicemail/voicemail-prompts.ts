// What voicemail says, in French (the platform's home language; the node's language and voice still choose the
// TTS voice). Sentences that carry numbers or times are built here, so the executors read like the call script.

/** "0612345678" is read digit by digit, as people say phone numbers, not as six hundred million... */
function spokenDigits(number: string): string {
  return number.split('').join(' ');
}

const MONTHS = [
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
const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

export const voicemailPrompts = {
  defaultGreeting: (ownerName: string) =>
    `Vous êtes bien sur la messagerie de ${ownerName}. Laissez votre message après le bip, puis raccrochez ou tapez dièse.`,
  messageSaved: 'Votre message a bien été enregistré. Au revoir.',
  askBox: 'Veuillez saisir votre numéro de boîte vocale, suivi de dièse.',
  askPin: 'Veuillez saisir votre code secret, suivi de dièse.',
  wrongPin: 'Code incorrect.',
  tooManyWrongPins: (minutes: number) =>
    `Trop de codes incorrects. Votre boîte vocale est bloquée pendant ${minutes} minute${minutes > 1 ? 's' : ''}. Au revoir.`,
  boxLocked: (minutesLeft: number) =>
    `Votre boîte vocale est bloquée. Veuillez rappeler dans ${minutesLeft} minute${minutesLeft > 1 ? 's' : ''}. Au revoir.`,
  counts(newCount: number, savedCount: number): string {
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
  /** "Message reçu le jeudi 26 novembre à 10 heures 05, du 0 6 1 2..." in the runtime's time zone. */
  messageHeader(receivedAt: number, callerNumber: string, callerName: string): string {
    const at = new Date(receivedAt);
    const when = `le ${WEEKDAYS[at.getDay()]} ${at.getDate()} ${MONTHS[at.getMonth()]} à ${at.getHours()} heures ${String(at.getMinutes()).padStart(2, '0')}`;
    const from = callerNumber
      ? `du ${spokenDigits(callerNumber)}${callerName && callerName !== callerNumber ? `, ${callerName}` : ''}`
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

/** Every fixed sentence, for rendering ahead of the first call that needs it. */
export function fixedVoicemailSentences(): string[] {
  const p = voicemailPrompts;
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
  ];
}
