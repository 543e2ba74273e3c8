import { describe, expect, it } from 'vitest';
import { dialOutcomeFromCause, HANGUP_CAUSE } from './dial-outcome.ts';

describe('dialOutcomeFromCause', () => {
  it('maps busy and declined to busy', () => {
    expect(dialOutcomeFromCause(HANGUP_CAUSE.USER_BUSY)).toBe('busy');
    expect(dialOutcomeFromCause(HANGUP_CAUSE.CALL_REJECTED)).toBe('busy');
  });

  it('maps ringing out, including the originate timeout (19), to no-answer', () => {
    expect(dialOutcomeFromCause(HANGUP_CAUSE.NO_ANSWER)).toBe('no-answer');
    expect(dialOutcomeFromCause(HANGUP_CAUSE.NO_USER_RESPONSE)).toBe('no-answer');
    expect(dialOutcomeFromCause(HANGUP_CAUSE.NORMAL_CLEARING)).toBe('no-answer');
  });

  it('maps everything else, and a missing cause, to failed', () => {
    for (const cause of [0, 1, 3, 20, 27, 34, 38, 41, 42, 44, undefined])
      expect(dialOutcomeFromCause(cause)).toBe('failed');
  });
});
