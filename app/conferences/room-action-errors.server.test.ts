import { describe, expect, it } from 'vitest';
import { translatorFor } from '#i18n/translator.ts';
import { roomActionErrorMessage } from './room-action-errors.server.ts';
import {
  ConferenceActionFailedError,
  ConferenceTargetNotFoundError,
  NoConferenceRuntimeError,
} from './room-actions.server.ts';

const french = translatorFor('fr');
const english = translatorFor('en');

describe('the room view’s words for a room action’s error', () => {
  it('names the absent room or participant in the reader’s language', () => {
    expect(roomActionErrorMessage(french, new ConferenceTargetNotFoundError({ room: '7999' }))).toBe(
      "La salle 7999 n'est pas active (une salle est active tant que quelqu'un s'y trouve).",
    );
    expect(
      roomActionErrorMessage(english, new ConferenceTargetNotFoundError({ room: '7000', participantId: 'p-bob' })),
    ).toBe('There is no participant p-bob in room 7000 (they may have left).');
  });

  it('says what the runtime could not do, with its own reason', () => {
    const failure = new ConferenceActionFailedError(
      { kind: 'mute', room: '7000', participantId: 'p-bob' },
      new Error('Channel not found'),
    );
    expect(roomActionErrorMessage(french, failure)).toBe(
      "Le moteur de conférence n'a pas pu couper le micro du participant p-bob de la salle 7000 : Channel not found",
    );
    expect(roomActionErrorMessage(english, failure)).toBe(
      'The conference runtime could not mute participant p-bob of room 7000: Channel not found',
    );
  });

  it('explains a missing runtime, and leaves any other error to be thrown', () => {
    expect(roomActionErrorMessage(french, new NoConferenceRuntimeError())).toMatch(
      /^Aucun moteur de conférence n'est rattaché à ce serveur/,
    );
    expect(roomActionErrorMessage(english, new Error('bug'))).toBeNull();
  });
});
