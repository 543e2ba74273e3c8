// The room view's words for a refused or failed room action, in the reader's language. The HTTP API answers with
// the errors' own (English) messages instead: scripts match on them, people read these.
import type { Translate } from '#i18n/translator.ts';
import {
  ConferenceActionFailedError,
  ConferenceTargetNotFoundError,
  NoConferenceRuntimeError,
  type RoomAction,
} from './room-actions.server.ts';

function describeAction(t: Translate, action: RoomAction): string {
  const participant = 'participantId' in action ? action.participantId : '';
  return t(`conferences:errors.actions.${action.kind}`, { room: action.room, participant });
}

/** The sentence for one of the room actions' errors, or null for any other error (a bug: let it be thrown). */
export function roomActionErrorMessage(t: Translate, error: unknown): string | null {
  if (error instanceof NoConferenceRuntimeError) return t('conferences:errors.noRuntime');
  if (error instanceof ConferenceTargetNotFoundError) {
    const { room, participantId } = error.target;
    return participantId === undefined
      ? t('conferences:errors.noRoom', { room })
      : t('conferences:errors.noParticipant', { room, participant: participantId });
  }
  if (error instanceof ConferenceActionFailedError) {
    return t('conferences:errors.failed', { action: describeAction(t, error.action), reason: error.reason });
  }
  return null;
}
