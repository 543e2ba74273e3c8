// The sentence and the advice of a PhoneFailure, from the catalogue (softphone:errors.<kind>).
import type { Translate } from '#i18n/translator.ts';
import type { EndCause, PhoneFailure } from './phone-errors.ts';

export interface FailureMessage {
  title: string;
  advice: string;
}

export function failureMessage(t: Translate, failure: PhoneFailure): FailureMessage {
  switch (failure.kind) {
    case 'connection-failed':
      return {
        title: t('softphone:errors.connection-failed.title'),
        advice: t('softphone:errors.connection-failed.advice', { host: failure.host }),
      };
    case 'other':
      return {
        title: t('softphone:errors.other.title', { detail: failure.detail }),
        advice: t('softphone:errors.other.advice'),
      };
    default:
      return {
        title: t(`softphone:errors.${failure.kind}.title`),
        advice: t(`softphone:errors.${failure.kind}.advice`),
      };
  }
}

/** "the other side hung up", "missed"...: the end of a call in a few words. */
export function endCauseText(t: Translate, cause: EndCause): string {
  switch (cause.kind) {
    case 'hung-up':
      return t(cause.by === 'local' ? 'softphone:endCauses.hung-up-local' : 'softphone:endCauses.hung-up-remote');
    case 'failed':
      return failureMessage(t, cause.failure).title;
    default:
      return t(`softphone:endCauses.${cause.kind}`);
  }
}
