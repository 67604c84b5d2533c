/**
 * Password throttling with growing delays (OWASP's Authentication Cheat Sheet): attempts that do
 * not succeed are counted per subject, and a subject that reaches its limit is locked for a
 * while, twice as long at each lock in a row. Two subjects count every attempt:
 *
 * - one account from one client address (`user:<username>@<address>`): a storekeeper's own
 *   computer is never locked by someone guessing their password from elsewhere;
 * - one client address for every account (`address:<address>`): guessing across many usernames
 *   from one place is slowed down too.
 *
 * Example (account limit 5, lock 15 min, at most 24 h): failures 1-4 only count; the 5th locks
 * the pair for 15 min; once it has passed, the next failure locks it again at once, for 30 min,
 * then 60, … up to 24 h. A success clears the pair. A subject that has failed nothing for
 * `forgetHours` starts again from nothing (and its row may be purged).
 */
export interface ThrottleRule {
  /** Failures in a row of one account from one address before a lock. */
  maxFailures: number;
  /** Failures in a row from one address, whatever the account, before a lock. */
  addressMaxFailures: number;
  /** The first lock; each further lock in a row doubles it. */
  lockMinutes: number;
  maxLockMinutes: number;
  /** Failures older than this no longer count. */
  forgetHours: number;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: string;
  lockedUntil: string | null;
  locks: number;
}

export type SubjectKind = 'user' | 'address';

/** The subjects one attempt counts against. Without an address (a request without a socket), `local`. */
export function subjectsOf(username: string, address: string | undefined): { kind: SubjectKind; subject: string }[] {
  const from = address ?? 'local';
  return [
    { kind: 'user', subject: `user:${username}@${from}` },
    { kind: 'address', subject: `address:${from}` },
  ];
}

export function isLocked(state: ThrottleState | undefined, now: Date): boolean {
  return !!state?.lockedUntil && new Date(state.lockedUntil) > now;
}

/** Whether a state is old enough to be forgotten (and purged): no lock left and no failure for `forgetHours`. */
export function isStale(state: ThrottleState, now: Date, rule: ThrottleRule): boolean {
  return !isLocked(state, now) && new Date(state.lastFailureAt).getTime() <= now.getTime() - rule.forgetHours * 3_600_000;
}

/** The state after one more attempt that has not (yet) succeeded. */
export function afterFailure(state: ThrottleState | undefined, now: Date, kind: SubjectKind, rule: ThrottleRule): ThrottleState {
  const base = state && !isStale(state, now, rule) ? state : undefined;
  const failures = (base?.failures ?? 0) + 1;
  const limit = kind === 'user' ? rule.maxFailures : rule.addressMaxFailures;
  const locks = base?.locks ?? 0;
  if (failures < limit) return { failures, lastFailureAt: now.toISOString(), lockedUntil: null, locks };
  const minutes = Math.min(rule.lockMinutes * 2 ** locks, rule.maxLockMinutes);
  return { failures, lastFailureAt: now.toISOString(), lockedUntil: new Date(now.getTime() + minutes * 60_000).toISOString(), locks: locks + 1 };
}
