import { describe, expect, it } from 'vitest';
import { translatorFor } from '#i18n/translator.ts';
import { agentStateLabel, pauseReasonLabel } from './department-text.ts';

const names = (id: string) => ({ dep_1: 'Ventes' })[id] ?? id;
const NOW = 1_000_000;

describe('agent states and pause reasons on /departments', () => {
  it('read as the English the browser suites look for', () => {
    const en = translatorFor('en');
    expect(agentStateLabel(en, { kind: 'on-call', department: 'dep_1' }, names, NOW)).toBe('on a call (Ventes)');
    expect(agentStateLabel(en, { kind: 'paused', reason: 'Lunch' }, names, NOW)).toBe('paused: Lunch');
    expect(agentStateLabel(en, { kind: 'wrap-up', until: NOW + 4_200 }, names, NOW)).toBe('wrap-up (5 s left)');
  });

  it('read in French, listed pause reasons included; free text stays as typed', () => {
    const fr = translatorFor('fr');
    expect(agentStateLabel(fr, { kind: 'logged-out' }, names, NOW)).toBe('déconnecté');
    expect(agentStateLabel(fr, { kind: 'ringing', department: 'dep_1' }, names, NOW)).toBe('sonne (Ventes)');
    expect(agentStateLabel(fr, { kind: 'paused', reason: 'Back office' }, names, NOW)).toBe(
      'en pause : Travail administratif',
    );
    expect(pauseReasonLabel(fr, 'Pause')).toBe('Pause');
    expect(pauseReasonLabel(fr, 'lunch')).toBe('Déjeuner');
    expect(pauseReasonLabel(fr, 'Doctor')).toBe('Doctor');
  });
});
