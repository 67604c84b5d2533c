import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import * as users from '../../db/queries/users.ts';
import { DomainError } from '../domain/errors.ts';
import { afterFailure, isLocked, subjectsOf } from '../domain/login-throttle.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';

/** A hash of a random password at the configured cost, checked for an unknown username so that it takes as long as a known one. */
const dummyHashes = new Map<string, Promise<string>>();
function dummyHash(deps: Deps) {
  const key = JSON.stringify(deps.config.passwordHash);
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(18).toString('base64url'), deps.config);
    dummyHashes.set(key, hash);
  }
  return hash;
}

/**
 * Checks a user's password as a login does (also a witness's at a destruction): the attempt is
 * counted against the account from this address and against the address (server/domain/login-throttle.ts)
 * in one synchronous step before the password is checked, so that concurrent attempts each
 * see the ones before them and a burst cannot slip past the limit; a success then takes its
 * count back. An unknown username is checked against a dummy hash, so that it answers in the
 * time a known one does. Returns the active user whose password it is, or undefined.
 */
export async function checkPassword(deps: Deps, username: string, password: string, address: string | undefined) {
  const { db, clock, config } = deps;
  const now = clock.now();
  const subjects = subjectsOf(username, address);
  db.transaction((tx) => {
    users.purgeAttempts(tx, new Date(now.getTime() - config.login.forgetHours * 3_600_000).toISOString(), now.toISOString());
    const states = subjects.map((s) => ({ ...s, state: users.findAttempts(tx, s.subject) }));
    const locked = states.find((s) => isLocked(s.state, now));
    if (locked) throw new DomainError('login_throttled', 'Too many failed attempts; try again later', { lockedUntil: locked.state!.lockedUntil });
    for (const s of states) users.saveAttempts(tx, { subject: s.subject, ...afterFailure(s.state, now, s.kind, config.login) });
  });
  const found = users.findUserForLogin(db, username);
  const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash(deps)), password);
  if (!found || !ok || !found.active) return undefined;
  db.transaction((tx) => {
    const [account, from] = subjects;
    users.clearAttempts(tx, account!.subject);
    const state = users.findAttempts(tx, from!.subject);
    if (state && state.failures <= 1 && !isLocked(state, now)) users.clearAttempts(tx, from!.subject);
    else if (state) users.saveAttempts(tx, { ...state, failures: state.failures - 1 });
  });
  return found;
}
