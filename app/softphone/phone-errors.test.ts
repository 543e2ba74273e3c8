import { describe, expect, it } from 'vitest';
import { translatorFor } from '#i18n/translator.ts';
import {
  endCauseOf,
  failureOfMediaError,
  failureOfRegistration,
  failureOfSip,
  remedyOf,
  type PhoneFailure,
  type SessionEnd,
} from './phone-errors.ts';
import { failureMessage } from './failure-message.ts';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('microphone errors', () => {
  it('tells a refused microphone from a missing or busy one', () => {
    expect(failureOfMediaError(domError('NotAllowedError'))).toEqual({ kind: 'microphone-refused' });
    expect(failureOfMediaError(domError('NotFoundError'))).toEqual({ kind: 'no-microphone' });
    expect(failureOfMediaError(domError('OverconstrainedError'))).toEqual({ kind: 'no-microphone' });
    expect(failureOfMediaError(domError('NotReadableError'))).toEqual({ kind: 'microphone-busy' });
  });

  it('keeps the name of an unknown error for the administrator', () => {
    expect(failureOfMediaError(domError('WeirdError'))).toEqual({ kind: 'other', detail: 'WeirdError' });
  });
});

describe('call failures', () => {
  it.each<[number, PhoneFailure['kind']]>([
    [404, 'not-found'],
    [486, 'busy'],
    [600, 'busy'],
    [480, 'unavailable'],
    [408, 'no-answer'],
    [488, 'media-mismatch'],
    [606, 'media-mismatch'],
    [603, 'declined'],
    [484, 'address-incomplete'],
  ])('maps SIP %i to %s', (status, kind) => {
    expect(failureOfSip('SIP Failure Code', status).kind).toBe(kind);
  });

  it("falls back on JsSIP's cause when there is no status code", () => {
    expect(failureOfSip('No Answer', null)).toEqual({ kind: 'no-answer' });
    expect(failureOfSip('Incompatible SDP', null)).toEqual({ kind: 'media-mismatch' });
    expect(failureOfSip('Something New', 499)).toEqual({ kind: 'other', detail: 'Something New (499)' });
  });
});

describe('registration failures', () => {
  it('reads 401 and 403 as credentials taken over by a newer session, with "Use here"', () => {
    for (const status of [401, 403]) {
      const failure = failureOfRegistration('SIP Failure Code', status, 'pbx.example');
      expect(failure).toEqual({ kind: 'registration-refused' });
      expect(remedyOf(failure)).toBe('use-here');
    }
  });

  it('reads a connection error as a certificate or an unreachable server, with "Retry"', () => {
    const failure = failureOfRegistration('Connection Error', null, 'pbx.example');
    expect(failure).toEqual({ kind: 'connection-failed', host: 'pbx.example' });
    expect(remedyOf(failure)).toBe('retry');
  });
});

describe('how a call ended', () => {
  const base: SessionEnd = {
    direction: 'outgoing',
    established: true,
    originator: 'remote',
    cause: 'Terminated',
    statusCode: null,
    localAction: null,
  };

  it('says who hung up a call that was up', () => {
    expect(endCauseOf(base)).toEqual({ kind: 'hung-up', by: 'remote' });
    expect(endCauseOf({ ...base, originator: 'local', localAction: 'hang-up' })).toEqual({
      kind: 'hung-up',
      by: 'local',
    });
  });

  it('tells cancelled, declined and missed calls apart', () => {
    const unanswered = { ...base, established: false, cause: 'Canceled' };
    expect(endCauseOf({ ...unanswered, originator: 'local', localAction: 'hang-up' })).toEqual({ kind: 'cancelled' });
    expect(
      endCauseOf({
        ...unanswered,
        direction: 'incoming',
        originator: 'local',
        localAction: 'decline',
        cause: 'Rejected',
      }),
    ).toEqual({
      kind: 'declined',
    });
    expect(endCauseOf({ ...unanswered, direction: 'incoming' })).toEqual({ kind: 'missed' });
  });

  it('gives the failure of an outgoing call that was not answered', () => {
    expect(endCauseOf({ ...base, established: false, cause: 'Busy', statusCode: 486 })).toEqual({
      kind: 'failed',
      failure: { kind: 'busy' },
    });
  });

  it('says transferred once the person transferred the call', () => {
    expect(endCauseOf({ ...base, localAction: 'transfer' })).toEqual({ kind: 'transferred' });
  });
});

describe('messages', () => {
  const failures: PhoneFailure[] = [
    { kind: 'microphone-refused' },
    { kind: 'no-microphone' },
    { kind: 'microphone-busy' },
    { kind: 'connection-failed', host: 'pbx.example' },
    { kind: 'registration-refused' },
    { kind: 'credentials-unavailable' },
    { kind: 'media-mismatch' },
    { kind: 'not-found' },
    { kind: 'busy' },
    { kind: 'unavailable' },
    { kind: 'no-answer' },
    { kind: 'declined' },
    { kind: 'address-incomplete' },
    { kind: 'transfer-failed' },
    { kind: 'webrtc-error' },
    { kind: 'other', detail: 'Dialog Error' },
  ];

  it.each(['fr', 'en'] as const)('has a message and what to do for every failure in %s', (language) => {
    const t = translatorFor(language);
    for (const failure of failures) {
      const message = failureMessage(t, failure);
      expect(message.title.length, failure.kind).toBeGreaterThan(3);
      expect(message.advice.length, failure.kind).toBeGreaterThan(3);
      expect(message.title).not.toContain('softphone:');
    }
  });

  it('names both possibilities of a failed connection, and the address to open', () => {
    const message = failureMessage(translatorFor('en'), { kind: 'connection-failed', host: 'pbx.example' });
    expect(message.advice).toContain('https://pbx.example/');
    expect(message.advice.toLowerCase()).toContain('certificate');
  });

  it('says the phone was opened in another browser when the registration is refused', () => {
    expect(failureMessage(translatorFor('en'), { kind: 'registration-refused' }).advice).toContain('another browser');
    expect(failureMessage(translatorFor('fr'), { kind: 'registration-refused' }).advice).toContain('autre navigateur');
  });

  it('tells what DTLS-SRTP mismatch means', () => {
    expect(failureMessage(translatorFor('en'), { kind: 'media-mismatch' }).advice).toContain('DTLS-SRTP');
  });
});
