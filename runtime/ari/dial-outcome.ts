// Maps the hangup cause of an unanswered outgoing leg (ChannelDestroyed.cause, Q.850 numbering as Asterisk uses it,
// see docs.asterisk.org "Hangup Cause Mappings") to the branch a flow takes.
import type { DialOutcome } from '#runtime/call-port.ts';

export const HANGUP_CAUSE = {
  NOT_DEFINED: 0,
  UNALLOCATED: 1,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17, // SIP 486, 600
  NO_USER_RESPONSE: 18, // SIP 408
  NO_ANSWER: 19, // SIP 480, 483; also what Asterisk sets when an originate's ring timeout expires
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21, // SIP 603 Decline, 403: the callee pressed "decline"
  NORMAL_CIRCUIT_CONGESTION: 34,
} as const;

/**
 * Outcome of a leg that ended before it was answered.
 * - 17 busy, and 21 (declined) as busy too: for a caller both mean "that person will not take the call now", and a
 *   flow's "busy" branch (voicemail, try someone else) is the right place for it.
 * - 18/19 no answer: it rang and nobody picked up (19 is also Asterisk's cause when the originate timeout expires).
 * - 16 normal clearing before answer: the far end went away while ringing, treated as no answer.
 * - everything else (unallocated number, no route, congestion, 0 = channel could not be set up) is failed.
 */
export function dialOutcomeFromCause(cause: number | undefined): Exclude<DialOutcome, 'answered'> {
  switch (cause) {
    case HANGUP_CAUSE.USER_BUSY:
    case HANGUP_CAUSE.CALL_REJECTED:
      return 'busy';
    case HANGUP_CAUSE.NO_USER_RESPONSE:
    case HANGUP_CAUSE.NO_ANSWER:
    case HANGUP_CAUSE.NORMAL_CLEARING:
      return 'no-answer';
    default:
      return 'failed';
  }
}
