import { describe, expect, it } from 'vitest';
import { translatorFor } from '#i18n/translator.ts';
import { ringOutcomeLabel, stayOutcomeLabel } from './queue-stays.ts';

describe('queue outcome labels', () => {
  it('are English by default and follow the translate function they are given', () => {
    expect(stayOutcomeLabel('abandoned')).toBe('Abandoned (the caller hung up)');
    expect(stayOutcomeLabel('abandoned', translatorFor('fr'))).toBe("Abandonné (l'appelant a raccroché)");
    expect(stayOutcomeLabel(null, translatorFor('fr'))).toBe('Encore en attente');
    expect(ringOutcomeLabel('no-answer', translatorFor('fr'))).toBe('Pas de réponse');
  });

  it('show an outcome they have no words for as its code', () => {
    expect(stayOutcomeLabel('teleported', translatorFor('fr'))).toBe('teleported');
    expect(ringOutcomeLabel('teleported')).toBe('teleported');
  });
});
