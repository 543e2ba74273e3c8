import { describe, expect, it } from 'vitest';
import { fixedVoicemailSentences, voicemailSentences } from './voicemail-prompts.ts';

describe('voicemail sentences', () => {
  it('speaks English to an English call, French to a French one, and French in fr-FR to any other', () => {
    expect(voicemailSentences('en-US').language).toBe('en-US');
    expect(voicemailSentences('en-GB').sentences.askPin).toBe('Please enter your PIN, followed by the hash key.');
    expect(voicemailSentences('fr-FR').sentences.askPin).toBe('Veuillez saisir votre code secret, suivi de dièse.');
    expect(voicemailSentences('de-DE')).toMatchObject({ language: 'fr-FR', sentences: { goodbye: 'Au revoir.' } });
  });

  it('counts messages in good English and good French', () => {
    const en = voicemailSentences('en-GB').sentences;
    expect(en.counts(0, 0)).toBe('You have no new messages.');
    expect(en.counts(1, 2)).toBe('You have 1 new message and 2 saved messages.');
    expect(en.tooManyWrongPins(1)).toBe('Too many incorrect PINs. Your mailbox is locked for 1 minute. Goodbye.');
    const fr = voicemailSentences('fr-FR').sentences;
    expect(fr.counts(2, 1)).toBe('Vous avez 2 nouveaux messages et 1 message enregistré.');
  });

  it('says when and from whom a message came, as each language says dates', () => {
    const at = new Date(2026, 10, 26, 10, 5).getTime(); // Thursday 26 November 2026, 10:05 local time
    expect(voicemailSentences('en-GB').sentences.messageHeader(at, '0612', 'Ada')).toBe(
      'Message received on Thursday the 26th of November at 10:05, from 0 6 1 2, Ada.',
    );
    expect(voicemailSentences('en-GB').sentences.messageHeader(new Date(2026, 0, 2, 9, 0).getTime(), '', '')).toBe(
      'Message received on Friday the 2nd of January at 9:00, from a withheld number.',
    );
    expect(voicemailSentences('fr-FR').sentences.messageHeader(at, '0612', '0612')).toBe(
      'Message reçu le jeudi 26 novembre à 10 heures 05, du 0 6 1 2.',
    );
  });

  it('lists the fixed sentences of a language for rendering ahead of calls', () => {
    const english = fixedVoicemailSentences('en-GB');
    expect(english).toHaveLength(14);
    expect(english.every((sentence) => sentence.language === 'en-GB')).toBe(true);
    expect(english.map((sentence) => sentence.text)).toContain('That option is not valid.');
  });
});
