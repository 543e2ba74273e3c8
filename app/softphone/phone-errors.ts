// What went wrong with the browser's phone, in words a person can act on. The JsSIP adapter hands over what it saw
// (a getUserMedia error, a SIP status code, a lost WebSocket); these functions turn it into one of a few failures,
// and each failure has a catalogue entry (softphone:errors.<kind>) saying what happened and what to do. No JsSIP
// import here: the adapter passes plain values, so the mapping is tested without a browser.

/** One failure the panel can explain. `kind` is also the catalogue key under softphone:errors. */
export type PhoneFailure =
  /** The browser (or the person) refused the microphone: NotAllowedError / SecurityError. */
  | { kind: 'microphone-refused' }
  /** No microphone at all, or the chosen one was unplugged: NotFoundError / OverconstrainedError. */
  | { kind: 'no-microphone' }
  /** A microphone exists but another program holds it: NotReadableError / AbortError. */
  | { kind: 'microphone-busy' }
  /**
   * The SIP WebSocket did not open or closed. The page cannot tell a certificate it refused from a server that does
   * not answer (the browser hides the reason), so the message gives both; `host` is where to accept the certificate.
   */
  | { kind: 'connection-failed'; host: string }
  /** 401/403 on REGISTER: the password is no longer valid, most often because a newer session took the phone over. */
  | { kind: 'registration-refused' }
  /** The server could not hand out credentials (network, or the session expired). */
  | { kind: 'credentials-unavailable' }
  /** 488 / 606: the two sides agree on no media (DTLS-SRTP required, a codec missing). */
  | { kind: 'media-mismatch' }
  /** 404 / 604: no such number. */
  | { kind: 'not-found' }
  /** 486 / 600: busy. */
  | { kind: 'busy' }
  /** 480 / 410 / 408 / 430: nobody reachable there right now. */
  | { kind: 'unavailable' }
  /** Rang until the time-out, or 403 / 603 from the far end. */
  | { kind: 'no-answer' }
  | { kind: 'declined' }
  /** 484: the number is incomplete. */
  | { kind: 'address-incomplete' }
  /** The transfer target refused the call or the REFER failed; the first call is still there. */
  | { kind: 'transfer-failed' }
  /** The browser's WebRTC failed (no peer connection, a bad SDP): nothing the person can fix, but they should know. */
  | { kind: 'webrtc-error' }
  /** Anything else, with JsSIP's cause (and the status code) for the administrator. */
  | { kind: 'other'; detail: string };

export type PhoneFailureKind = PhoneFailure['kind'];

/** What the panel offers beside the message: "Use here" fetches new credentials, "Retry" starts the phone again. */
export type FailureRemedy = 'use-here' | 'retry' | 'none';

export function remedyOf(failure: PhoneFailure): FailureRemedy {
  switch (failure.kind) {
    case 'registration-refused':
      return 'use-here';
    case 'connection-failed':
    case 'credentials-unavailable':
      return 'retry';
    default:
      return 'none';
  }
}

/** The failure of a getUserMedia (or setSinkId) rejection, by the DOMException's name. */
export function failureOfMediaError(error: unknown): PhoneFailure {
  const name = error && typeof error === 'object' && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return { kind: 'microphone-refused' };
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return { kind: 'no-microphone' };
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return { kind: 'microphone-busy' };
    default:
      return { kind: 'other', detail: name || String(error) };
  }
}

