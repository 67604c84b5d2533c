/**
 * Login throttling: after `maxFailures` failed attempts in a row for one username, further
 * attempts are refused until `lockMinutes` have passed. A success clears the count.
 *
 * Example (max 5, lock 15 min): failures 1-4 are only counted; the 5th sets lockedUntil to
 * now + 15 min; an attempt at +10 min is refused without checking the password; at +16 min
 * the count starts again from the 5 it had, so one more failure locks again at once.
 */
export interface ThrottleState {
  failures: number;
  lockedUntil: string | null;
}

export function isLocked(state: ThrottleState | undefined, now: Date): boolean {
  return !!state?.lockedUntil && new Date(state.lockedUntil) > now;
}

export function afterFailure(
  state: ThrottleState | undefined,
  now: Date,
  rule: { maxFailures: number; lockMinutes: number },
): ThrottleState {
  const failures = (state?.failures ?? 0) + 1;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMinutes * 60_000).toISOString() : null;
  return { failures, lockedUntil };
}
