import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import * as users from '../../db/queries/users.ts';
import { findDepot } from '../../db/queries/depots.ts';
import { isTrainingPending } from '../../db/queries/training.ts';
import { DomainError } from '../domain/errors.ts';
import { checkPassword } from './password-attempts.ts';
import type { Actor } from '../auth/scope.ts';
import { audit } from './audit.ts';
import { presentDepot, presentUser } from './present.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
  /** An admin reset the password: only changing it (and reading who you are, logging out) is allowed. */
  mustChangePassword: boolean;
}

/**
 * Checks the password (argon2id, off the event loop) and opens a server-side session.
 * The same answer, invalid_credentials, for an unknown user, a wrong password and a
 * deactivated account, so that a login form cannot be used to probe usernames.
 */
export async function logIn(deps: Deps, username: string, password: string, address?: string) {
  const { db, clock, config } = deps;
  const found = await checkPassword(deps, username, password, address);
  if (!found) throw new DomainError('invalid_credentials', 'Wrong username or password');
  const now = clock.now();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const tokenHash = sha256(token);
  db.transaction((tx) => {
    users.insertSession(tx, {
      tokenHash,
      userId: found.id,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + config.session.ttlHours * 3_600_000).toISOString(),
      lastSeenAt: now.toISOString(),
    });
    const user = users.findUser(tx, found.id)!;
    audit(tx, { actorId: found.id, depotId: user.depotId, action: 'login', entity: 'session' }, now);
  });
  return { token, csrfToken, userId: found.id };
}

/** The actor behind a session token, or undefined when it is unknown, expired, idle or its user inactive. */
export function resolveSession(deps: Deps, token: string): SessionInfo | undefined {
  const { db, clock, config } = deps;
  const now = clock.now();
  const tokenHash = sha256(token);
  const session = users.findSession(db, tokenHash);
  if (!session) return undefined;
  const idleLimit = new Date(session.lastSeenAt).getTime() + config.session.idleMinutes * 60_000;
  if (new Date(session.expiresAt) <= now || idleLimit <= now.getTime()) {
    users.deleteSession(db, tokenHash);
    return undefined;
  }
  const user = users.findActor(db, session.userId);
  if (!user || !user.active) return undefined;
  // Refresh the idle clock at most once a minute, so reads stay reads.
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > 60_000) users.touchSession(db, tokenHash, now.toISOString());
  // S0:466 「先培训,后上岗」: a new user's roles wait for a training that names them, or a waiver.
  const untrained = config.training.newStaffTrainedFirst && isTrainingPending(db, user.id);
  return {
    tokenHash,
    csrfToken: session.csrfToken,
    mustChangePassword: user.mustChangePassword,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      depotId: user.depotId,
      depotPath: user.depotPath,
      roles: untrained ? [] : user.roles,
      ...(untrained && { inactiveRoles: user.roles }),
    },
  };
}

export function logOut(deps: Deps, session: SessionInfo): void {
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    users.deleteSession(tx, session.tokenHash);
    audit(tx, { actorId: session.actor.userId, depotId: session.actor.depotId, action: 'logout', entity: 'session' }, now);
  });
}

export function presentMe(deps: Deps, session: { actor: Actor; csrfToken: string }) {
  const user = users.findUser(deps.db, session.actor.userId)!;
  const depot = findDepot(deps.db, user.depotId)!;
  return { user: presentUser(user), depot: presentDepot(depot), csrfToken: session.csrfToken, mustChangePassword: user.mustChangePassword, trainingRequired: session.actor.inactiveRoles !== undefined };
}

/**
 * While a one-time password is in force, a session may only read who it is, log out, and change
 * its own password (PATCH /api/users/{own id}); everything else answers 403.
 */
export function assertPasswordSettled(session: SessionInfo, method: string, path: string) {
  if (!session.mustChangePassword) return;
  if (path === '/api/auth/me' || path === '/api/auth/logout') return;
  if (method === 'PATCH' && path === `/api/users/${session.actor.userId}`) return;
  throw new DomainError('password_change_required', 'Your password was reset: choose a new one first');
}

/**
 * Until a new user is trained or their leader waives it (S0:466), their roles are not active:
 * they may read who they are and what their depot allows anyone to read, log out and change
 * their own password; every change answers 403 training_required, and so does every read that
 * needs a role (assertRole).
 */
export function assertTrainingSettled(session: SessionInfo, method: string, path: string) {
  if (session.actor.inactiveRoles === undefined || method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  if (path === '/api/auth/logout') return;
  if (method === 'PATCH' && path === `/api/users/${session.actor.userId}`) return;
  throw new DomainError('training_required', 'New staff are trained before they work (S0:466): a training naming you, or a waiver by your leader, comes first', { roles: session.actor.inactiveRoles });
}
