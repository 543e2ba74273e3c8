import { describe, expect, it } from 'vitest';
import { SignInThrottle } from './sign-in-throttle.server.ts';

describe('SignInThrottle', () => {
  it('makes a user name wait after too many wrong passwords, for at most the window', () => {
    const throttle = new SignInThrottle(3, 60_000);
    for (const at of [0, 1000, 2000]) expect(throttle.claimAttempt(at === 0 ? 'Alice' : 'alice', at)).toBe(0);
    expect(throttle.retryAfter('alice', 2500)).toBe(57_500);
    expect(throttle.claimAttempt('alice', 2500)).toBe(57_500);
    expect(throttle.retryAfter('bob', 2500)).toBe(0);
    // The oldest failure leaves the window: one more try is allowed.
    expect(throttle.retryAfter('alice', 60_000)).toBe(0);
  });

  it('forgets the failures of a user name once it signs in', () => {
    const throttle = new SignInThrottle(2, 60_000);
    throttle.claimAttempt('alice', 0);
    throttle.claimAttempt('alice', 1);
    expect(throttle.retryAfter('alice', 2)).toBeGreaterThan(0);
    throttle.recordSuccess('ALICE');
    expect(throttle.retryAfter('alice', 3)).toBe(0);
  });

  it('counts a try when it starts, so tries sent all at once get no more than the allowance', () => {
    const throttle = new SignInThrottle(5, 60_000);
    // GIVEN 40 tries that all arrive before any password check has finished
    const allowed = Array.from({ length: 40 }, () => throttle.claimAttempt('alice', 1000)).filter((wait) => wait === 0);
    // THEN only 5 may go on to the password check
    expect(allowed).toHaveLength(5);
  });
});