/** Why a call failed, from the SIP status code when there is one, else from JsSIP's cause ('Busy', 'Not Found'...). */
export function failureOfSip(cause: string, statusCode: number | null): PhoneFailure {
  switch (statusCode) {
    case 404:
    case 604:
      return { kind: 'not-found' };
    case 486:
    case 600:
      return { kind: 'busy' };
    case 480:
    case 410:
    case 430:
      return { kind: 'unavailable' };
    case 408:
      return { kind: 'no-answer' };
    case 488:
    case 606:
      return { kind: 'media-mismatch' };
    case 484:
      return { kind: 'address-incomplete' };
    case 403:
    case 603:
      return { kind: 'declined' };
    default:
      break;
  }
  switch (cause) {
    case 'Not Found':
      return { kind: 'not-found' };
    case 'Busy':
      return { kind: 'busy' };
    case 'Unavailable':
      return { kind: 'unavailable' };
    case 'No Answer':
    case 'Request Timeout':
    case 'Expires':
      return { kind: 'no-answer' };
    case 'Rejected':
      return { kind: 'declined' };
    case 'Incompatible SDP':
    case 'Bad Media Description':
    case 'Missing SDP':
      return { kind: 'media-mismatch' };
    case 'Address Incomplete':
      return { kind: 'address-incomplete' };
    case 'User Denied Media Access':
      return { kind: 'microphone-refused' };
    case 'WebRTC Error':
      return { kind: 'webrtc-error' };
    default:
      return { kind: 'other', detail: statusCode === null ? cause : `${cause} (${statusCode})` };
  }
}

/** Why REGISTER failed: refused credentials say "a newer session took over"; anything else is the connection's. */
export function failureOfRegistration(cause: string, statusCode: number | null, host: string): PhoneFailure {
  if (statusCode === 401 || statusCode === 403 || statusCode === 407 || cause === 'Authentication Error') {
    return { kind: 'registration-refused' };
  }
  if (cause === 'Connection Error' || cause === 'Request Timeout') return { kind: 'connection-failed', host };
  return { kind: 'other', detail: statusCode === null ? cause : `${cause} (${statusCode})` };
}

/** How a call ended, as the call state and the recent calls list tell it. */
export type EndCause =
  | { kind: 'hung-up'; by: 'local' | 'remote' }
  /** We gave up on our own outgoing call before it was answered. */
  | { kind: 'cancelled' }
  /** We declined an incoming call. */
  | { kind: 'declined' }
  /** The caller gave up (or another device answered) before we did. */
  | { kind: 'missed' }
  | { kind: 'transferred' }
  | { kind: 'failed'; failure: PhoneFailure };

/** What the adapter knows when JsSIP reports a session's end ('ended' or 'failed' event). */
export interface SessionEnd {
  direction: 'incoming' | 'outgoing';
  /** Whether the call had been answered (JsSIP's 'ended' after 'confirmed', rather than 'failed'). */
  established: boolean;
  /** JsSIP's originator: 'local' when this browser ended it, 'remote' the far end, 'system' JsSIP itself. */
  originator: 'local' | 'remote' | 'system';
  cause: string;
  statusCode: number | null;
  /** What the person asked for last on this session, if anything: JsSIP's cause does not always say. */
  localAction: 'hang-up' | 'decline' | 'transfer' | null;
}

export function endCauseOf(end: SessionEnd): EndCause {
  if (end.localAction === 'transfer') return { kind: 'transferred' };
  if (end.established) {
    // A call that was up ends with BYE ('Terminated'); anything else (RTP timeout, dialog error) is worth saying.
    if (end.cause === 'Terminated' || end.cause === 'Canceled' || end.localAction === 'hang-up') {
      return { kind: 'hung-up', by: end.originator === 'local' ? 'local' : 'remote' };
    }
    return { kind: 'failed', failure: failureOfSip(end.cause, end.statusCode) };
  }
  if (end.direction === 'incoming') {
    if (end.localAction === 'decline' || end.localAction === 'hang-up') return { kind: 'declined' };
    if (end.cause === 'Canceled' || end.cause === 'No Answer' || end.originator === 'remote') return { kind: 'missed' };
    return { kind: 'failed', failure: failureOfSip(end.cause, end.statusCode) };
  }
  if (end.localAction === 'hang-up' || (end.originator === 'local' && end.cause === 'Canceled')) {
    return { kind: 'cancelled' };
  }
  return { kind: 'failed', failure: failureOfSip(end.cause, end.statusCode) };
}
