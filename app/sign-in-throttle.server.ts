// Slows password guessing: after a few wrong passwords for one user name, that name must wait. Kept in memory
// (one web process; a restart forgets it), keyed by user name rather than address because behind a proxy every
// visitor may share one address. The wait is bounded by the window, so at worst an attacker delays a person's
// sign-in by that much, never locks them out for good.

export class SignInThrottle {
  /** User name -> when its recent tries began; a try counts until it succeeds. */
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds to wait before trying this user name again; 0 when a try is allowed now. */
  retryAfter(username: string, now = Date.now()): number {
    const recent = this.recent(username, now);
    if (recent.length < this.maxFailures) return 0;
    return recent[recent.length - this.maxFailures]! + this.windowMs - now;
  }

  /**
   * Takes one try for this user name before its password is checked, or answers how long to wait (then nothing is
   * counted). Counting first matters: the check (argon2) is slow and asynchronous, so tries sent in parallel that
   * all asked before any had failed would otherwise all be let through. A try that succeeds is forgotten with the
   * others by recordSuccess; one that fails stays counted.
   */
  claimAttempt(username: string, now = Date.now()): number {
    const wait = this.retryAfter(username, now);
    if (wait > 0) return wait;
    const key = username.trim().toLowerCase();
    this.attempts.set(key, [...this.recent(key, now), now]);
    // Bounded memory: someone trying millions of names must not grow the map for ever.
    if (this.attempts.size > 10_000) this.forgetOld(now);
    return 0;
  }

  recordSuccess(username: string): void {
    this.attempts.delete(username.trim().toLowerCase());
  }

  private recent(username: string, now: number): number[] {
    return (this.attempts.get(username.trim().toLowerCase()) ?? []).filter((at) => now - at < this.windowMs);
  }

  private forgetOld(now: number): void {
    for (const [key, times] of this.attempts) {
      if (times.every((at) => now - at >= this.windowMs)) this.attempts.delete(key);
    }
  }
}

/** The web process's one throttle. */
export const signInThrottle = new SignInThrottle();
